import autocannon from 'autocannon';
import { createHash } from 'node:crypto';
import { Client } from 'pg';
import type { BenchmarkResult } from './run';
import { seededDatabase } from './seeded-database';
import { residentMiB } from './startup.bench';
import { query, signIn, startBuiltServer } from './support';

const connections = 32;
const seconds = Number(process.env.BENCH_EVENTS_SECONDS ?? 20);

/**
 * Custody events appended per second over HTTP: POST /items/:code/moves of distinct items at 32
 * connections (each a transaction: lock, hash, append, update), next to raw single-row INSERTs of
 * the same event rows into a table like custody_events at 32 connections; and the server's
 * resident memory under that load.
 */
export async function eventsBenchmark(): Promise<BenchmarkResult[]> {
  const { databaseUrl, folder } = await seededDatabase();
  const items = (
    await query<{ code: string }>(
      databaseUrl,
      `SELECT item.code FROM items item JOIN sites site ON site.id = item.site_id WHERE site.code = 'POL-BRU' AND item.status = 'in_custody' ORDER BY random() LIMIT 60000`,
    )
  ).map((row) => row.code);
  const shelves = (
    await query<{ code: string }>(
      databaseUrl,
      `SELECT location.code FROM locations location JOIN sites site ON site.id = location.site_id WHERE site.code = 'POL-BRU' AND location.kind = 'bin' ORDER BY location.name LIMIT 2`,
    )
  ).map((row) => row.code);
  const server = await startBuiltServer({
    DATABASE_URL: databaseUrl,
    DATA_DIR: folder,
    JWT_TTL_SECONDS: '3600',
    CHECKPOINT_EVERY_EVENTS: '0',
    CHECKPOINT_EVERY_MINUTES: '0',
  });
  try {
    const token = await signIn(server.address, 'officer');
    const [{ before }] = await query<{ before: string }>(databaseUrl, 'SELECT last_sequence AS before FROM ledger_head');
    let next = 0;
    let memory = { own: 0, tree: 0 };
    const sampler = setTimeout(() => (memory = residentMiB(server.child.pid!)), (seconds * 1000) / 2);
    const result = await autocannon({
      url: server.address,
      connections,
      duration: seconds,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      requests: [
        {
          method: 'POST',
          setupRequest: (request) => {
            // each request moves another item, to the shelf it is not on, so each writes one event
            const index = next++;
            return {
              ...request,
              path: `/items/${items[index % items.length]}/moves`,
              body: JSON.stringify({ location: shelves[Math.floor(index / items.length) % 2] }),
            };
          },
        },
      ],
    });
    clearTimeout(sampler);
    const [{ after }] = await query<{ after: string }>(databaseUrl, 'SELECT last_sequence AS after FROM ledger_head');
    const appended = Number(after) - Number(before);
    const raw = await rawInserts(databaseUrl);
    return [
      {
        name: `events appended over HTTP (moves, ${connections} connections)`,
        value: appended / seconds,
        unit: 'events/s',
        versus: `raw INSERTs of event rows (${connections} connections)`,
      },
      { name: 'move p50 latency', value: result.latency.p50, unit: 'ms' },
      { name: 'move p99 latency', value: result.latency.p99, unit: 'ms' },
      { name: 'answers other than 200', value: result.non2xx + result.errors, unit: 'responses' },
      { name: 'server resident memory under that load (Node)', value: memory.own, unit: 'MiB' },
      { name: `raw INSERTs of event rows (${connections} connections)`, value: raw, unit: 'rows/s' },
    ];
  } finally {
    await server.stop();
  }
}

/** Single-row INSERTs in their own transactions, as durable as the server's, into a scratch copy of custody_events. */
async function rawInserts(databaseUrl: string): Promise<number> {
  await query(
    databaseUrl,
    'DROP TABLE IF EXISTS bench_events; CREATE TABLE bench_events (LIKE custody_events INCLUDING DEFAULTS); ALTER TABLE bench_events ADD PRIMARY KEY (sequence)',
  );
  const sample = (await query<Record<string, unknown>>(databaseUrl, `SELECT * FROM custody_events WHERE type = 'moved' ORDER BY sequence DESC LIMIT 1`))[0];
  const clients = await Promise.all(
    Array.from({ length: connections }, async () => {
      const client = new Client({ connectionString: databaseUrl });
      await client.connect();
      return client;
    }),
  );
  let sequence = 0;
  let inserted = 0;
  const until = Date.now() + seconds * 1000;
  try {
    await Promise.all(
      clients.map(async (client) => {
        while (Date.now() < until) {
          sequence += 1;
          await client.query(
            `INSERT INTO bench_events (sequence, item_id, item_code, type, occurred_at, actor_id, actor_username, site_code, location_code, transfer_code, reason, details, previous_hash, hash)
           VALUES ($1, $2, $3, $4, now(), $5, $6, $7, $8, NULL, NULL, $9, $10, $11)`,
            [
              sequence,
              sample.item_id,
              sample.item_code,
              sample.type,
              sample.actor_id,
              sample.actor_username,
              sample.site_code,
              sample.location_code,
              sample.details,
              sample.previous_hash,
              createHash('sha256').update(String(sequence)).digest('hex'),
            ],
          );
          inserted += 1;
        }
      }),
    );
  } finally {
    await Promise.all(clients.map((client) => client.end()));
    await query(databaseUrl, 'DROP TABLE bench_events');
  }
  return inserted / seconds;
}
