import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { LabelContent, layoutLabel, mediaOf, renderEscPos, renderZpl, sizeForWidth, Dpi } from '../../libs/labels';
import { Actor } from '../auth/actor';
import { Role } from '../auth/role';
import { Language } from '../users/language';
import { AppConfig } from '../config/app-config';
import { CustodyStep, ruleOf } from '../../libs/custody';
import { CustodyEngine } from '../custody/custody-engine.service';
import { LabelContentsService } from './label-contents.service';
import { PrintJob } from './print-job.entity';
import { PrintQueue, PrintTask } from './print-queue';
import { sendToPrinter } from './printer-connection';
import { Printer, PrinterType } from './printer.entity';

// the worker reads every label it was asked for; who may ask was checked when the job was queued
const printWorker: Actor = {
  userId: '',
  username: 'print-worker',
  displayName: 'Print worker',
  language: Language.English,
  roles: [{ role: Role.Auditor, siteId: null, siteCode: null }],
};

/**
 * Sends queued print jobs: renders the labels for the printer's language and paper, sends them
 * over one connection, and once the printer confirms, marks the job printed and writes a
 * `label_printed` event for each item, in one transaction. A failed attempt is retried by the
 * queue with a doubling delay; the last one marks the job failed with its reason. Nothing here
 * holds a lock on an item while it talks to a printer.
 */
@Injectable()
export class PrintWorker implements OnModuleInit {
  private readonly logger = new Logger('PrintWorker');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queue: PrintQueue,
    private readonly labels: LabelContentsService,
    private readonly custody: CustodyEngine,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.queue.handleWith((task, attempt) => this.send(task, attempt));
  }

  async send(task: PrintTask, attempt: { number: number; last: boolean }): Promise<void> {
    const [claimed] = (await this.dataSource.query(
      `UPDATE print_jobs SET status = 'sending', attempts = attempts + 1, updated_at = now()
        WHERE id = $1 AND status IN ('queued', 'sending') RETURNING id`,
      [task.printJobId],
    )) as [{ id: string }[], number];
    if (!claimed?.length) return;
    const job = await this.dataSource.manager.findOneByOrFail(PrintJob, { id: task.printJobId });
    const printer = await this.dataSource.manager.findOneOrFail(Printer, { where: { id: job.printerId }, relations: { site: true } });
    if (printer.disabled) return this.fail(job, 'the printer was disabled before the job was sent');

    let bytes: Buffer;
    try {
      bytes = await this.render(job, printer);
    } catch (error) {
      return this.fail(job, `the labels could not be drawn: ${(error as Error).message}`);
    }
    try {
      await sendToPrinter(printer, bytes, { connectTimeoutMs: this.config.printerConnectTimeoutMs, idleTimeoutMs: this.config.printerIdleTimeoutMs });
    } catch (error) {
      const reason = (error as Error).message;
      if (attempt.last) return this.fail(job, `${reason} (attempt ${attempt.number} of ${this.config.printMaxAttempts}; giving up)`);
      await this.dataSource.query(`UPDATE print_jobs SET status = 'queued', error = $2, updated_at = now() WHERE id = $1 AND status = 'sending'`, [
        job.id,
        `${reason} (attempt ${attempt.number} of ${this.config.printMaxAttempts}; retrying)`.slice(0, 500),
      ]);
      this.logger.warn({ printJob: job.id, printer: printer.id, attempt: attempt.number }, `print job ${job.id}: ${reason}; retrying`);
      throw error;
    }
    await this.recordPrinted(job, printer, bytes.length);
  }

  private async render(job: PrintJob, printer: Printer): Promise<Buffer> {
    const media = mediaOf(sizeForWidth(printer.widthMm)!, printer.dpi as Dpi);
    const subjects = await this.labels.subjectsFor(printWorker, job.codes);
    const contents: LabelContent[] = subjects.flatMap((subject) =>
      Array.from({ length: job.copies }, (_, copy) => {
        const printNumber = subject.itemId ? job.printNumbers[subject.code] + copy : 1;
        return { ...subject.content, reprint: printNumber > 1 ? printNumber - 1 : null };
      }),
    );
    const layouts = contents.map((content) => layoutLabel(content, media));
    return printer.type === PrinterType.Zpl ? renderZpl(layouts) : renderEscPos(printer.type, layouts);
  }

  private async recordPrinted(job: PrintJob, printer: Printer, bytesSent: number): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const [, marked] = (await manager.query(
        `UPDATE print_jobs SET status = 'printed', printed_at = now(), bytes_sent = $2, updated_at = now() WHERE id = $1 AND status = 'sending'`,
        [job.id, bytesSent],
      )) as [unknown, number];
      if (marked !== 1) return;
      // an item that left the site, or was disposed, since the job was queued gets no event: the label printed all the same
      const items = (await manager.query(`SELECT id FROM items WHERE code = ANY($1) AND status = ANY($2) ORDER BY id FOR UPDATE`, [
        job.codes,
        ruleOf(CustodyStep.PrintLabel).from,
      ])) as { id: string }[];
      if (items.length === 0) return;
      const [requester] = (await manager.query(`SELECT id, username FROM users WHERE id = $1`, [job.requestedById])) as { id: string; username: string }[];
      const actor: Actor = { userId: requester.id, username: requester.username, displayName: '', language: Language.English, roles: [] };
      await this.custody.performIn(
        manager,
        {
          step: CustodyStep.PrintLabel,
          actor,
          items: { ids: items.map((item) => item.id) },
          // who may print was asked when the job was queued
          authorizedWhenQueued: true,
          change: (item) => {
            const first = job.printNumbers[item.code];
            const printNumbers = Array.from({ length: job.copies }, (_, copy) => first + copy);
            return {
              details: { printJob: job.id, printer: printer.name, copies: job.copies, printNumbers, reprint: printNumbers.some((number) => number > 1) },
            };
          },
        },
        null,
      );
    });
  }

  private async fail(job: PrintJob, reason: string): Promise<void> {
    await this.dataSource.query(`UPDATE print_jobs SET status = 'failed', error = $2, updated_at = now() WHERE id = $1`, [job.id, reason.slice(0, 500)]);
    this.logger.error({ printJob: job.id, printer: job.printerId }, `print job ${job.id} failed: ${reason}`);
  }
}
