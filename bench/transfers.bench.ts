import type { BenchmarkResult } from './run';
import { seededDatabase } from './seeded-database';
import { percentile, query, signIn, startServerOn } from './support';

const transferSize = 1000;
const singleRequestRounds = 3;
const scanConnections = 8;

/**
 * A 1,000-item transfer from POL-BRU to TPI-BRU over HTTP, on the seeded database: drafted,
 * dispatched (with a witness: the items include drugs and cash) and received once in a single
 * receipts request (three rounds, median and best), and once as 1,000 single-item scans at 8
 * connections, as desks with hand scanners would send them.
 */
export async function transfersBenchmark(): Promise<BenchmarkResult[]> {
  const { databaseUrl, folder } = await seededDatabase();
  const codes = await freeItems(databaseUrl, transferSize * (singleRequestRounds + 1));
  const server = await startServerOn({ databaseUrl, folder });
  try {
    const officer = await signIn(server.address, 'officer');
    const clerk = await signIn(server.address, 'clerk');
    const call = async (token: string, path: string, body: object) => {
      const started = process.hrtime.bigint();
      const response = await fetch(`${server.address}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const answer = (await response.json()) as Record<string, unknown>;
      if (!response.ok) throw new Error(`POST ${path} answered ${response.status}: ${JSON.stringify(answer).slice(0, 300)}`);
      return { answer, ms: Number(process.hrtime.bigint() - started) / 1e6 };
    };
    const sendOut = async (items: string[]) => {
      const draft = await call(officer, '/transfers', { toSite: 'TPI-BRU', items, purpose: 'Benchmark' });
      const code = draft.answer.code as string;
      const dispatch = await call(officer, `/transfers/${code}/dispatch`, { witness: { username: 'officer2', password: 'custody-demo' } });
      return { code, draftMs: draft.ms, dispatchMs: dispatch.ms };
    };

    const rounds: { draftMs: number; dispatchMs: number; receiptMs: number }[] = [];
    for (let round = 0; round < singleRequestRounds; round += 1) {
      const items = codes.slice(round * transferSize, (round + 1) * transferSize);
      const { code, draftMs, dispatchMs } = await sendOut(items);
      const receipt = await call(clerk, `/transfers/${code}/receipts`, { items });
      if ((receipt.answer.received as string[]).length !== transferSize || receipt.answer.status !== 'closed')
        throw new Error('the single receipt did not receive every item');
      rounds.push({ draftMs, dispatchMs, receiptMs: receipt.ms });
    }

    const scanned = codes.slice(singleRequestRounds * transferSize);
    const { code, dispatchMs } = await sendOut(scanned);
    const latencies: number[] = [];
    const queue = [...scanned];
    const started = process.hrtime.bigint();
    await Promise.all(
      Array.from({ length: scanConnections }, async () => {
        for (let item = queue.shift(); item; item = queue.shift()) latencies.push((await call(clerk, `/transfers/${code}/receipts`, { items: [item] })).ms);
      }),
    );
    const scansSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    const [{ status, received }] = await query<{ status: string; received: number }>(
      databaseUrl,
      `SELECT transfer.status, count(*) FILTER (WHERE line.state = 'received')::int AS received FROM transfers transfer JOIN transfer_items line ON line.transfer_id = transfer.id WHERE transfer.code = $1 GROUP BY transfer.status`,
      [code],
    );
    if (status !== 'closed' || received !== transferSize) throw new Error(`after the scans the transfer is ${status} with ${received} received`);

    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
    latencies.sort((a, b) => a - b);
    return [
      { name: `draft of ${transferSize} items (POST /transfers), median`, value: median(rounds.map((r) => r.draftMs)), unit: 'ms' },
      { name: `dispatch of ${transferSize} items, witness included, median`, value: median([...rounds.map((r) => r.dispatchMs), dispatchMs]), unit: 'ms' },
      { name: `receipt of ${transferSize} items in one request, median`, value: median(rounds.map((r) => r.receiptMs)), unit: 'ms' },
      { name: `receipt of ${transferSize} items in one request, best`, value: Math.min(...rounds.map((r) => r.receiptMs)), unit: 'ms' },
      { name: `receipt as ${transferSize} single scans at ${scanConnections} connections`, value: scansSeconds * 1000, unit: 'ms' },
      { name: 'single scans rate', value: transferSize / scansSeconds, unit: 'scans/s' },
      { name: 'single scan p50 latency', value: percentile(latencies, 0.5), unit: 'ms' },
      { name: 'single scan p99 latency', value: percentile(latencies, 0.99), unit: 'ms' },
    ];
  } finally {
    await server.stop();
  }
}

/** Items in custody at POL-BRU on no open transfer, spread over the seeded ones. */
async function freeItems(databaseUrl: string, count: number): Promise<string[]> {
  const rows = await query<{ code: string }>(
    databaseUrl,
    `SELECT item.code FROM items item JOIN sites site ON site.id = item.site_id
      WHERE site.code = 'POL-BRU' AND item.status = 'in_custody'
        AND NOT EXISTS (SELECT 1 FROM transfer_items line WHERE line.item_id = item.id AND line.state IN ('listed', 'in_transit'))
      ORDER BY random() LIMIT $1`,
    [count],
  );
  if (rows.length < count) throw new Error(`the seeded database has only ${rows.length} free items; set BENCH_ITEMS higher`);
  return rows.map((row) => row.code);
}
