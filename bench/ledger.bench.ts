import { NestFactory } from '@nestjs/core';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module';
import { loadConfig } from '../src/config/app-config';
import { LedgerService } from '../src/ledger/ledger.service';
import { inReadSnapshot } from '../src/ledger/read-snapshot';
import { verifyLedger } from '../src/ledger/verify-ledger';
import type { BenchmarkResult } from './run';
import { seededDatabase } from './seeded-database';

/**
 * Over the seeded ledger (one `seized` event per item): the verify rate next to simply streaming
 * the same rows with pg in the same batches, and the time to build a checkpoint and an inclusion proof.
 */
export async function ledgerBenchmark(): Promise<BenchmarkResult[]> {
  const { databaseUrl, folder } = await seededDatabase();
  const streamed = await timed(() => streamRaw(databaseUrl));
  const config = loadConfig({ DATABASE_URL: databaseUrl, DATA_DIR: folder, LOG_LEVEL: 'silent', CHECKPOINT_EVERY_EVENTS: '0', CHECKPOINT_EVERY_MINUTES: '0' });
  const context = await NestFactory.createApplicationContext(AppModule.forRoot(config, databaseUrl), { logger: false });
  try {
    const dataSource = context.get(DataSource);
    const verified = await timed(() => inReadSnapshot(dataSource, verifyLedger));
    if (!verified.result.ok) throw new Error(`the seeded ledger does not verify: ${JSON.stringify(verified.result)}`);
    const ledger = context.get(LedgerService);
    const checkpoint = await timed(() => ledger.makeCheckpoint());
    const events = checkpoint.result.treeSize;
    const proof = await timed(() => ledger.inclusionProofs(events, [Math.ceil(events / 2)]));
    return [
      { name: 'events in the ledger', value: events, unit: 'events' },
      { name: 'GET /ledger/verify rate', value: events / verified.seconds, unit: 'events/s', versus: 'raw pg streaming of the same rows' },
      { name: 'raw pg streaming of the same rows', value: streamed.result / streamed.seconds, unit: 'rows/s' },
      { name: 'verify rate / raw streaming rate', value: (100 * events) / verified.seconds / (streamed.result / streamed.seconds), unit: '%' },
      { name: 'building a checkpoint', value: checkpoint.seconds, unit: 's' },
      { name: 'building one inclusion proof', value: proof.seconds, unit: 's' },
    ];
  } finally {
    await context.close();
  }
}

async function streamRaw(databaseUrl: string): Promise<number> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    let rows = 0;
    for (let after = 0; ;) {
      const batch = await client.query('SELECT * FROM custody_events WHERE sequence > $1 ORDER BY sequence LIMIT 5000', [after]);
      if (batch.rows.length === 0) return rows;
      rows += batch.rows.length;
      after = Number(batch.rows[batch.rows.length - 1].sequence);
    }
  } finally {
    await client.end();
  }
}

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; seconds: number }> {
  const started = process.hrtime.bigint();
  const result = await work();
  return { result, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}
