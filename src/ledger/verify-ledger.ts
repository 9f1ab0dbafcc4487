import { KeyObject } from 'node:crypto';
import { checkCheckpoint, checkpointFormat, eventHash, eventLeaf, IncrementalTree, tileWidth } from '../../libs/ledger';
import { EventRow, eventColumns, ledgerEventOf } from '../custody/event-rows';

/** Where the ledger breaks first: the event's position (null for one still waiting for it), its item and number in the item's chain. */
export interface BrokenEvent {
  sequence: number | null;
  item: string;
  itemSequence: number;
  reason: string;
}

export type LedgerVerdict =
  | { ok: true; events: number; pending: number; head: { sequence: number; hash: string } | null }
  | { ok: false; events: number; pending: number; firstBroken: BrokenEvent };

/** The newest checkpoint signed by this installation's key: the ledger's first `treeSize` events must still hash to its root. */
export interface Anchor {
  treeSize: number;
  rootHash: string;
  createdAt: string;
}

/** Runs statements on one connection, inside one read-only transaction (a cursor lives in it). */
export type Session = (text: string, parameters?: unknown[]) => Promise<Record<string, unknown>[]>;

interface Break extends BrokenEvent {
  /** Which problem is named when two fall on the same event: a gap, a broken link, a wrong hash, an overrun, then a checkpoint that no longer holds. */
  rank: number;
}

const batchSize = 5000;

/**
 * Recomputes the whole ledger inside one snapshot (memory does not grow with it): PostgreSQL walks
 * every item's chain in its primary key's order, checking that each event follows the one before,
 * while this process streams the positioned events by position, checking every hash and the gapless
 * numbering up to the ledger's head, and that the positions up to the newest signed checkpoint still
 * make its tree; then the few events still waiting for a position. Answers the first broken event.
 */
export async function verifyLedger(session: Session, alongside: Session = session, anchor: Anchor | null = null): Promise<LedgerVerdict> {
  const [row] = await session('SELECT last_sequence, tree_size, root_hash FROM ledger_head WHERE id = 1');
  const head: Head = { lastSequence: Number(row.last_sequence), treeSize: Number(row.tree_size), rootHash: (row.root_hash as Buffer | null) ?? null };
  const lastCounted = head.lastSequence;
  // PostgreSQL pairs the links on one connection while this process hashes the stream of the other
  const [links, content] = await Promise.all([checkLinks(alongside), checkContentAndNumbering(session, head, anchor)]);
  const pending = (await session(`SELECT ${eventColumns()} FROM custody_events WHERE sequence IS NULL`)) as unknown as EventRow[];
  const pendingBreaks = pending.flatMap((row) => (hashOf(row) === row.hash ? [] : [breakOf(row, 2, 'its hash does not match its content')]));
  const first = [...links, ...content, ...pendingBreaks].sort(
    (a, b) => (a.sequence ?? Number.MAX_SAFE_INTEGER) - (b.sequence ?? Number.MAX_SAFE_INTEGER) || a.rank - b.rank,
  )[0];
  if (first) {
    const { rank: _rank, ...firstBroken } = first;
    return { ok: false, events: first.sequence === null ? lastCounted : first.sequence - 1, pending: pending.length, firstBroken };
  }
  const [newest] = await session('SELECT sequence, hash FROM custody_events WHERE sequence IS NOT NULL ORDER BY sequence DESC LIMIT 1');
  return { ok: true, events: lastCounted, pending: pending.length, head: newest ? { sequence: Number(newest.sequence), hash: String(newest.hash) } : null };
}

/** The ledger's head: the positions given, and the tree its tiles make. */
interface Head {
  lastSequence: number;
  treeSize: number;
  rootHash: Buffer | null;
}

async function checkContentAndNumbering(session: Session, head: Head, anchor: Anchor | null): Promise<Break[]> {
  const lastCounted = head.lastSequence;
  const fetchAfter = (after: number) =>
    session(`SELECT ${eventColumns()} FROM custody_events WHERE sequence > $1 ORDER BY sequence LIMIT ${batchSize}`, [after]) as unknown as Promise<EventRow[]>;
  const fetchTiles = async (rows: EventRow[]) => {
    if (rows.length === 0) return new Map<number, Buffer>();
    const [first, last] = [Number(rows[0].sequence) - 1, Number(rows[rows.length - 1].sequence) - 1].map((index) => Math.floor(index / tileWidth));
    const tiles = await session(`SELECT index, hashes FROM ledger_tiles WHERE level = 0 AND index BETWEEN $1 AND $2`, [first, last]);
    return new Map(tiles.map((tile) => [Number(tile.index), tile.hashes as Buffer]));
  };
  // the Merkle tree of the positions: not in a version 2 hash, the tiles, the head's root and the signed checkpoint pin them
  const tree = new IncrementalTree();
  let expected = 1;
  let next = fetchAfter(0);
  for (;;) {
    const rows = await next;
    // the next batch travels while this one is hashed
    if (rows.length === batchSize) next = fetchAfter(Number(rows[rows.length - 1].sequence));
    const tiles = await fetchTiles(rows);
    for (const row of rows) {
      const sequence = Number(row.sequence);
      if (sequence !== expected)
        return [
          {
            sequence: expected,
            item: row.item_code,
            itemSequence: row.item_sequence,
            rank: 0,
            reason: `event ${expected} is missing: the next one is ${sequence}`,
          },
        ];
      if (hashOf(row) !== row.hash) return [breakOf(row, 2, 'its hash does not match its content')];
      const leaf = eventLeaf(row.hash);
      tree.append(leaf);
      if (sequence <= head.treeSize) {
        const offset = ((sequence - 1) % tileWidth) * 32;
        const stored = tiles.get(Math.floor((sequence - 1) / tileWidth))?.subarray(offset, offset + 32);
        if (!stored || !stored.equals(leaf))
          return [breakOf(row, 2, "its hash is not the leaf the ledger's tiles hold at its position: the event or the tiles were changed")];
        if (sequence === head.treeSize && (!head.rootHash || !tree.root().equals(head.rootHash))) {
          return [breakOf(row, 4, "the ledger's tiles do not make the root its head keeps: the tiles were changed")];
        }
      }
      if (anchor && sequence === anchor.treeSize && tree.root().toString('hex') !== anchor.rootHash) {
        return [
          breakOf(
            row,
            4,
            `the first ${anchor.treeSize} events no longer make the tree of the checkpoint signed ${anchor.createdAt}: an event up to here was rewritten or moved`,
          ),
        ];
      }
      expected += 1;
    }
    if (rows.length < batchSize) break;
  }
  if (expected - 1 > lastCounted)
    return [{ sequence: lastCounted + 1, item: '', itemSequence: 0, rank: 3, reason: `events go on past the ${lastCounted} the ledger counted` }];
  if (head.treeSize > lastCounted)
    return [
      {
        sequence: lastCounted + 1,
        item: '',
        itemSequence: 0,
        rank: 3,
        reason: `the ledger's tiles cover ${head.treeSize} events, but ${lastCounted} have positions`,
      },
    ];
  if (expected - 1 < lastCounted)
    return [{ sequence: expected, item: '', itemSequence: 0, rank: 0, reason: `the ledger counted ${lastCounted} events, but they end at ${expected - 1}` }];
  if (anchor && expected - 1 < anchor.treeSize) {
    return [
      {
        sequence: expected,
        item: '',
        itemSequence: 0,
        rank: 0,
        reason: `the checkpoint signed ${anchor.createdAt} covers ${anchor.treeSize} events, but they end at ${expected - 1}`,
      },
    ];
  }
  return [];
}

/**
 * Every event must follow its item's previous one: numbered next, linked to its hash, and placed
 * after it in the ledger. PostgreSQL walks each chain in its primary key's order and names the first that does not.
 */
async function checkLinks(session: Session): Promise<Break[]> {
  const [first] = (await session(
    `SELECT sequence, item_code, item_sequence, actual_previous IS NULL AS first_of_item, numbered_after, forked, positioned_after
       FROM (SELECT sequence, item_code, item_sequence, previous_hash,
                    lag(hash) OVER chain AS actual_previous,
                    item_sequence = coalesce(lag(item_sequence) OVER chain, 0) + 1 AS numbered_after,
                    item_sequence = lag(item_sequence) OVER chain AS forked,
                    sequence IS NULL OR (lag(item_sequence) OVER chain IS NULL OR (lag(sequence) OVER chain IS NOT NULL AND sequence > lag(sequence) OVER chain)) AS positioned_after
               FROM custody_events WINDOW chain AS (PARTITION BY item_id ORDER BY item_sequence, sequence)) paired
      WHERE previous_hash IS DISTINCT FROM actual_previous OR NOT numbered_after OR NOT positioned_after
      ORDER BY sequence NULLS LAST LIMIT 1`,
  )) as {
    sequence: string | null;
    item_code: string;
    item_sequence: number;
    first_of_item: boolean;
    numbered_after: boolean;
    forked: boolean | null;
    positioned_after: boolean;
  }[];
  if (!first) return [];
  const reason = first.forked
    ? `is a second event ${first.item_sequence} of item ${first.item_code}: its chain forks`
    : !first.numbered_after
      ? `the item's event ${first.item_sequence - 1} is missing`
      : !first.positioned_after
        ? "comes before the item's previous event in the ledger"
        : first.first_of_item
          ? `item ${first.item_code} has no earlier event for it to link to`
          : `does not link to the previous event of item ${first.item_code}`;
  return [{ sequence: first.sequence === null ? null : Number(first.sequence), item: first.item_code, itemSequence: first.item_sequence, rank: 1, reason }];
}

function hashOf(row: EventRow): string {
  return eventHash(ledgerEventOf(row));
}

function breakOf(row: EventRow, rank: number, reason: string): Break {
  return { sequence: row.sequence === null ? null : Number(row.sequence), item: row.item_code, itemSequence: row.item_sequence, rank, reason };
}

/** The newest checkpoint kept in the database whose signature holds with this key: a forged one there does not count. */
export async function newestSignedAnchor(session: Session, publicKey: KeyObject): Promise<Anchor | null> {
  const rows = await session(
    `SELECT tree_size AS "treeSize", root_hash AS "rootHash", signed_at AS "createdAt", key_id AS "keyId", signature FROM ledger_checkpoints ORDER BY tree_size DESC LIMIT 20`,
  );
  for (const row of rows) {
    const checked = checkCheckpoint({ ...row, format: checkpointFormat, treeSize: Number(row.treeSize) }, publicKey);
    if (checked.ok) return { treeSize: checked.checkpoint.treeSize, rootHash: checked.checkpoint.rootHash, createdAt: checked.checkpoint.createdAt };
  }
  return null;
}
