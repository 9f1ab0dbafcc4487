import autocannon from 'autocannon';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../src/app.module';
import { loadConfig } from '../src/config/app-config';
import { EmbeddedDatabase } from '../src/database/embedded-database';
import { prepareDatabase } from '../src/database/prepare-database';
import { ItemCategory } from '../src/items/item-status';
import { SeizuresService } from '../src/seizures/seizures.service';
import { Site } from '../src/sites/site.entity';
import { UsersService } from '../src/users/users.service';
import type { BenchmarkResult } from './run';
import { percentile, startBuiltServer } from './support';

const connections = 16;
const seconds = Number(process.env.BENCH_SCAN_SECONDS ?? 20);
const categories = Object.values(ItemCategory);

/**
 * Seeds BENCH_SCAN_ITEMS items (default 1,000,000) through the bulk path — SeizuresService.registerAll,
 * the same code as POST /seizures, with every `seized` event and its hash — then measures
 * GET /scan/:code with autocannon and a raw pg point-select of the same rows, both at 16 connections.
 */
export async function scanBenchmark(): Promise<BenchmarkResult[]> {
  const itemCount = Number(process.env.BENCH_SCAN_ITEMS ?? 1_000_000);
  const folder = mkdtempSync(join(tmpdir(), 'custody-bench-scan-'));
  const database = new EmbeddedDatabase(folder, { port: 0 });
  try {
    const databaseUrl = await database.start();
    await prepareDatabase(databaseUrl, { demo: 'always', connectTimeoutSeconds: 10, log: () => undefined });
    const seedSeconds = await seed(databaseUrl, folder, itemCount);
    const codes = (await query<{ code: string }>(databaseUrl, `SELECT code FROM items ORDER BY random() LIMIT 20000`)).map((row) => row.code);

    const server = await startBuiltServer({ DATABASE_URL: databaseUrl, DATA_DIR: folder, JWT_TTL_SECONDS: '3600' });
    try {
      const signIn = await fetch(`${server.address}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'officer', password: 'custody-demo' }) });
      const { accessToken } = (await signIn.json()) as { accessToken: string };
      const api = await measureApi(server.address, accessToken, codes);
      const raw = await measureRaw(databaseUrl, codes);
      return [
        { name: `items seeded (bulk path, with seized events)`, value: itemCount, unit: 'items' },
        { name: 'bulk seeding rate', value: itemCount / seedSeconds, unit: 'items/s' },
        { name: `GET /scan/:code at ${connections} connections`, value: api.rate, unit: 'req/s' },
        { name: 'GET /scan/:code p50 latency', value: api.p50, unit: 'ms' },
        { name: 'GET /scan/:code p99 latency', value: api.p99, unit: 'ms' },
        { name: 'GET /scan/:code answers other than 200', value: api.errors, unit: 'responses' },
        { name: `raw pg point-select at ${connections} connections`, value: raw.rate, unit: 'queries/s' },
        { name: 'raw pg point-select p50 latency', value: raw.p50, unit: 'ms' },
        { name: 'raw pg point-select p99 latency', value: raw.p99, unit: 'ms' },
        { name: 'API rate / raw query rate', value: (100 * api.rate) / raw.rate, unit: '%' },
      ];
    } finally {
      await server.stop();
    }
  } finally {
    await database.stop();
    rmSync(folder, { recursive: true, force: true });
  }
}

async function seed(databaseUrl: string, folder: string, itemCount: number): Promise<number> {
  const config = loadConfig({ DATABASE_URL: databaseUrl, DATA_DIR: folder, LOG_LEVEL: 'silent' });
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
          category: categories[item % categories.length], description: `Benchmark exhibit ${done + index * 500 + item}`, quantity: 1, unit: 'piece',
        })),
      }));
      await dataSource.transaction((manager) => seizures.registerAll(manager, actor, site, batch));
    }
    return Number(process.hrtime.bigint() - started) / 1e9;
  } finally {
    await context.close();
  }
}

async function measureApi(address: string, token: string, codes: string[]) {
  const result = await autocannon({
    url: address,
    connections,
    duration: seconds,
    headers: { authorization: `Bearer ${token}` },
    requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: `/scan/${codes[Math.floor(Math.random() * codes.length)]}` }) }],
  });
  return { rate: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.non2xx + result.errors };
}

async function measureRaw(databaseUrl: string, codes: string[]) {
  const clients = await Promise.all(Array.from({ length: connections }, async () => {
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    return client;
  }));
  const latencies: number[] = [];
  const until = Date.now() + seconds * 1000;
  try {
    await Promise.all(clients.map(async (client) => {
      while (Date.now() < until) {
        const started = process.hrtime.bigint();
        await client.query({ name: 'item-by-code', text: 'SELECT * FROM items WHERE code = $1', values: [codes[Math.floor(Math.random() * codes.length)]] });
        latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
      }
    }));
  } finally {
    await Promise.all(clients.map((client) => client.end()));
  }
  latencies.sort((a, b) => a - b);
  return { rate: latencies.length / seconds, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99) };
}

async function query<T>(databaseUrl: string, text: string): Promise<T[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(text)).rows as T[];
  } finally {
    await client.end();
  }
}
