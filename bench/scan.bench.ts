import autocannon from 'autocannon';
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { itemRecordByCodeQuery } from '../src/custody/item-records';
import { freePort } from '../src/database/embedded-database';
import type { BenchmarkResult } from './run';
import { seededDatabase } from './seeded-database';
import { itemsInCustody, percentile, query, signIn, startServerOn } from './support';

const connections = 16;
const seconds = Number(process.env.BENCH_SCAN_SECONDS ?? 20);

/**
 * GET /scan/:code with autocannon; beside it, in the same run, the ceiling (node's bare HTTP
 * server and a pg pool answering the same read, bench/bare-scan-server.ts) and a raw pg
 * point-select of the same rows, all at 16 connections over the items of the seeded database.
 */
export async function scanBenchmark(): Promise<BenchmarkResult[]> {
  const { databaseUrl, folder, items, events } = await seededDatabase();
  // the officer's own site's items: another site's answer 404 to them, as they should
  const codes = await itemsInCustody(databaseUrl, 20000);
  const server = await startServerOn({ databaseUrl, folder });
  let api: Measured;
  try {
    const accessToken = await signIn(server.address, 'officer');
    const before = await statementsSoFar(databaseUrl);
    api = await measureHttp(server.address, { authorization: `Bearer ${accessToken}` }, codes);
    api.statements = ((await statementsSoFar(databaseUrl)) - before) / api.requests;
  } finally {
    await server.stop();
  }
  const ceiling = await measureCeiling(databaseUrl, codes);
  const raw = await measureRaw(databaseUrl, codes);
  return [
    { name: 'items in the database (seeded with COPY)', value: items, unit: 'items' },
    { name: 'their events', value: events, unit: 'events' },
    { name: `GET /scan/:code at ${connections} connections`, value: api.rate, unit: 'req/s', versus: `raw pg point-select at ${connections} connections` },
    { name: 'GET /scan/:code p50 latency', value: api.p50, unit: 'ms' },
    { name: 'GET /scan/:code p99 latency', value: api.p99, unit: 'ms' },
    { name: 'GET /scan/:code answers other than 200', value: api.errors, unit: 'responses' },
    { name: 'GET /scan/:code database statements a request (pg_stat_database)', value: api.statements, unit: 'statements' },
    {
      name: `ceiling: bare HTTP + pg, same read, ${connections} connections`,
      value: ceiling.rate,
      unit: 'req/s',
      versus: `raw pg point-select at ${connections} connections`,
    },
    { name: 'ceiling p99 latency', value: ceiling.p99, unit: 'ms' },
    { name: `raw pg point-select at ${connections} connections`, value: raw.rate, unit: 'queries/s' },
    { name: 'raw pg point-select p50 latency', value: raw.p50, unit: 'ms' },
    { name: 'raw pg point-select p99 latency', value: raw.p99, unit: 'ms' },
    { name: 'API rate / raw query rate', value: (100 * api.rate) / raw.rate, unit: '%' },
    { name: 'API rate / ceiling rate', value: (100 * api.rate) / ceiling.rate, unit: '%' },
  ];
}

interface Measured {
  rate: number;
  p50: number;
  p99: number;
  errors: number;
  requests: number;
  statements: number;
}

/**
 * Statements run so far in the database, each on its own (a transaction each, as node-postgres
 * sends them outside one): a request's round trips, once divided by the requests sent. The
 * server's background work (the integrator's look every 200 ms) adds a few over a run.
 */
async function statementsSoFar(databaseUrl: string): Promise<number> {
  // other sessions report their counts about a second after they go idle
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const [{ transactions }] = await query<{ transactions: string }>(
    databaseUrl,
    `SELECT xact_commit + xact_rollback AS transactions FROM pg_stat_database WHERE datname = current_database()`,
  );
  // this query's own transaction
  return Number(transactions) - 1;
}

async function measureHttp(address: string, headers: Record<string, string>, codes: string[]): Promise<Measured> {
  const result = await autocannon({
    url: address,
    connections,
    duration: seconds,
    headers,
    requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: `/scan/${codes[Math.floor(Math.random() * codes.length)]}` }) }],
  });
  return {
    rate: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.non2xx + result.errors,
    requests: result.requests.total,
    statements: Number.NaN,
  };
}

async function measureCeiling(databaseUrl: string, codes: string[]): Promise<Measured> {
  const port = await freePort();
  const child = fork(join(__dirname, 'bare-scan-server.ts'), [databaseUrl, String(port), itemRecordByCodeQuery], {
    execArgv: ['-r', 'ts-node/register/transpile-only'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`the bare server ended with ${code}`)));
  });
  try {
    return await measureHttp(`http://127.0.0.1:${port}`, {}, codes);
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGINT');
    await exited;
  }
}

async function measureRaw(databaseUrl: string, codes: string[]) {
  const clients = await Promise.all(
    Array.from({ length: connections }, async () => {
      const client = new Client({ connectionString: databaseUrl });
      await client.connect();
      return client;
    }),
  );
  const latencies: number[] = [];
  const until = Date.now() + seconds * 1000;
  try {
    await Promise.all(
      clients.map(async (client) => {
        while (Date.now() < until) {
          const started = process.hrtime.bigint();
          await client.query({ name: 'item-by-code', text: 'SELECT * FROM items WHERE code = $1', values: [codes[Math.floor(Math.random() * codes.length)]] });
          latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
        }
      }),
    );
  } finally {
    await Promise.all(clients.map((client) => client.end()));
  }
  latencies.sort((a, b) => a - b);
  return { rate: latencies.length / seconds, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99) };
}
