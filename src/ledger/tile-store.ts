import { appendToLog, HashTile, logRightEdge, TileAddress, tileHashReader, HashReader, tileOfWidth } from '../../libs/ledger';

/** Runs one statement on the connection of the caller's transaction. */
export type Query = (text: string, parameters?: unknown[]) => Promise<unknown[]>;

/** What the tiles make after a batch: the tree's size and root, and its right edge (for the next batch). */
export interface GrownTree {
  treeSize: number;
  rootHash: Buffer;
  rightEdge: HashTile[];
}

/**
 * Grows the stored tiles and entry bundles of a tree of `treeSize` leaves by `entries` (the events'
 * 32-byte hashes, in position order), in the caller's transaction: reads the right edge (at most
 * one partial tile a level) unless the previous batch handed it over, and writes each tile and
 * bundle at its new width. Only the integrator calls this, holding the ledger head's lock.
 */
export async function growTiles(query: Query, treeSize: number, entries: Buffer[], known?: GrownTree): Promise<GrownTree> {
  const edge = logRightEdge(treeSize);
  const tiles = known?.treeSize === treeSize ? known.rightEdge : await readStoredTiles(query, edge.tiles);
  const [bundle] = edge.bundle
    ? ((await query('SELECT entries FROM ledger_entry_bundles WHERE index = $1', [edge.bundle.index])) as { entries: Buffer }[])
    : [undefined];
  const grown = appendToLog(treeSize, { tiles, bundle: bundle?.entries ?? null }, entries);
  if (grown.tiles.length > 0) {
    await query(
      `INSERT INTO ledger_tiles (level, index, width, hashes)
       SELECT * FROM unnest($1::smallint[], $2::bigint[], $3::smallint[], $4::bytea[])
       ON CONFLICT (level, index) DO UPDATE SET width = EXCLUDED.width, hashes = EXCLUDED.hashes WHERE ledger_tiles.width < EXCLUDED.width`,
      [
        grown.tiles.map((tile) => tile.level),
        grown.tiles.map((tile) => tile.index),
        grown.tiles.map((tile) => tile.width),
        grown.tiles.map((tile) => tile.hashes),
      ],
    );
  }
  if (grown.bundles.length > 0) {
    await query(
      `INSERT INTO ledger_entry_bundles (index, width, entries)
       SELECT * FROM unnest($1::bigint[], $2::smallint[], $3::bytea[])
       ON CONFLICT (index) DO UPDATE SET width = EXCLUDED.width, entries = EXCLUDED.entries WHERE ledger_entry_bundles.width < EXCLUDED.width`,
      [grown.bundles.map((bundle) => bundle.index), grown.bundles.map((bundle) => bundle.width), grown.bundles.map((bundle) => bundle.data)],
    );
  }
  return { treeSize: grown.treeSize, rootHash: grown.rootHash, rightEdge: grown.rightEdge };
}

/** The stored tiles at these addresses, each cut to the width asked for (a stored tile is kept at its widest). */
export async function readStoredTiles(query: Query, addresses: TileAddress[]): Promise<HashTile[]> {
  if (addresses.length === 0) return [];
  const rows = (await query(`SELECT level, index, hashes FROM ledger_tiles WHERE (level, index) IN (SELECT * FROM unnest($1::smallint[], $2::bigint[]))`, [
    addresses.map((tile) => tile.level),
    addresses.map((tile) => tile.index),
  ])) as { level: number; index: string; hashes: Buffer }[];
  const stored = new Map(rows.map((row) => [`${row.level}/${row.index}`, row.hashes]));
  return addresses.map((tile) => {
    const hashes = stored.get(`${tile.level}/${tile.index}`);
    if (!hashes) throw new Error(`the ledger's tile ${tile.level}/${tile.index} is missing`);
    return { ...tile, hashes: tileOfWidth(hashes, tile.width) };
  });
}

/** Reads the hashes a proof over the first `treeSize` leaves needs: a few tiles, in one query. */
export function storedHashReader(query: Query, treeSize: number): HashReader {
  return tileHashReader(treeSize, async (addresses) => (await readStoredTiles(query, addresses)).map((tile) => tile.hashes));
}
