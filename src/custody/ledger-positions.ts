import { eventHash } from '../../libs/ledger';
import { EventRow, eventColumns, ledgerEventOf } from './event-rows';

/** The integrator's write: committed events get their ledger positions, here in the one module that writes custody_events. */

export interface IntegrationBatch {
  /** Events given a position. */
  positioned: number;
  /** The first event that failed its check, which stops integration until someone looks. */
  refused: { item: string; itemSequence: number; reason: string } | null;
}

/** An event waiting for its position, with the hash of its item's previous event and whether that one has a position yet. */
interface Unpositioned extends EventRow {
  item_id: string;
  actual_previous: string | null;
  previous_positioned: boolean | null;
}

/** Events positioned by a batch: their positions from `first`, and their hashes, the log's entries, in that order. */
export interface PositionedBatch {
  first: number;
  hashes: string[];
  /** The first event that failed its check, which stops integration until someone looks. */
  refused: IntegrationBatch['refused'];
}

/**
 * Gives the oldest events without a position theirs, after `lastSequence`, each item's events in
 * the order of its chain, each checked (hash, link) first. Runs in the integrator's transaction,
 * which holds the ledger head's lock, so even two leaders take turns.
 */
export async function positionWaitingEvents(
  query: (text: string, parameters?: unknown[]) => Promise<unknown[]>,
  lastSequence: number,
  batchSize: number,
): Promise<PositionedBatch> {
  const waiting = (await query(
    `SELECT event.item_id, ${eventColumns('event')}, previous.hash AS actual_previous, previous.sequence IS NOT NULL AS previous_positioned
       FROM custody_events event
       LEFT JOIN custody_events previous ON previous.item_id = event.item_id AND previous.item_sequence = event.item_sequence - 1
      WHERE event.sequence IS NULL
      ORDER BY event.occurred_at, event.item_id, event.item_sequence
      LIMIT ${batchSize}`,
  )) as Unpositioned[];
  const { ordered, refused } = inChainOrder(waiting);
  const first = lastSequence + 1;
  if (ordered.length > 0) {
    await query(
      `UPDATE custody_events event SET sequence = numbered.sequence
         FROM unnest($1::uuid[], $2::int[], $3::bigint[]) AS numbered(item_id, item_sequence, sequence)
        WHERE event.item_id = numbered.item_id AND event.item_sequence = numbered.item_sequence AND event.sequence IS NULL`,
      [ordered.map((event) => event.item_id), ordered.map((event) => event.item_sequence), ordered.map((_, index) => first + index)],
    );
  }
  return { first, hashes: ordered.map((event) => event.hash), refused };
}

/**
 * The waiting events in the order they get their positions: by time, but each item's events in
 * the order of its chain, and none before its predecessor has a position or comes earlier in the
 * batch. Stops at the first event whose hash or link does not check out.
 */
export function inChainOrder(waiting: Unpositioned[]): { ordered: Unpositioned[]; refused: IntegrationBatch['refused'] } {
  const byItem = new Map<string, Unpositioned[]>();
  for (const event of waiting) byItem.set(event.item_id, [...(byItem.get(event.item_id) ?? []), event]);
  // each item's events take the slots its events hold in time order, in the order of its chain
  const slots = new Map<Unpositioned, Unpositioned>();
  for (const events of byItem.values()) {
    const chain = [...events].sort((a, b) => a.item_sequence - b.item_sequence);
    events.forEach((slot, index) => slots.set(slot, chain[index]));
  }
  const ordered: Unpositioned[] = [];
  const placed = new Set<string>();
  const held = new Set<string>();
  for (const slot of waiting) {
    const event = slots.get(slot)!;
    const key = `${event.item_id}/${event.item_sequence}`;
    if (held.has(event.item_id)) continue;
    const predecessorReady = event.item_sequence === 1 || event.previous_positioned === true || placed.has(`${event.item_id}/${event.item_sequence - 1}`);
    if (!predecessorReady) {
      // its predecessor waits outside this batch: this item waits for the next one
      held.add(event.item_id);
      continue;
    }
    const problem = checkOf(event);
    if (problem) return { ordered, refused: { item: event.item_code, itemSequence: event.item_sequence, reason: problem } };
    ordered.push(event);
    placed.add(key);
  }
  return { ordered, refused: null };
}

function checkOf(event: Unpositioned): string | null {
  if (event.format !== 2) return 'is not in the current format, yet has no position';
  const recomputed = eventHash(ledgerEventOf(event));
  if (recomputed !== event.hash) return 'has a hash that does not match its content';
  if (event.previous_hash !== event.actual_previous) return "does not link to the item's previous event";
  return null;
}
