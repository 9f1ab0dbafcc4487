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
 * Recomputes the whole ledger inside one snapshot, streaming (memory does not grow with it), in two
 * passes that read only indexes' order: by sequence, every hash and the gapless numbering up to the
 * ledger's counter; by item, every link to the item's previous event. Answers the first broken event.
 */
export async function verifyLedger(session: Session): Promise<LedgerVerdict> {
  const [{ last_sequence: counter }] = await session('SELECT last_sequence FROM ledger_head WHERE id = 1');
  const lastCounted = Number(counter);
  const breaks = [...(await checkContentAndNumbering(session, lastCounted)), ...(await checkLinks(session))];
  const first = breaks.sort((a, b) => a.sequence - b.sequence || a.rank - b.rank)[0];
  if (first) return { ok: false, events: first.sequence - 1, firstBroken: { sequence: first.sequence, reason: first.reason } };
  const [newest] = await session('SELECT sequence, hash FROM custody_events ORDER BY sequence DESC LIMIT 1');
  return { ok: true, events: lastCounted, head: newest ? { sequence: Number(newest.sequence), hash: String(newest.hash) } : null };
}

async function checkContentAndNumbering(session: Session, lastCounted: number): Promise<Break[]> {
  const fetchAfter = (after: number) => session(
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
        sequence, item: row.item_code, type: row.type, occurredAt: row.occurred_at.toISOString(), actor: row.actor_username,
        site: row.site_code, location: row.location_code, transfer: row.transfer_code, reason: row.reason, details: row.details,
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

async function checkLinks(session: Session): Promise<Break[]> {
  let first: Break | undefined;
  let after: { item: string; sequence: string } | undefined;
  let previous: { item: string; hash: string } | undefined;
  for (;;) {
    const rows = (await session(
      `SELECT item_id, item_code, sequence, previous_hash, hash FROM custody_events
        ${after ? 'WHERE (item_id, sequence) > ($1::uuid, $2::bigint)' : ''}
        ORDER BY item_id, sequence LIMIT ${4 * batchSize}`,
      after ? [after.item, after.sequence] : [],
    )) as { item_id: string; item_code: string; sequence: string; previous_hash: string | null; hash: string }[];
    for (const row of rows) {
      const expected = previous?.item === row.item_id ? previous.hash : null;
      const sequence = Number(row.sequence);
      if (row.previous_hash !== expected && (!first || sequence < first.sequence)) {
        first = { sequence, rank: 1, reason: expected ? `does not link to the previous event of item ${row.item_code}` : `item ${row.item_code} has no earlier event for it to link to` };
      }
      previous = { item: row.item_id, hash: row.hash };
    }
    if (rows.length < 4 * batchSize) break;
    after = { item: rows[rows.length - 1].item_id, sequence: rows[rows.length - 1].sequence };
  }
  return first ? [first] : [];
}
