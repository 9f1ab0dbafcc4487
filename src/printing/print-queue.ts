import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import PgBoss from 'pg-boss';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config';

export const printQueueName = 'print-jobs';

export interface PrintTask {
  printJobId: string;
}

export type PrintHandler = (task: PrintTask, attempt: { number: number; last: boolean }) => Promise<void>;

/**
 * The print queue, kept by pg-boss in the same PostgreSQL: a job is queued in the transaction that
 * records it, fetched by exactly one worker of any instance (SKIP LOCKED), retried with a doubling
 * delay, and at most one job per printer is active at a time (a singleton queue keyed by printer).
 */
@Injectable()
export class PrintQueue implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('PrintQueue');
  private boss: PgBoss | null = null;
  private workerId: string | null = null;
  private handler: PrintHandler | null = null;

  constructor(
    private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** The worker of this instance; set before the application starts. */
  handleWith(handler: PrintHandler): void {
    this.handler = handler;
  }

  async onApplicationBootstrap(): Promise<void> {
    const options = this.dataSource.options as { url?: string };
    const boss = new PgBoss({ connectionString: options.url, max: 4, application_name: 'custody-print-queue', schedule: false, supervise: true });
    boss.on('error', (error) => this.logger.error({ err: error }, `print queue: ${error.message}`));
    await boss.start();
    await boss
      .createQueue(printQueueName, {
        name: printQueueName,
        policy: 'singleton',
        retryLimit: this.config.printMaxAttempts - 1,
        retryDelay: this.config.printRetryDelaySeconds,
        retryBackoff: true,
        // a worker that dies mid-job lets another take it over after this
        expireInSeconds: Math.ceil((this.config.printerConnectTimeoutMs + 4 * this.config.printerIdleTimeoutMs) / 1000) + 30,
      })
      .catch((error: Error) => {
        // another instance created it first
        if (!/already exists|duplicate key/i.test(error.message)) throw error;
      });
    this.workerId = await boss.work<PrintTask>(printQueueName, { batchSize: 1, includeMetadata: true, pollingIntervalSeconds: 0.5 }, async ([job]) => {
      if (!this.handler) throw new Error('no print worker is registered');
      await this.handler(job.data, { number: job.retryCount + 1, last: job.retryCount >= job.retryLimit });
    });
    this.boss = boss;
  }

  async onApplicationShutdown(): Promise<void> {
    const boss = this.boss;
    this.boss = null;
    await boss?.stop({ graceful: true, wait: true, timeout: 5000 });
  }

  /** Queues a print job inside the caller's transaction: it is queued if and only if that commits. */
  async enqueue(manager: EntityManager, printJobId: string, printerId: string): Promise<void> {
    if (!this.boss) throw new Error('the print queue is not running');
    const db = { executeSql: (text: string, values: unknown[]) => manager.query(text, values).then((rows: unknown[]) => ({ rows })) };
    await this.boss.send(printQueueName, { printJobId } satisfies PrintTask, { singletonKey: printerId, db });
  }

  /** Wakes this instance's worker once a new job is committed, instead of waiting for the next poll. */
  wake(): void {
    if (this.boss && this.workerId) this.boss.notifyWorker(this.workerId);
  }
}
