import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { LedgerWitnesses } from './ledger-witnesses';
import { LedgerService } from './ledger.service';

/**
 * Publishes a checkpoint every N events or M minutes, whichever comes first; any instance may, none
 * twice. Then takes it to the witnesses; one that did not cosign is tried again at the next check.
 */
@Injectable()
export class CheckpointScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Checkpoints');
  private timer?: NodeJS.Timeout;
  private running = false;

  constructor(
    private readonly config: AppConfig,
    private readonly ledger: LedgerService,
    private readonly witnesses: LedgerWitnesses,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.checkpointEveryEvents === 0 && this.config.checkpointEveryMinutes === 0 && !this.witnesses.configured) return;
    this.timer = setInterval(() => void this.checkpointIfDue(), this.config.checkpointCheckSeconds * 1000);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  async checkpointIfDue(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const anchored = (await this.ledger.latestCheckpoint())?.treeSize ?? 0;
      const [{ counted, waiting_since: waitingSince }] = await this.dataSource.query(
        `SELECT head.last_sequence::bigint AS counted,
                (SELECT occurred_at FROM custody_events WHERE sequence = $1 + 1) AS waiting_since
           FROM ledger_head head WHERE head.id = 1`,
        [anchored],
      );
      const waiting = Number(counted) - anchored;
      const minutes = waitingSince ? (Date.now() - new Date(waitingSince).getTime()) / 60_000 : 0;
      const due =
        waiting > 0 &&
        ((this.config.checkpointEveryEvents > 0 && waiting >= this.config.checkpointEveryEvents) ||
          (this.config.checkpointEveryMinutes > 0 && minutes >= this.config.checkpointEveryMinutes));
      if (due) {
        const checkpoint = await this.ledger.makeCheckpoint();
        this.logger.log({ treeSize: checkpoint.treeSize, rootHash: checkpoint.rootHash }, `checkpoint over ${checkpoint.treeSize} events`);
      }
      await this.witnesses.submitLatest();
    } catch (error) {
      this.logger.error({ err: error }, 'making a checkpoint failed; trying again at the next check');
    } finally {
      this.running = false;
    }
  }
}
