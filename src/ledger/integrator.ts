import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client, ClientConfig } from 'pg';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { EventsAppended } from '../custody/ledger-append';
import { IntegrationBatch, positionWaitingEvents } from '../custody/ledger-positions';
import { GrownTree, growTiles, Query } from './tile-store';

/** Any fixed number, the same in every Custody process: the advisory lock its leader holds. */
const leaderLock = 74_201_722;

/**
 * Gives committed custody events their gapless ledger positions, in commit order, in small
 * batches, as Certificate Transparency logs and Trillian's sequencer do: appends never wait on a
 * counter, and a checkpoint covers a prefix that never changes. One leader among all instances
 * (a PostgreSQL advisory lock held by a connection of its own; when the leader dies its
 * connection ends and another instance takes over within a second). Each batch is checked as it
 * is integrated: every hash recomputed, every link to the item's previous event.
 */
@Injectable()
export class LedgerIntegrator implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Integrator');
  private leader: Client | null = null;
  private timer?: NodeJS.Timeout;
  private running: Promise<void> | null = null;
  private woken = false;
  private stopped = false;
  private halted: IntegrationBatch['refused'] = null;
  private stopListening?: () => void;
  /** The tree after this instance's last batch: its right edge saves reading it again. */
  private tree?: GrownTree;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly appended: EventsAppended,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.integrateEveryMs === 0) return;
    this.timer = setInterval(() => this.tick(), this.config.integrateEveryMs);
    this.timer.unref();
    // an append in this instance wakes its leader at once; one that does not lead tries for the lead on its rounds only
    this.stopListening = this.appended.listen(() => this.leader && this.tick());
    this.tick();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    this.stopListening?.();
    clearInterval(this.timer);
    await this.running;
    await this.leader?.end().catch(() => undefined);
    this.leader = null;
  }

  /** Whether this instance leads integration now. */
  get leading(): boolean {
    return this.leader !== null;
  }

  /** The event that stopped integration, if one failed its check. */
  get haltedAt(): IntegrationBatch['refused'] {
    return this.halted;
  }

  /** Gives every event committed so far its position (tests, imports, the benchmark's seeding), whoever leads. */
  async integrateAll(batchSize = 5000): Promise<number> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      let total = 0;
      for (;;) {
        const batch = await this.integrate((text, parameters) => runner.query(text, parameters), batchSize);
        total += batch.positioned;
        if (batch.refused) throw new Error(`integration stopped at event ${batch.refused.itemSequence} of item ${batch.refused.item}: ${batch.refused.reason}`);
        if (batch.positioned < batchSize) return total;
      }
    } finally {
      await runner.release();
    }
  }

  private tick(): void {
    if (this.running) {
      this.woken = true;
      return;
    }
    this.running = this.lead()
      .catch((error: unknown) => {
        this.logger.error({ err: error }, 'integration failed; trying again shortly');
        void this.leader?.end().catch(() => undefined);
        this.leader = null;
      })
      .finally(() => {
        this.running = null;
      });
  }

  /** Takes the lead if nobody holds it, then integrates until nothing waits. */
  private async lead(): Promise<void> {
    if (this.stopped) return;
    if (!this.leader) {
      const client = new Client(this.connectionOptions());
      client.on('error', () => undefined);
      await client.connect();
      if (this.stopped) return void (await client.end());
      const [{ leads }] = (await client.query('SELECT pg_try_advisory_lock($1) AS leads', [leaderLock])).rows as [{ leads: boolean }];
      if (!leads) {
        await client.end();
        return;
      }
      client.on('end', () => {
        if (this.leader === client) this.leader = null;
      });
      this.leader = client;
      this.logger.log('this instance now gives custody events their ledger positions');
    }
    const leader = this.leader;
    do {
      this.woken = false;
      for (;;) {
        const batch = await this.integrate(async (text, parameters) => (await leader.query(text, parameters)).rows, this.config.integrateBatchSize);
        if (batch.refused) {
          if (this.halted?.item !== batch.refused.item || this.halted.itemSequence !== batch.refused.itemSequence) {
            this.logger.error(batch.refused, `integration stopped: event ${batch.refused.itemSequence} of item ${batch.refused.item} ${batch.refused.reason}`);
          }
          this.halted = batch.refused;
        } else {
          this.halted = null;
        }
        if (batch.positioned < this.config.integrateBatchSize || this.stopped) break;
      }
    } while (this.woken && !this.stopped);
  }

  /**
   * One batch, in one transaction, the ledger head's row locked: the tiles first catch up with
   * positions given before they existed (events of format 1), then the oldest events waiting get
   * their positions and the tiles grow by their hashes. The head then says the new size and root.
   */
  private async integrate(query: Query, batchSize: number): Promise<IntegrationBatch> {
    await query('BEGIN');
    try {
      const [head] = (await query('SELECT last_sequence, tree_size FROM ledger_head WHERE id = 1 FOR UPDATE')) as [
        { last_sequence: string; tree_size: string },
      ];
      const lastSequence = Number(head.last_sequence);
      const treeSize = Number(head.tree_size);
      let grown: GrownTree | undefined = this.tree;
      let batch: IntegrationBatch = { positioned: 0, refused: null };
      let caughtUp = treeSize === lastSequence;
      if (!caughtUp) {
        const upTo = Math.min(lastSequence, treeSize + batchSize);
        const rows = (await query(`SELECT hash FROM custody_events WHERE sequence > $1 AND sequence <= $2 ORDER BY sequence`, [treeSize, upTo])) as {
          hash: string;
        }[];
        if (rows.length !== upTo - treeSize) throw new Error(`positions ${treeSize + 1} to ${upTo} are not all in the ledger: run GET /ledger/verify`);
        grown = await growTiles(query, treeSize, entriesOf(rows.map((row) => row.hash)), grown);
        caughtUp = upTo === lastSequence;
        // more to catch up with: the next batch goes on
        if (!caughtUp) batch = { positioned: rows.length, refused: null };
      }
      if (caughtUp) {
        const positioned = await positionWaitingEvents(query, lastSequence, batchSize);
        grown = await growTiles(query, lastSequence, entriesOf(positioned.hashes), grown);
        batch = { positioned: positioned.hashes.length, refused: positioned.refused };
      }
      if (!grown) throw new Error('the integrator grew no tree');
      // nothing waited: the head stays as it is
      if (grown.treeSize !== treeSize) {
        await query('UPDATE ledger_head SET last_sequence = greatest(last_sequence, $1), tree_size = $1, root_hash = $2 WHERE id = 1', [
          grown.treeSize,
          grown.rootHash,
        ]);
      }
      await query('COMMIT');
      this.tree = grown;
      return batch;
    } catch (error) {
      this.tree = undefined;
      await query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  /** The leader's connection is named after its process, so an operator (and the crash tests) can see in pg_stat_activity which instance leads. */
  private connectionOptions(): ClientConfig {
    const options = (this.dataSource.driver.options as { url?: string; connectTimeoutMS?: number; extra?: ClientConfig }) ?? {};
    return { connectionString: options.url, connectionTimeoutMillis: options.connectTimeoutMS, application_name: `custody-integrator ${process.pid}` };
  }
}

function entriesOf(hashes: string[]): Buffer[] {
  return hashes.map((hash) => Buffer.from(hash, 'hex'));
}
