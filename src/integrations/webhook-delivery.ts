import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import PgBoss from 'pg-boss';
import { DataSource, EntityManager } from 'typeorm';
import { webhookHeaders } from '../../libs/webhooks/signature';
import { AppConfig } from '../config/app-config';
import { EventRow, eventColumns } from '../custody/event-rows';
import { feedEventOf } from './event-feed';

export const webhookQueueName = 'webhook-deliveries';

/** Events handed to webhooks per transaction of the fan-out. */
const fanOutBatch = 2000;
/** Deliveries in flight at once per instance: a receiver that stalls holds up only its own. */
const workersPerInstance = 4;

/** What a receiver is POSTed: Standard Webhooks' `{type, timestamp, data}`, the data being the event as the feed serves it. The same bytes on every attempt. */
export function webhookBody(row: EventRow): string {
  const event = feedEventOf(row);
  return JSON.stringify({ type: `custody.${event.type}`, timestamp: event.occurredAt, data: event });
}

/**
 * Delivers custody events to webhook receivers, after they are in the ledger and never inside a
 * custody step: the fan-out turns each newly positioned event into one delivery per subscription
 * of its site (once: a unique key, and a cursor row that one instance at a time holds), queued in
 * pg-boss in the same transaction; the workers of every instance POST them, signed, and pg-boss
 * retries a failed attempt after a doubling delay, up to WEBHOOK_MAX_ATTEMPTS. Every attempt is
 * written to the delivery log.
 */
@Injectable()
export class WebhookQueue implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Webhooks');
  private boss: PgBoss | null = null;
  private workerIds: string[] = [];
  private timer?: NodeJS.Timeout;
  private fanningOut: Promise<void> | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const options = this.dataSource.options as { url?: string };
    const boss = new PgBoss({ connectionString: options.url, max: 2, application_name: 'custody-webhooks', schedule: false, supervise: true });
    boss.on('error', (error) => this.logger.error({ err: error }, `webhook queue: ${error.message}`));
    await boss.start();
    await boss.createQueue(webhookQueueName, { name: webhookQueueName, ...this.retries() }).catch((error: Error) => {
      // another instance created it first
      if (!/already exists|duplicate key/i.test(error.message)) throw error;
    });
    for (let worker = 0; worker < workersPerInstance; worker += 1) {
      this.workerIds.push(
        await boss.work<{ deliveryId: string }>(webhookQueueName, { batchSize: 1, includeMetadata: true, pollingIntervalSeconds: 0.5 }, async ([job]) => {
          await this.attempt(job.data.deliveryId, job.retryCount >= job.retryLimit);
        }),
      );
    }
    this.boss = boss;
    if (this.config.webhookFanOutEveryMs > 0) {
      this.timer = setInterval(() => void this.fanOutNow(), this.config.webhookFanOutEveryMs);
      this.timer.unref();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.fanningOut;
    const boss = this.boss;
    this.boss = null;
    await boss?.stop({ graceful: true, wait: true, timeout: 5000 });
  }

  /** Queues deliveries inside the caller's transaction: queued if and only if it commits. */
  async enqueue(manager: EntityManager, deliveryIds: string[]): Promise<void> {
    if (!this.boss) throw new Error('the webhook queue is not running');
    if (deliveryIds.length === 0) return;
    const db = { executeSql: (text: string, values: unknown[]) => manager.query(text, values).then((rows: unknown[]) => ({ rows })) };
    await this.boss.insert(
      deliveryIds.map((deliveryId) => ({ name: webhookQueueName, data: { deliveryId }, ...this.retries() })),
      { db },
    );
  }

  /** Wakes this instance's workers once deliveries are committed, instead of waiting for their next poll. */
  wake(): void {
    if (this.boss) for (const id of this.workerIds) this.boss.notifyWorker(id);
  }

  /** Hands every event positioned so far to the webhooks (tests; the timer does it on its rounds). Answers the deliveries made. */
  async fanOutAll(): Promise<number> {
    let total = 0;
    for (;;) {
      const made = await this.fanOut();
      if (made === null) return total;
      total += made;
    }
  }

  private fanOutNow(): Promise<void> {
    this.fanningOut ??= (async () => {
      try {
        while ((await this.fanOut()) !== null);
      } catch (error) {
        this.logger.error({ err: error }, `webhook fan-out: ${(error as Error).message}`);
      } finally {
        this.fanningOut = null;
      }
    })();
    return this.fanningOut;
  }

  /** One batch of positioned events turned into deliveries; null when there was nothing to do (or another instance is at it). */
  private async fanOut(): Promise<number | null> {
    if (!this.boss) return null;
    const made = await this.dataSource.transaction(async (manager) => {
      const [cursor] = (await manager.query(`SELECT last_position::float8 AS last FROM webhook_cursor WHERE id = 1 FOR UPDATE SKIP LOCKED`)) as {
        last: number;
      }[];
      if (!cursor) return null;
      const [{ head, subscribed }] = (await manager.query(
        `SELECT coalesce((SELECT max(sequence) FROM custody_events), 0)::float8 AS head, EXISTS (SELECT 1 FROM webhook_subscriptions WHERE active) AS subscribed`,
      )) as { head: number; subscribed: boolean }[];
      if (head <= cursor.last) return null;
      // nobody to tell: the cursor moves on without reading the events
      const until = subscribed ? Math.min(head, cursor.last + fanOutBatch) : head;
      const deliveries = subscribed
        ? ((await manager.query(
            `INSERT INTO webhook_deliveries (subscription_id, position, item_code, event_type)
             SELECT w.id, e.sequence, e.item_code, e.type
               FROM custody_events e
               LEFT JOIN transfers t ON t.code = e.transfer_code
               JOIN webhook_subscriptions w ON w.active AND e.sequence > w.starts_after AND (w.event_types IS NULL OR e.type = ANY(w.event_types))
               JOIN sites s ON s.id = w.site_id AND (e.site_code = s.code OR t.to_site_id = w.site_id)
              WHERE e.sequence > $1 AND e.sequence <= $2
              ORDER BY e.sequence
             ON CONFLICT (subscription_id, position) DO NOTHING
             RETURNING id`,
            [cursor.last, until],
          )) as { id: string }[])
        : [];
      await this.enqueue(
        manager,
        deliveries.map((delivery) => delivery.id),
      );
      await manager.query(`UPDATE webhook_cursor SET last_position = $1 WHERE id = 1`, [until]);
      return deliveries.length;
    });
    if (made) this.wake();
    return made;
  }

  /** One attempt at a delivery: POSTed, signed, within WEBHOOK_TIMEOUT_MS; written to the log; thrown back to pg-boss for a retry unless it was the last. */
  private async attempt(deliveryId: string, last: boolean): Promise<void> {
    const [row] = (await this.dataSource.query(
      `SELECT d.status, d.attempts, w.url, w.secret, w.active, ${eventColumns('e')}
         FROM webhook_deliveries d JOIN webhook_subscriptions w ON w.id = d.subscription_id JOIN custody_events e ON e.sequence = d.position
        WHERE d.id = $1`,
      [deliveryId],
    )) as (EventRow & { status: string; attempts: number; url: string; secret: string; active: boolean })[];
    if (!row || row.status !== 'pending') return;
    if (!row.active) {
      await this.dataSource.query(
        `UPDATE webhook_deliveries SET status = 'failed', last_error = 'the webhook was stopped' WHERE id = $1 AND status = 'pending'`,
        [deliveryId],
      );
      return;
    }
    const body = webhookBody(row);
    const started = process.hrtime.bigint();
    let statusCode: number | null = null;
    let problem: string | null = null;
    try {
      const response = await fetch(row.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'Custody-Webhooks/1', ...webhookHeaders(row.secret, deliveryId, body, new Date()) },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.config.webhookTimeoutMs),
      });
      statusCode = response.status;
      await response.body?.cancel().catch(() => undefined);
      if (statusCode < 200 || statusCode > 299) problem = `the receiver answered ${statusCode}`;
    } catch (error) {
      problem = failureOf(error, this.config.webhookTimeoutMs);
    }
    const durationMs = Math.round(Number(process.hrtime.bigint() - started) / 1e6);
    const status = problem === null ? 'delivered' : last ? 'failed' : 'pending';
    await this.dataSource.query(
      `WITH logged AS (
         INSERT INTO webhook_attempts (delivery_id, number, duration_ms, status_code, error) VALUES ($1, $2, $3, $4, $5))
       UPDATE webhook_deliveries SET attempts = $2, status = $6::text, last_attempt_at = now(), last_status_code = $4, last_error = $5,
              delivered_at = CASE WHEN $6::text = 'delivered' THEN now() END
        WHERE id = $1`,
      [deliveryId, row.attempts + 1, durationMs, statusCode, problem, status],
    );
    if (status === 'pending') throw new Error(`webhook delivery ${deliveryId}: ${problem}`);
  }

  private retries() {
    return {
      retryLimit: this.config.webhookMaxAttempts - 1,
      retryDelay: this.config.webhookRetryDelaySeconds,
      retryBackoff: true,
      // a worker that dies mid-attempt lets another take it over after this
      expireInSeconds: Math.ceil(this.config.webhookTimeoutMs / 1000) + 30,
    };
  }
}

/** Why an attempt got no answer, in words for the delivery log. */
function failureOf(error: unknown, timeoutMs: number): string {
  const failure = error as Error & { cause?: { code?: string; message?: string } };
  if (failure.name === 'TimeoutError' || failure.name === 'AbortError') return `no answer within ${timeoutMs} ms`;
  const cause = failure.cause?.code ?? failure.cause?.message ?? failure.message;
  return `could not reach the receiver: ${cause}`.slice(0, 500);
}
