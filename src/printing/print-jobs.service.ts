import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CodeKind } from '../../libs/codes';
import { CustodyStep, ruleOf, transition } from '../../libs/custody';
import { Actor } from '../auth/actor';
import { mayAct, mayPrintLabels, mayReadSite, siteCondition } from '../custody/access';
import { CustodyError, CustodyErrorCode } from '../common/errors/custody-error';
import { Page, pageOf } from '../common/pagination';
import { markRequestApplied } from '../idempotency/idempotency-context';
import { CreatePrintJobDto, PrintJobQuery } from './dto/printing.dto';
import { LabelContentsService } from './label-contents.service';
import { PrintJob, PrintJobStatus } from './print-job.entity';
import { PrintQueue } from './print-queue';
import { PrintersService } from './printers.service';

export interface PrintJobView {
  id: string;
  status: PrintJobStatus;
  printer: string;
  printerName: string;
  site: string;
  codes: string[];
  copies: number;
  attempts: number;
  error: string | null;
  errorCode: string | null;
  bytesSent: number | null;
  requestedBy: string;
  createdAt: Date;
  updatedAt: Date;
  printedAt: Date | null;
}

const selectJobs = `
  SELECT job.id, job.status, job.printer_id AS printer, printer.name AS "printerName", site.code AS site, job.codes, job.copies, job.attempts,
         job.error, job.error_code AS "errorCode", job.bytes_sent AS "bytesSent", requester.username AS "requestedBy", job.created_at AS "createdAt", job.updated_at AS "updatedAt",
         job.printed_at AS "printedAt", printer.site_id AS "siteId"
    FROM print_jobs job
    JOIN printers printer ON printer.id = job.printer_id
    JOIN sites site ON site.id = printer.site_id
    JOIN users requester ON requester.id = job.requested_by_id`;

@Injectable()
export class PrintJobsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly printers: PrintersService,
    private readonly labels: LabelContentsService,
    private readonly queue: PrintQueue,
  ) {}

  /**
   * Queues labels on a printer of the actor's site, in one transaction with the print numbers of
   * its item labels (so a reprint says which one it is) and its place in the print queue.
   */
  async create(actor: Actor, dto: CreatePrintJobDto): Promise<PrintJobView> {
    const printer = await this.printers.readable(actor, dto.printer);
    if (!mayPrintLabels(actor, printer.siteId, false)) {
      throw new CustodyError(CustodyErrorCode.Forbidden, `printing on ${printer.site.code}'s printers needs a role at ${printer.site.code}`);
    }
    if (printer.disabled)
      throw new CustodyError(CustodyErrorCode.Conflict, `the printer "${printer.name}" is disabled`, [{ field: 'printer', problem: 'is disabled' }]);
    const codes = [...new Set(dto.codes.map((code) => code.trim().toUpperCase()))];
    const subjects = await this.labels.subjectsFor(actor, codes);
    if (subjects.some((subject) => subject.kind !== CodeKind.Location) && !mayPrintLabels(actor, printer.siteId, true)) {
      throw new CustodyError(CustodyErrorCode.Forbidden, 'administrators print location labels; evidence labels are printed by the people of the site');
    }
    // an item's label is printed by its own site, while it is there (not by the site it is on its way to)
    const items = subjects.flatMap((subject) => (subject.item ? [subject.item] : []));
    const elsewhere = items.filter((item) => !mayAct(actor, ruleOf(CustodyStep.PrintLabel).action, item.siteId) || item.siteId !== printer.siteId);
    if (elsewhere.length > 0) {
      throw new CustodyError(
        CustodyErrorCode.Forbidden,
        `labels of items at another site are printed there: ${elsewhere.map((item) => `${item.code} (${item.site})`).join(', ')}`,
        elsewhere.map((item) => ({ field: 'codes', problem: `${item.code} is at ${item.site}, not at ${printer.site.code}` })),
      );
    }
    const refused = items.flatMap((item) => {
      const allowed = transition(CustodyStep.PrintLabel, item.status);
      return allowed.allowed ? [] : [{ code: item.code, reason: allowed.reason }];
    });
    if (refused.length > 0) {
      throw new CustodyError(
        CustodyErrorCode.ItemNotInCustody,
        `these items get no label now: ${refused.map((refusal) => `${refusal.code} (${refusal.reason})`).join('; ')}`,
        refused.map((refusal) => ({ field: 'codes', problem: `${refusal.code}: ${refusal.reason}` })),
      );
    }
    const copies = dto.copies ?? 1;
    // the answer is the job as it was accepted: read before commit, since the worker may take it up at once
    const queued = await this.dataSource.transaction(async (manager) => {
      const printNumbers: Record<string, number> = {};
      for (const subject of subjects.filter((each) => each.itemId !== null).sort((a, b) => a.itemId!.localeCompare(b.itemId!))) {
        const [{ reserved }] = await manager.query(
          `INSERT INTO label_print_counts AS counted (item_id, reserved) VALUES ($1, $2)
           ON CONFLICT (item_id) DO UPDATE SET reserved = counted.reserved + EXCLUDED.reserved RETURNING reserved`,
          [subject.itemId, copies],
        );
        printNumbers[subject.code] = reserved - copies + 1;
      }
      const job = manager.create(PrintJob, {
        printerId: printer.id,
        requestedById: actor.userId,
        codes: subjects.map((subject) => subject.code),
        copies,
        printNumbers,
        status: PrintJobStatus.Queued,
      });
      await manager.insert(PrintJob, job);
      await this.queue.enqueue(manager, job.id, printer.id);
      await markRequestApplied(manager);
      return this.getFor(actor, job.id, manager);
    });
    this.queue.wake();
    return queued;
  }

  async getFor(actor: Actor, id: string, manager: EntityManager = this.dataSource.manager): Promise<PrintJobView> {
    const [row] = await manager.query(`${selectJobs} WHERE job.id = $1`, [id]);
    if (!row || !mayReadSite(actor, row.siteId)) throw CustodyError.notFound(`print job ${id}`);
    return toView(row);
  }

  async list(actor: Actor, query: PrintJobQuery): Promise<Page<PrintJobView>> {
    const conditions: string[] = [];
    const parameters: unknown[] = [];
    const parameter = (value: unknown) => `$${parameters.push(value)}`;
    conditions.push(siteCondition(actor, 'printer.site_id', parameter));
    if (query.printer !== undefined) conditions.push(`job.printer_id = ${parameter((await this.printers.readable(actor, query.printer)).id)}`);
    if (query.status !== undefined) conditions.push(`job.status = ${parameter(query.status)}`);
    const where = conditions.join(' AND ') || 'TRUE';
    const [{ total }] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM print_jobs job JOIN printers printer ON printer.id = job.printer_id WHERE ${where}`,
      parameters,
    );
    const rows = await this.dataSource.query(
      `${selectJobs} WHERE ${where} ORDER BY job.created_at DESC, job.id LIMIT ${query.pageSize} OFFSET ${query.offset}`,
      parameters,
    );
    return pageOf(rows.map(toView), total, query);
  }
}

function toView(row: PrintJobView & { siteId: string }): PrintJobView {
  const { siteId: _siteId, ...view } = row;
  return view;
}
