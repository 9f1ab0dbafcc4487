import { CallHandler, ExecutionContext, Global, Injectable, Module, NestInterceptor, SetMetadata, UseInterceptors, applyDecorators } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyRequest } from 'fastify';
import { from, mergeMap, Observable } from 'rxjs';
import { DataSource } from 'typeorm';
import { CodeKind, parseCode } from '../../libs/codes';
import { Actor } from '../auth/actor';
import { sourceOf } from '../auth/witness';
import { csvOf } from '../common/csv';
import { Page, PageQuery, pageOf } from '../common/pagination';
import { requireCode } from '../common/scanned-code';

/**
 * What of an item was read: its record, its history, its custody report, its proof bundle, its
 * verification, its record at a scan, its record in a list or search, in its seizure's page, its label, or its events in the event feed.
 */
export const readKinds = ['record', 'history', 'custody_report', 'proof_bundle', 'verification', 'scan', 'list', 'seizure', 'label', 'feed'] as const;
export type ReadKind = (typeof readKinds)[number];

/** The columns of a `ReadView`. */
const readViewColumns = `read_at AS "readAt", reader_username AS reader, what, source_address AS "sourceAddress", user_agent AS "userAgent"`;

/** One read as auditors see it. */
export interface ReadView {
  readAt: Date;
  reader: string;
  what: ReadKind;
  sourceAddress: string;
  userAgent: string | null;
}

/**
 * The log of who read which item (ASVS V16.3.3, and what evidence systems call a viewed-evidence
 * audit): each read of an item by a person (the kinds above), written before the answer leaves. The row commits
 * without waiting for the disk (synchronous_commit off for that one statement): a read costs no
 * disk flush, and a crash of PostgreSQL itself could lose the last fraction of a second of reads,
 * never a custody event.
 */
@Injectable()
export class ReadLog {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Records that the actor read these items, one row each, before the caller answers. Reads that
   * come while a write of the log is under way go together in the next one (a busy counter's scans
   * share statements instead of queueing one by one); each caller still waits for its own rows.
   */
  record(actor: Actor, itemCodes: string[], what: ReadKind, request: FastifyRequest): Promise<void> {
    if (itemCodes.length === 0) return Promise.resolve();
    const source = sourceOf(request);
    const rows = itemCodes.map((code) => ({
      code,
      what,
      readerId: actor.userId,
      reader: actor.username,
      address: source.sourceAddress,
      userAgent: source.userAgent,
    }));
    return new Promise((resolve, reject) => {
      this.waiting.push({ rows, resolve, reject });
      if (!this.writing) void this.writeWaiting();
    });
  }

  private readonly waiting: { rows: ReadRow[]; resolve: () => void; reject: (error: unknown) => void }[] = [];
  private writing = false;

  private async writeWaiting(): Promise<void> {
    this.writing = true;
    while (this.waiting.length > 0) {
      const batch = this.waiting.splice(0, 200);
      const rows = batch.flatMap((entry) => entry.rows);
      const column = <K extends keyof ReadRow>(key: K) => rows.map((row) => row[key]);
      try {
        await this.dataSource.query(
          `WITH relaxed AS (SELECT set_config('synchronous_commit', 'off', true))
           INSERT INTO item_reads (item_code, what, reader_id, reader_username, source_address, user_agent)
           SELECT read.* FROM relaxed, unnest($1::text[], $2::text[], $3::uuid[], $4::text[], $5::text[], $6::text[]) AS read`,
          [column('code'), column('what'), column('readerId'), column('reader'), column('address'), column('userAgent')],
        );
        for (const entry of batch) entry.resolve();
      } catch (error) {
        for (const entry of batch) entry.reject(error);
      }
    }
    this.writing = false;
  }

  /** Who read an item, newest first. */
  async readsOf(itemCode: string, query: PageQuery): Promise<Page<ReadView>> {
    const [rows, [{ total }]] = await Promise.all([
      this.dataSource.query(`SELECT ${readViewColumns} FROM item_reads WHERE item_code = $1 ORDER BY read_at DESC, id DESC OFFSET $2 LIMIT $3`, [
        itemCode,
        query.offset,
        query.pageSize,
      ]) as Promise<ReadView[]>,
      this.dataSource.query(`SELECT count(*)::int AS total FROM item_reads WHERE item_code = $1`, [itemCode]) as Promise<{ total: number }[]>,
    ]);
    return pageOf(rows, total, query);
  }

  /** Every read of an item as CSV, oldest first, for the file of the case. */
  async csvOf(itemCode: string): Promise<string> {
    const rows = (await this.dataSource.query(`SELECT ${readViewColumns} FROM item_reads WHERE item_code = $1 ORDER BY read_at, id`, [itemCode])) as ReadView[];
    return csvOf(
      ['read_at', 'item', 'reader', 'what', 'source_address', 'user_agent'],
      rows.map((row) => [row.readAt.toISOString(), itemCode, row.reader, row.what, row.sourceAddress, row.userAgent]),
    );
  }
}

interface ReadRow {
  code: string;
  what: ReadKind;
  readerId: string;
  reader: string;
  address: string;
  userAgent: string | null;
}

const readKindKey = 'custody:readKind';

/**
 * Records, once the handler has answered, that the signed-in person read the items it answered:
 * the route's `code` (as the handler accepted it), the items of a list or of a seizure, the item of
 * a label, the item or the seizure's items of a scan.
 */
@Injectable()
export class ReadLogInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly log: ReadLog,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const what = this.reflector.get<ReadKind>(readKindKey, context.getHandler());
    const request = context.switchToHttp().getRequest<FastifyRequest & { user: Actor; params: { code?: string; file?: string } }>();
    return next.handle().pipe(
      mergeMap((answer) =>
        from(
          (async () => {
            await this.log.record(request.user, itemsRead(what, answer, request.params), what, request);
            return answer;
          })(),
        ),
      ),
    );
  }
}

/** The codes of the items an answer shows. */
function itemsRead(what: ReadKind, answer: unknown, parameters: { code?: string; file?: string }): string[] {
  const shown = answer as { kind?: string; code?: string; items?: { code: string }[]; data?: { code: string }[]; events?: { item: string }[] } | null;
  switch (what) {
    case 'feed':
      return [...new Set((shown?.events ?? []).map((event) => event.item))];
    case 'list':
      return (shown?.data ?? []).map((item) => item.code);
    case 'seizure':
      return (shown?.items ?? []).map((item) => item.code);
    case 'scan':
      if (shown?.kind === CodeKind.Item && typeof shown.code === 'string') return [shown.code];
      return shown?.kind === CodeKind.Seizure ? (shown.items ?? []).map((item) => item.code) : [];
    case 'label': {
      const parsed = parseCode((parameters.file ?? '').replace(/\.(png|svg)$/, ''));
      return parsed.ok && parsed.kind === CodeKind.Item ? [parsed.code] : [];
    }
    default:
      return [requireCode(parameters.code ?? '', CodeKind.Item, 'code')];
  }
}

/** A route that reads an item: each answer it gives is recorded in the read log. */
export function RecordsItemRead(what: ReadKind): MethodDecorator {
  return applyDecorators(SetMetadata(readKindKey, what), UseInterceptors(ReadLogInterceptor));
}

@Global()
@Module({ providers: [ReadLog, ReadLogInterceptor], exports: [ReadLog, ReadLogInterceptor] })
export class ReadLogModule {}
