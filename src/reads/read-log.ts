import { CallHandler, ExecutionContext, Global, Injectable, Module, NestInterceptor, SetMetadata, UseInterceptors, applyDecorators } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyRequest } from 'fastify';
import { from, mergeMap, Observable } from 'rxjs';
import { DataSource } from 'typeorm';
import { CodeKind } from '../../libs/codes';
import { Actor } from '../auth/actor';
import { sourceOf } from '../auth/witness';
import { csvOf } from '../common/csv';
import { Page, PageQuery, pageOf } from '../common/pagination';
import { requireCode } from '../common/scanned-code';

/** What of an item was read: its record, its history, its custody report, its proof bundle, its verification, or its record at a scan. */
export const readKinds = ['record', 'history', 'custody_report', 'proof_bundle', 'verification', 'scan'] as const;
export type ReadKind = (typeof readKinds)[number];

/** One read as auditors see it. */
export interface ReadView {
  readAt: Date;
  reader: string;
  what: ReadKind;
  sourceAddress: string;
  userAgent: string | null;
}

/**
 * The log of who read which item (ASVS 7.2, and what evidence systems call a viewed-evidence
 * audit): each read of an item's record, history, custody report, proof bundle or verification by
 * a person, and each scan that shows an item, written before the answer leaves. The row commits
 * without waiting for the disk (synchronous_commit off for that one statement): a read costs no
 * disk flush, and a crash of PostgreSQL itself could lose the last fraction of a second of reads,
 * never a custody event.
 */
@Injectable()
export class ReadLog {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async record(actor: Actor, itemCode: string, what: ReadKind, request: FastifyRequest): Promise<void> {
    const source = sourceOf(request);
    await this.dataSource.query(
      `WITH relaxed AS (SELECT set_config('synchronous_commit', 'off', true))
       INSERT INTO item_reads (item_code, what, reader_id, reader_username, source_address, user_agent)
       SELECT $1, $2, $3, $4, $5, $6 FROM relaxed`,
      [itemCode, what, actor.userId, actor.username, source.sourceAddress.slice(0, 64), source.userAgent],
    );
  }

  /** Who read an item, newest first. */
  async readsOf(itemCode: string, query: PageQuery): Promise<Page<ReadView>> {
    const [rows, [{ total }]] = await Promise.all([
      this.dataSource.query(
        `SELECT read_at AS "readAt", reader_username AS reader, what, source_address AS "sourceAddress", user_agent AS "userAgent"
           FROM item_reads WHERE item_code = $1 ORDER BY read_at DESC, id DESC OFFSET $2 LIMIT $3`,
        [itemCode, query.offset, query.pageSize],
      ) as Promise<ReadView[]>,
      this.dataSource.query(`SELECT count(*)::int AS total FROM item_reads WHERE item_code = $1`, [itemCode]) as Promise<{ total: number }[]>,
    ]);
    return pageOf(rows, total, query);
  }

  /** Every read of an item as CSV, oldest first, for the file of the case. */
  async csvOf(itemCode: string): Promise<string> {
    const rows = (await this.dataSource.query(
      `SELECT read_at AS "readAt", reader_username AS reader, what, source_address AS "sourceAddress", user_agent AS "userAgent"
         FROM item_reads WHERE item_code = $1 ORDER BY read_at, id`,
      [itemCode],
    )) as ReadView[];
    return csvOf(
      ['read_at', 'item', 'reader', 'what', 'source_address', 'user_agent'],
      rows.map((row) => [row.readAt.toISOString(), itemCode, row.reader, row.what, row.sourceAddress, row.userAgent]),
    );
  }
}

const readKindKey = 'custody:readKind';

/**
 * Records, once the handler has answered, that the signed-in person read this item (the route's
 * `code` parameter, as the handler accepted it). A scan is recorded only when it named an item.
 */
@Injectable()
export class ReadLogInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly log: ReadLog,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const what = this.reflector.get<ReadKind>(readKindKey, context.getHandler());
    const request = context.switchToHttp().getRequest<FastifyRequest & { user: Actor; params: { code: string } }>();
    return next.handle().pipe(
      mergeMap((answer) =>
        from(
          (async () => {
            const code = what === 'scan' ? scannedItemCode(answer) : requireCode(request.params.code, CodeKind.Item, 'code');
            if (code) await this.log.record(request.user, code, what, request);
            return answer;
          })(),
        ),
      ),
    );
  }
}

function scannedItemCode(answer: unknown): string | null {
  const scanned = answer as { kind?: string; code?: string } | null;
  return scanned?.kind === CodeKind.Item && typeof scanned.code === 'string' ? scanned.code : null;
}

/** A route that reads an item: each answer it gives is recorded in the read log. */
export function RecordsItemRead(what: ReadKind): MethodDecorator {
  return applyDecorators(SetMetadata(readKindKey, what), UseInterceptors(ReadLogInterceptor));
}

@Global()
@Module({ providers: [ReadLog, ReadLogInterceptor], exports: [ReadLog, ReadLogInterceptor] })
export class ReadLogModule {}
