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
  /** Hash of the same item's event just before this one, looked up in the table itself. */
  actual_previous: string | null;
}

const batchSize = 5000;

/**
 * Recomputes the whole ledger in sequence order through a cursor, a batch at a time (memory does
 * not grow with it): every hash, every item's chain (PostgreSQL pairs each event with the item's
 * event before it) and the gapless numbering up to the ledger's counter. Answers the first broken event.
 */
export async function verifyLedger(session: Session): Promise<LedgerVerdict> {
  const [{ last_sequence: counter }] = await session('SELECT last_sequence FROM ledger_head WHERE id = 1');
  const lastCounted = Number(counter);
  await session(
    `DECLARE ledger_events NO SCROLL CURSOR FOR
       SELECT sequence, item_code, type, occurred_at, actor_username, site_code, location_code, transfer_code, reason, details,
              previous_hash, hash, lag(hash) OVER (PARTITION BY item_id ORDER BY sequence) AS actual_previous
         FROM custody_events
        ORDER BY sequence`,
  );
  let expected = 1;
  let head: { sequence: number; hash: string } | null = null;
  try {
    for (;;) {
      const rows = (await session(`FETCH ${batchSize} FROM ledger_events`)) as unknown as EventRow[];
      for (const row of rows) {
        const sequence = Number(row.sequence);
        const broken = (at: number, reason: string): LedgerVerdict => ({ ok: false, events: expected - 1, firstBroken: { sequence: at, reason } });
        if (sequence !== expected) return broken(expected, `event ${expected} is missing: the next one is ${sequence}`);
        if (row.previous_hash !== row.actual_previous) {
          return broken(sequence, row.actual_previous ? `does not link to the previous event of item ${row.item_code}` : `item ${row.item_code} has no earlier event for it to link to`);
        }
        const recomputed = eventHash({
          sequence, item: row.item_code, type: row.type, occurredAt: row.occurred_at.toISOString(), actor: row.actor_username,
          site: row.site_code, location: row.location_code, transfer: row.transfer_code, reason: row.reason, details: row.details,
          previousHash: row.previous_hash,
        });
        if (recomputed !== row.hash) return broken(sequence, 'its hash does not match its content');
        head = { sequence, hash: row.hash };
        expected += 1;
      }
      if (rows.length < batchSize) break;
    }
  } finally {
    await session('CLOSE ledger_events');
  }
  if (expected - 1 > lastCounted) {
    return { ok: false, events: lastCounted, firstBroken: { sequence: lastCounted + 1, reason: `events go on past the ${lastCounted} the ledger counted` } };
  }
  if (expected - 1 < lastCounted) {
    return { ok: false, events: expected - 1, firstBroken: { sequence: expected, reason: `the ledger counted ${lastCounted} events, but they end at ${expected - 1}` } };
  }
  return { ok: true, events: expected - 1, head };
}
