import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module';
import { loadConfig } from '../src/config/app-config';
import { EmbeddedDatabase } from '../src/database/embedded-database';
import { prepareDatabase } from '../src/database/prepare-database';
import { LedgerIntegrator } from '../src/ledger/integrator';
import { CheckpointDocument, LedgerService } from '../src/ledger/ledger.service';
import { copySeed } from './copy-seed';

export interface SeededDatabase {
  databaseUrl: string;
  folder: string;
  items: number;
  /** The events seeded (the demo's not counted). */
  events: number;
  seedSeconds: number;
  /** Of which: the COPY of seizures, items and events (hashes computed on the way), the integrator growing the tiles, VACUUM ANALYZE. */
  copySeconds: number;
  tilesSeconds: number;
  vacuumSeconds: number;
  /** pg_database_size after seeding. */
  databaseBytes: number;
  /** A checkpoint signed when the first half of the items had been seeded. */
  earlyCheckpoint: CheckpointDocument;
}

let seeded: Promise<SeededDatabase> | undefined;
let database: EmbeddedDatabase | undefined;

/**
 * One embedded PostgreSQL with the demo and BENCH_ITEMS items (500,000 with their `seized` event;
 * with BENCH_SCALE=full 4,300,000 items and 40 million events, ten years of a country), written
 * with COPY (bench/copy-seed.ts) and their tiles grown by the integrator. Made once per
 * `npm run bench` and shared by the benchmarks that need it.
 */
export function seededDatabase(): Promise<SeededDatabase> {
  // the default fits `npm run bench` in about ten minutes here; full is ten years of DESIGN.md's volume
  return (seeded ??= seed(Number(process.env.BENCH_ITEMS ?? (process.env.BENCH_SCALE === 'full' ? 4_300_000 : 500_000))));
}

export async function stopSeededDatabase(): Promise<void> {
  if (!seeded) return;
  const { folder } = await seeded;
  await database?.stop();
  rmSync(folder, { recursive: true, force: true });
}

/** Events per item in the seeded ledger: its `seized` event only, or ten years of history with BENCH_SCALE=full (40 M events for 4.3 M items). */
function eventsPerItem(): number {
  return Number(process.env.BENCH_EVENTS_PER_ITEM ?? (process.env.BENCH_SCALE === 'full' ? 9.3 : 1));
}

/**
 * Custody's modules on a seeded database, without HTTP: silent, no checkpoint signed and no
 * integration round unasked (a benchmark calls the integrator when it means to).
 */
export function applicationOn(seeded: { databaseUrl: string; folder: string }): Promise<INestApplicationContext> {
  const config = loadConfig({
    DATABASE_URL: seeded.databaseUrl,
    DATA_DIR: seeded.folder,
    LOG_LEVEL: 'silent',
    CHECKPOINT_EVERY_EVENTS: '0',
    CHECKPOINT_EVERY_MINUTES: '0',
    LEDGER_INTEGRATE_EVERY_MS: '0',
  });
  return NestFactory.createApplicationContext(AppModule.forRoot(config, seeded.databaseUrl), { logger: false });
}

async function seed(itemCount: number): Promise<SeededDatabase> {
  const folder = mkdtempSync(join(tmpdir(), 'custody-bench-'));
  database = new EmbeddedDatabase(folder, { port: 0 });
  const databaseUrl = await database.start();
  await prepareDatabase(databaseUrl, { demo: 'always', connectTimeoutSeconds: 10, log: () => undefined });
  const context = await applicationOn({ databaseUrl, folder });
  try {
    const dataSource = context.get(DataSource);
    const integrator = context.get(LedgerIntegrator);
    const started = process.hrtime.bigint();
    const since = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e9;
    // seeding the full scale takes a while: say how far it got
    const progress = (what: string) => console.error(`bench: seeding ${itemCount} items: ${what} after ${since(started).toFixed(0)} s`);
    await integrator.integrateAll();
    // in two halves: a checkpoint signed over the first, from which the ledger benchmark proves consistency with the whole
    const firstHalf = await copySeed(databaseUrl, Math.ceil(itemCount / 2), eventsPerItem());
    progress('first half copied');
    let tilesFrom = process.hrtime.bigint();
    await integrator.integrateAll(20_000);
    let tilesSeconds = since(tilesFrom);
    const earlyCheckpoint = await context.get(LedgerService).makeCheckpoint();
    progress('first half integrated and checkpointed');
    const secondHalf = await copySeed(databaseUrl, Math.floor(itemCount / 2), eventsPerItem());
    progress('second half copied');
    tilesFrom = process.hrtime.bigint();
    await integrator.integrateAll(20_000);
    tilesSeconds += since(tilesFrom);
    progress('second half integrated');
    const vacuumFrom = process.hrtime.bigint();
    await dataSource.query('VACUUM ANALYZE');
    const vacuumSeconds = since(vacuumFrom);
    const [{ bytes }] = (await dataSource.query(`SELECT pg_database_size(current_database())::bigint AS bytes`)) as { bytes: string }[];
    return {
      databaseUrl,
      folder,
      items: itemCount,
      events: firstHalf.events + secondHalf.events,
      seedSeconds: since(started),
      copySeconds: firstHalf.copySeconds + secondHalf.copySeconds,
      tilesSeconds,
      vacuumSeconds,
      databaseBytes: Number(bytes),
      earlyCheckpoint,
    };
  } finally {
    await context.close();
  }
}
