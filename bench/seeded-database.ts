import { NestFactory } from '@nestjs/core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module';
import { loadConfig } from '../src/config/app-config';
import { EmbeddedDatabase } from '../src/database/embedded-database';
import { prepareDatabase } from '../src/database/prepare-database';
import { ItemCategory } from '../libs/custody';
import { SeizuresService } from '../src/seizures/seizures.service';
import { Site } from '../src/sites/site.entity';
import { UsersService } from '../src/users/users.service';
import { Actor } from '../src/auth/actor';
import { CustodyStep } from '../libs/custody';
import { CustodyEngine } from '../src/custody/custody-engine.service';
import { LedgerIntegrator } from '../src/ledger/integrator';

export interface SeededDatabase {
  databaseUrl: string;
  folder: string;
  items: number;
  seedSeconds: number;
}

const categories = Object.values(ItemCategory);
let seeded: Promise<SeededDatabase> | undefined;
let database: EmbeddedDatabase | undefined;

/**
 * One embedded PostgreSQL with the demo and BENCH_ITEMS items (500,000; 4,300,000 with BENCH_SCALE=full), each with its
 * `seized` event, registered through the bulk path: SeizuresService.registerAll, the same code as
 * POST /seizures. Made once per `npm run bench` and shared by the benchmarks that need it.
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
 * Grows the ledger to `extra` more events per item on average, through the real append path
 * (hashes, chains, gapless sequence): `audited` events, which change no item, in batches.
 */
async function appendHistory(dataSource: DataSource, custody: CustodyEngine, actor: Actor, extra: number): Promise<void> {
  if (extra <= 0) return;
  const [{ items }] = await dataSource.query(`SELECT count(*)::int AS items FROM items`);
  const target = Math.round(items * extra);
  const batch = 5000;
  for (let appended = 0; appended < target;) {
    // one event an item a batch, wrapping round the items until the ledger is as long as asked
    const offset = appended % items;
    appended += await dataSource.transaction(async (manager) => {
      const rows = (await manager.query(`SELECT id FROM items ORDER BY id OFFSET $1 LIMIT $2`, [
        offset,
        Math.min(batch, target - appended, items - offset),
      ])) as {
        id: string;
      }[];
      const { events } = await custody.performIn(
        manager,
        { step: CustodyStep.Audit, actor, items: { ids: rows.map((row) => row.id) }, change: () => ({ details: { audit: 'benchmark', kind: 'site' } }) },
        null,
      );
      return events.length;
    });
  }
}

async function seed(itemCount: number): Promise<SeededDatabase> {
  const folder = mkdtempSync(join(tmpdir(), 'custody-bench-'));
  database = new EmbeddedDatabase(folder, { port: 0 });
  const databaseUrl = await database.start();
  await prepareDatabase(databaseUrl, { demo: 'always', connectTimeoutSeconds: 10, log: () => undefined });
  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    DATA_DIR: folder,
    LOG_LEVEL: 'silent',
    CHECKPOINT_EVERY_EVENTS: '0',
    CHECKPOINT_EVERY_MINUTES: '0',
    LEDGER_INTEGRATE_EVERY_MS: '0',
  });
  const context = await NestFactory.createApplicationContext(AppModule.forRoot(config, databaseUrl), { logger: false });
  try {
    const dataSource = context.get(DataSource);
    const seizures = context.get(SeizuresService);
    const [{ id: officerId }] = await dataSource.query(`SELECT id FROM users WHERE username = 'officer'`);
    const actor = (await context.get(UsersService).findActiveActor(officerId))!;
    const site = await dataSource.manager.findOneByOrFail(Site, { code: 'POL-BRU' });
    const started = process.hrtime.bigint();
    const perTransaction = 10_000;
    for (let done = 0; done < itemCount; done += perTransaction) {
      const size = Math.min(perTransaction, itemCount - done);
      const batch = Array.from({ length: Math.ceil(size / 500) }, (_, index) => ({
        site: site.code,
        caseNumber: `BENCH/${done + index}`,
        seizedAt: '2026-11-01T10:00:00Z',
        items: Array.from({ length: Math.min(500, size - index * 500) }, (_, item) => ({
          category: categories[item % categories.length],
          description: `Benchmark exhibit ${done + index * 500 + item}`,
          quantity: 1,
          unit: 'piece',
        })),
      }));
      await dataSource.transaction((manager) => seizures.registerAll(manager, actor, site, batch));
    }
    await appendHistory(dataSource, context.get(CustodyEngine), actor, eventsPerItem() - 1);
    await context.get(LedgerIntegrator).integrateAll(20_000);
    await dataSource.query('VACUUM ANALYZE');
    return { databaseUrl, folder, items: itemCount, seedSeconds: Number(process.hrtime.bigint() - started) / 1e9 };
  } finally {
    await context.close();
  }
}
