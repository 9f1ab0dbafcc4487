import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { inReadSnapshot } from '../src/ledger/read-snapshot';
import { verifyLedger } from '../src/ledger/verify-ledger';
import type { BenchmarkResult } from './run';
import { applicationOn, seededDatabase } from './seeded-database';
import { itemsInCustody, percentile, signIn, startServerOn, twoBins } from './support';

const proofs = Number(process.env.BENCH_PROOFS ?? 300);
const checkpoints = 20;
/** Requests of each kind made before measuring, not counted: a server in service is warm (connections open, statements planned, code compiled). */
const warmUp = 10;

/**
 * Over the seeded ledger: how long seeding it took and what it weighs; the full verify next to
 * simply streaming the same rows with pg in the same batches; then, over HTTP on the built
 * server, one request at a time: a checkpoint after each of 20 new events (POST
 * /ledger/checkpoints), an item's verification against the newest checkpoint (GET
 * /items/:code/verification: its chain, and an inclusion proof for each of its events), and a
 * consistency proof from the checkpoint signed before the seeding to today's tree (POST
 * /ledger/consistency). These must cost the same at 500,000 events as at 40 million. Each kind is
 * first asked a few times unmeasured, as a server in service has been.
 */
export async function ledgerBenchmark(): Promise<BenchmarkResult[]> {
  const seeded = await seededDatabase();
  const { databaseUrl, folder } = seeded;

  const server = await startServerOn({ databaseUrl, folder });
  try {
    const [admin, auditor, officer] = [await signIn(server.address, 'admin'), await signIn(server.address, 'auditor'), await signIn(server.address, 'officer')];
    const items = await itemsInCustody(databaseUrl, proofs + checkpoints + warmUp * 2);
    const shelves = await twoBins(databaseUrl);
    const call = async (token: string, method: string, path: string, body?: unknown) => {
      const started = process.hrtime.bigint();
      const response = await fetch(`${server.address}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const answer = (await response.json()) as Record<string, unknown>;
      if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${JSON.stringify(answer)}`);
      return { answer, ms: Number(process.hrtime.bigint() - started) / 1e6 };
    };

    const { cosignatures: _cosignatures, ...early } = seeded.earlyCheckpoint;
    const spare = items.slice(proofs + checkpoints);
    for (let index = 0; index < warmUp; index += 1) {
      await call(officer, 'POST', `/items/${spare[index]}/moves`, { location: shelves[index % 2] });
      await call(admin, 'POST', '/ledger/checkpoints');
      await call(auditor, 'GET', `/items/${spare[warmUp + index]}/verification`);
      await call(auditor, 'POST', '/ledger/consistency', early);
    }
    const checkpointTimes: number[] = [];
    for (let index = 0; index < checkpoints; index += 1) {
      await call(officer, 'POST', `/items/${items[proofs + index]}/moves`, { location: shelves[index % 2] });
      checkpointTimes.push((await call(admin, 'POST', '/ledger/checkpoints')).ms);
    }
    const inclusion: number[] = [];
    let proven = 0;
    for (const code of items.slice(0, proofs)) {
      const { answer, ms } = await call(auditor, 'GET', `/items/${code}/verification`);
      if (answer.ok !== true) throw new Error(`item ${code} does not verify: ${JSON.stringify(answer)}`);
      proven += Number(answer.anchoredEvents);
      inclusion.push(ms);
    }
    const consistency: number[] = [];
    for (let index = 0; index < proofs; index += 1) {
      const { answer, ms } = await call(auditor, 'POST', '/ledger/consistency', early);
      if (answer.ok !== true) throw new Error(`no consistency proof: ${JSON.stringify(answer)}`);
      consistency.push(ms);
    }
    // the HTTP figures first, the whole ledger's verify (long at full scale) after them
    console.error(`bench: ledger: checkpoints ${JSON.stringify(checkpointTimes.map(Math.round))}; proofs measured`);
    const streamed = await timed(() => streamRaw(databaseUrl));
    console.error(`bench: ledger: raw streaming ${Math.round(streamed.result / streamed.seconds)} rows/s`);
    const context = await applicationOn(seeded);
    let verified: { result: Awaited<ReturnType<typeof verifyLedger>>; seconds: number; memory: number };
    try {
      const dataSource = context.get(DataSource);
      const heapBefore = process.memoryUsage().rss;
      let peak = heapBefore;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
      const run = await timed(() => inReadSnapshot(dataSource, verifyLedger));
      clearInterval(sampler);
      verified = { ...run, memory: (peak - heapBefore) / 2 ** 20 };
      if (!verified.result.ok) throw new Error(`the seeded ledger does not verify: ${JSON.stringify(verified.result)}`);
    } finally {
      await context.close();
    }
    const events = verified.result.events;
    console.error(`bench: ledger: verify ${Math.round(events / verified.seconds)} events/s over ${events} events`);
    const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
    const [checkpointSorted, inclusionSorted, consistencySorted] = [sorted(checkpointTimes), sorted(inclusion), sorted(consistency)];
    const streamRate = streamed.result / streamed.seconds;
    return [
      { name: 'items seeded (COPY)', value: seeded.items, unit: 'items' },
      { name: 'events in the ledger', value: events, unit: 'events' },
      { name: 'seeding: COPY of seizures, items and events (hashes computed)', value: seeded.copySeconds, unit: 's' },
      { name: 'seeding: the integrator growing the tiles', value: seeded.tilesSeconds, unit: 's' },
      { name: 'seeding: VACUUM ANALYZE', value: seeded.vacuumSeconds, unit: 's' },
      { name: 'seeding in all', value: seeded.seedSeconds, unit: 's' },
      { name: 'database size after seeding', value: seeded.databaseBytes / 2 ** 30, unit: 'GiB' },
      { name: 'GET /ledger/verify rate', value: events / verified.seconds, unit: 'events/s', versus: 'raw pg streaming of the same rows' },
      { name: 'raw pg streaming of the same rows', value: streamRate, unit: 'rows/s' },
      { name: 'verify: memory the process grew by', value: verified.memory, unit: 'MiB' },
      { name: 'POST /ledger/checkpoints after one new event, p50', value: percentile(checkpointSorted, 0.5), unit: 'ms' },
      { name: `POST /ledger/checkpoints, slowest of ${checkpoints}`, value: checkpointSorted[checkpointSorted.length - 1], unit: 'ms' },
      { name: 'GET /items/:code/verification (inclusion proofs), p50', value: percentile(inclusionSorted, 0.5), unit: 'ms' },
      { name: 'GET /items/:code/verification (inclusion proofs), p99', value: percentile(inclusionSorted, 0.99), unit: 'ms' },
      { name: 'inclusion proofs an item verification checked, average', value: proven / proofs, unit: 'proofs' },
      { name: `POST /ledger/consistency from ${seeded.earlyCheckpoint.treeSize} events, p50`, value: percentile(consistencySorted, 0.5), unit: 'ms' },
      { name: `POST /ledger/consistency from ${seeded.earlyCheckpoint.treeSize} events, p99`, value: percentile(consistencySorted, 0.99), unit: 'ms' },
    ];
  } finally {
    await server.stop();
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
