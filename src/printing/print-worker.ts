import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { BlockList } from 'node:net';
import { Dpi, LabelContent, LabelDoesNotFit, LabelLanguage, layoutLabel, mediaOf, renderEscPos, renderZpl, sizeForWidth } from '../../libs/labels';
import { PrinterState, stateErrorCode } from '../../printers/status';
import { Actor } from '../auth/actor';
import { Role } from '../auth/role';
import { Language } from '../users/language';
import { AppConfig } from '../config/app-config';
import { CustodyStep, ruleOf } from '../../libs/custody';
import { CustodyEngine } from '../custody/custody-engine.service';
import { LabelContentsService } from './label-contents.service';
import { PrintJob, PrintJobStatus } from './print-job.entity';
import { PrintQueue, PrintTask } from './print-queue';
import { ConnectionOptions, PrinterProblem, printerNetworks, sendToPrinter, targetOf } from './printer-connection';
import { Printer, PrinterConfirmation, PrinterType } from './printer.entity';

// the worker reads every label it was asked for; who may ask was checked when the job was queued
const printWorker: Actor = {
  userId: '',
  username: 'print-worker',
  displayName: 'Print worker',
  language: Language.English,
  roles: [{ role: Role.Auditor, siteId: null, siteCode: null }],
};

/**
 * Sends queued print jobs: renders the labels for the site's language and the printer's paper,
 * sends them over one connection, and once the printer answers `ready` (or, for a printer that
 * confirms on send, once it took the bytes: `sent`) marks the job and writes a `label_printed`
 * event for each item, in one transaction. A failed attempt says why at once (a stable code and
 * words) and is retried by the queue with a doubling delay; the last one marks the job failed.
 * Every attempt records the printer's state. Nothing here locks an item while it talks to a printer.
 */
@Injectable()
export class PrintWorker implements OnModuleInit {
  private readonly logger = new Logger('PrintWorker');
  private readonly networks: BlockList;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queue: PrintQueue,
    private readonly labels: LabelContentsService,
    private readonly custody: CustodyEngine,
    private readonly config: AppConfig,
  ) {
    this.networks = printerNetworks(config.printerNetworks);
  }

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
    if (printer.disabled) return this.fail(job, 'PRINTER_DISABLED', 'the printer was disabled before the job was sent');

    let bytes: Buffer;
    try {
      bytes = await this.render(job, printer);
    } catch (error) {
      const code = error instanceof LabelDoesNotFit ? 'LABEL_DOES_NOT_FIT' : 'LABEL_NOT_DRAWN';
      return this.fail(job, code, `the labels could not be drawn: ${(error as Error).message}`);
    }
    let outcome: { state: PrinterState.Ready } | { state: 'sent' };
    try {
      outcome = await sendToPrinter(targetOf(printer), bytes, this.connection());
    } catch (error) {
      if (!(error instanceof PrinterProblem)) throw error;
      await this.seen(printer, error.state);
      const code = stateErrorCode(error.state);
      // an address outside PRINTER_NETWORKS does not move by waiting: no retry
      if (attempt.last || error.state === PrinterState.NotAllowed)
        return this.fail(job, code, `${error.message} (attempt ${attempt.number} of ${this.config.printMaxAttempts}; giving up)`);
      // said at once, in the job, while the retries go on behind
      await this.dataSource.query(
        `UPDATE print_jobs SET status = 'queued', error = $2, error_code = $3, updated_at = now() WHERE id = $1 AND status = 'sending'`,
        [job.id, `${error.message} (attempt ${attempt.number} of ${this.config.printMaxAttempts}; retrying)`.slice(0, 500), code],
      );
      this.logger.warn(
        { printJob: job.id, printer: printer.id, attempt: attempt.number, state: error.state },
        `print job ${job.id}: ${error.message}; retrying`,
      );
      throw error;
    }
    await this.seen(printer, outcome.state === 'sent' ? PrinterState.Ready : outcome.state);
    await this.recordPrinted(job, printer, bytes.length, outcome.state === 'sent' ? PrintJobStatus.Sent : PrintJobStatus.Printed);
  }

  private connection(): ConnectionOptions {
    return { connectTimeoutMs: this.config.printerConnectTimeoutMs, idleTimeoutMs: this.config.printerIdleTimeoutMs, networks: this.networks };
  }

  /** Keeps what the printer was last seen to be, for everyone's screens (the seizure page warns when it was unreachable). */
  private async seen(printer: Printer, state: PrinterState): Promise<void> {
    await this.dataSource.query(`UPDATE printers SET last_state = $2, last_state_at = now() WHERE id = $1`, [printer.id, state]);
  }

  private async render(job: PrintJob, printer: Printer): Promise<Buffer> {
    const media = mediaOf(sizeForWidth(printer.widthMm)!, printer.dpi as Dpi);
    // labels speak the primary language of the site whose printer prints them
    const subjects = await this.labels.subjectsFor(printWorker, job.codes, 'codes', printer.site.documentLanguages[0] as LabelLanguage);
    const contents: LabelContent[] = subjects.flatMap((subject) =>
      Array.from({ length: job.copies }, (_, copy) => {
        const printNumber = subject.itemId ? job.printNumbers[subject.code] + copy : 1;
        return { ...subject.content, reprint: printNumber > 1 ? printNumber - 1 : null };
      }),
    );
    const layouts = contents.map((content) => layoutLabel(content, media));
    const askStatus = printer.confirmation === PrinterConfirmation.Status;
    return printer.type === PrinterType.Zpl ? renderZpl(layouts, { askStatus }) : renderEscPos(printer.type, layouts, { askStatus });
  }

  private async recordPrinted(job: PrintJob, printer: Printer, bytesSent: number, status: PrintJobStatus.Printed | PrintJobStatus.Sent): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      // a printed job carries no error: the failures of earlier attempts are over
      const [, marked] = (await manager.query(
        `UPDATE print_jobs SET status = $3, printed_at = now(), bytes_sent = $2, error = NULL, error_code = NULL, updated_at = now() WHERE id = $1 AND status = 'sending'`,
        [job.id, bytesSent, status],
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
              details: {
                printJob: job.id,
                printer: printer.name,
                copies: job.copies,
                printNumbers,
                reprint: printNumbers.some((number) => number > 1),
                // a printer that cannot answer took the bytes; nobody knows that it printed
                ...(status === PrintJobStatus.Sent && { confirmed: false }),
              },
            };
          },
        },
        null,
      );
    });
  }

  private async fail(job: PrintJob, code: string, reason: string): Promise<void> {
    await this.dataSource.query(`UPDATE print_jobs SET status = 'failed', error = $2, error_code = $3, updated_at = now() WHERE id = $1`, [
      job.id,
      reason.slice(0, 500),
      code,
    ]);
    this.logger.error({ printJob: job.id, printer: job.printerId }, `print job ${job.id} failed: ${reason}`);
  }
}
