import autocannon from 'autocannon';
import { Client } from 'pg';
import type { BenchmarkResult } from './run';
import { seededDatabase } from './seeded-database';
import { percentile, query, signIn, startBuiltServer } from './support';

const connections = 16;
const seconds = Number(process.env.BENCH_SCAN_SECONDS ?? 20);

/**
 * GET /scan/:code with autocannon, and a raw pg point-select of the same rows, both at 16
 * connections, over the items of the seeded database (bench/seeded-database.ts).
 */
export async function scanBenchmark(): Promise<BenchmarkResult[]> {
  const { databaseUrl, folder, items, seedSeconds } = await seededDatabase();
  const codes = (await query<{ code: string }>(databaseUrl, `SELECT code FROM items ORDER BY random() LIMIT 20000`)).map((row) => row.code);
  const server = await startBuiltServer({
    DATABASE_URL: databaseUrl,
    DATA_DIR: folder,
    JWT_TTL_SECONDS: '3600',
    CHECKPOINT_EVERY_EVENTS: '0',
    CHECKPOINT_EVERY_MINUTES: '0',
  });
  try {
    const accessToken = await signIn(server.address, 'officer');
    const api = await measureApi(server.address, accessToken, codes);
    const raw = await measureRaw(databaseUrl, codes);
    return [
      { name: 'items seeded (bulk path, with seized events)', value: items, unit: 'items' },
      { name: 'bulk seeding rate', value: items / seedSeconds, unit: 'items/s' },
      { name: `GET /scan/:code at ${connections} connections`, value: api.rate, unit: 'req/s', versus: `raw pg point-select at ${connections} connections` },
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
