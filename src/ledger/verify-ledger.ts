import { eventHash, JsonObject } from '../../libs/ledger';

export type LedgerVerdict =
  | { ok: true; events: number; head: { sequence: number; hash: string } | null }
  | { ok: false; events: number; firstBroken: { sequence: number; reason: string } };

/** Runs statements on one connection, inside one read-only transaction (a cursor lives in it). */
export type Session = (text: string, parameters?: unknown[]) => Promise<Record<string, unknown>[]>;

interface EventRow {
  sequence: string;
  item_code: string;
  type: string;
  occurred_at: Date;
  actor_username: string;
  site_code: string | null;
  location_code: string | null;
  transfer_code: string | null;
  reason: string | null;
  details: JsonObject;
  previous_hash: string | null;
  hash: string;
}

interface Break {
  sequence: number;
  /** Which problem is named when two fall on the same event: a gap, then a broken link, then a wrong hash, then an overrun. */
  rank: number;
  reason: string;
}

const batchSize = 5000;

/**
 * Recomputes the whole ledger inside one snapshot (memory does not grow with it): PostgreSQL checks
 * that every event links to its item's previous one while, streaming by sequence, this process
 * checks every hash and the gapless numbering up to the ledger's counter. Answers the first broken event.
 */
export async function verifyLedger(session: Session, alongside: Session = session): Promise<LedgerVerdict> {
  const [{ last_sequence: counter }] = await session('SELECT last_sequence FROM ledger_head WHERE id = 1');
  const lastCounted = Number(counter);
  // PostgreSQL pairs the links on one connection while this process hashes the stream of the other
  const [links, content] = await Promise.all([checkLinks(alongside), checkContentAndNumbering(session, lastCounted)]);
  const breaks = [...links, ...content];
  const first = breaks.sort((a, b) => a.sequence - b.sequence || a.rank - b.rank)[0];
  if (first) return { ok: false, events: first.sequence - 1, firstBroken: { sequence: first.sequence, reason: first.reason } };
  const [newest] = await session('SELECT sequence, hash FROM custody_events ORDER BY sequence DESC LIMIT 1');
  return { ok: true, events: lastCounted, head: newest ? { sequence: Number(newest.sequence), hash: String(newest.hash) } : null };
}

async function checkContentAndNumbering(session: Session, lastCounted: number): Promise<Break[]> {
  const fetchAfter = (after: number) =>
    session(
      `SELECT sequence, item_code, type, occurred_at, actor_username, site_code, location_code, transfer_code, reason, details, previous_hash, hash
       FROM custody_events WHERE sequence > $1 ORDER BY sequence LIMIT ${batchSize}`,
      [after],
    ) as unknown as Promise<EventRow[]>;
  let expected = 1;
  let next = fetchAfter(0);
  for (;;) {
    const rows = await next;
    // the next batch travels while this one is hashed
    if (rows.length === batchSize) next = fetchAfter(Number(rows[rows.length - 1].sequence));
    for (const row of rows) {
      const sequence = Number(row.sequence);
      if (sequence !== expected) return [{ sequence: expected, rank: 0, reason: `event ${expected} is missing: the next one is ${sequence}` }];
      const recomputed = eventHash({
        sequence,
        item: row.item_code,
        type: row.type,
        occurredAt: row.occurred_at.toISOString(),
        actor: row.actor_username,
        site: row.site_code,
        location: row.location_code,
        transfer: row.transfer_code,
        reason: row.reason,
        details: row.details,
        previousHash: row.previous_hash,
      });
      if (recomputed !== row.hash) return [{ sequence, rank: 2, reason: 'its hash does not match its content' }];
      expected += 1;
    }
    if (rows.length < batchSize) break;
  }
  if (expected - 1 > lastCounted) return [{ sequence: lastCounted + 1, rank: 3, reason: `events go on past the ${lastCounted} the ledger counted` }];
  if (expected - 1 < lastCounted) return [{ sequence: expected, rank: 0, reason: `the ledger counted ${lastCounted} events, but they end at ${expected - 1}` }];
  return [];
}

/** Every event must link to its item's previous event: PostgreSQL pairs them and names the first that does not. */
async function checkLinks(session: Session): Promise<Break[]> {
  // the pairing sorts the ledger by item; room to do it in memory rather than on disk
  await session(`SET LOCAL work_mem = '128MB'`);
  const [first] = (await session(
    `SELECT sequence, item_code, actual_previous IS NULL AS first_of_item
       FROM (SELECT sequence, item_code, previous_hash, lag(hash) OVER (PARTITION BY item_id ORDER BY sequence) AS actual_previous
               FROM custody_events) paired
      WHERE previous_hash IS DISTINCT FROM actual_previous
      ORDER BY sequence LIMIT 1`,
  )) as { sequence: string; item_code: string; first_of_item: boolean }[];
  if (!first) return [];
  return [
    {
      sequence: Number(first.sequence),
      rank: 1,
      reason: first.first_of_item
        ? `item ${first.item_code} has no earlier event for it to link to`
        : `does not link to the previous event of item ${first.item_code}`,
    },
  ];
}
