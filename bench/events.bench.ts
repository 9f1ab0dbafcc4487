import autocannon from 'autocannon';
import { createHash, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { BenchmarkResult } from './run';
import { seededDatabase } from './seeded-database';
import { residentMiB } from './startup.bench';
import { itemsInCustody, percentile, query, signIn, startServerOn, twoBins } from './support';

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
  const items = await itemsInCustody(databaseUrl, 60000);
  const shelves = await twoBins(databaseUrl);
  const server = await startServerOn({ databaseUrl, folder });
  try {
    const token = await signIn(server.address, 'officer');
    const [{ since }] = await query<{ since: Date }>(databaseUrl, 'SELECT clock_timestamp() AS since');
    let next = 0;
    let memory = { own: 0, tree: 0 };
    const sampler = setTimeout(() => (memory = residentMiB(server.child.pid!)), (seconds * 1000) / 2);
    const lag = sampleLag(databaseUrl);
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
    const lags = (await lag.stop()).sort((a, b) => a - b);
    // the moves committed, positioned or not yet (a move to the shelf an item is already on writes none)
    const [{ appended }] = await query<{ appended: number }>(
      databaseUrl,
      `SELECT count(*)::int AS appended FROM custody_events WHERE type = 'moved' AND site_code = 'POL-BRU' AND occurred_at >= $1`,
      [since],
    );
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
      { name: 'oldest event waiting for its ledger position, p50 of samples', value: percentile(lags, 0.5), unit: 'ms' },
      { name: 'oldest event waiting for its ledger position, p99 of samples', value: percentile(lags, 0.99), unit: 'ms' },
      { name: 'oldest event waiting for its ledger position, worst sample', value: lags[lags.length - 1], unit: 'ms' },
      { name: 'server resident memory under that load (Node)', value: memory.own, unit: 'MiB' },
      { name: `raw INSERTs of event rows (${connections} connections)`, value: raw, unit: 'rows/s' },
    ];
  } finally {
    await server.stop();
  }
}

/** Single-row INSERTs of event rows (not yet positioned, as a step writes them) in their own transactions, as durable as the server's, into a scratch copy of custody_events with the same indexes. */
async function rawInserts(databaseUrl: string): Promise<number> {
  // the same table as custody_events, with its keys and indexes
  await query(databaseUrl, 'DROP TABLE IF EXISTS bench_events; CREATE TABLE bench_events (LIKE custody_events INCLUDING DEFAULTS INCLUDING INDEXES)');
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
            `INSERT INTO bench_events (item_id, item_sequence, sequence, format, item_code, type, occurred_at, actor_id, actor_username, site_code, location_code, transfer_code, reason, details, previous_hash, hash)
           VALUES ($1, $2, NULL, 2, $3, $4, now(), $5, $6, $7, $8, NULL, NULL, $9, $10, $11)`,
            [
              // another item each time, as the moves are: the same item would contend on its chain's unique index
              randomUUID(),
              sequence,
              sample.item_code,
              sample.type,
              sample.actor_id,
              sample.actor_username,
              sample.site_code,
              sample.location_code,
              sample.details,
              createHash('sha256').update(`previous ${sequence}`).digest('hex'),
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

/**
 * Every 50 ms while the load runs: how long the oldest event still without a ledger position has
 * waited (0 when none waits). An event's wait is never more than the oldest's at the same moment,
 * so the samples bound the lag between a step's commit and its position from above.
 */
function sampleLag(databaseUrl: string): { stop(): Promise<number[]> } {
  const samples: number[] = [];
  let running = true;
  const done = (async () => {
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      while (running) {
        const { rows } = await client.query<{ ms: number | null }>(
          `SELECT extract(epoch FROM clock_timestamp() - min(occurred_at)) * 1000 AS ms FROM custody_events WHERE sequence IS NULL`,
        );
        samples.push(Math.max(0, Number(rows[0].ms ?? 0)));
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    } finally {
      await client.end();
    }
  })();
  return {
    async stop() {
      running = false;
      await done;
      return samples;
    },
  };
}
