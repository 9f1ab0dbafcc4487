import { appendEntries, EntryBundle, partialEntryBundle } from './entry-bundle';
import { leafHash } from './merkle';
import { appendLeaves, TileAppend } from './tile-builder';
import { EntryBundleAddress, HashTile, partialTiles, TileAddress } from './tiles';

/**
 * One integrator batch, tiles and entry bundles together: what to read before (`logRightEdge`),
 * then `appendToLog` with the batch's entries (the events' 32-byte hashes, in position order).
 */
export interface LogRightEdge {
  /** The partial tile of each level, at most one a level: at 40 million leaves, 4 tiles. */
  tiles: TileAddress[];
  /** The partial entry bundle, if the tree is not a multiple of 256. */
  bundle: EntryBundleAddress | null;
}

export interface LogAppend extends TileAppend {
  /** The entry bundles to write: those the batch completed, then the new partial one. */
  bundles: EntryBundle[];
}

/** What the store must give `appendToLog` for a tree of this size. */
export function logRightEdge(treeSize: number): LogRightEdge {
  return { tiles: partialTiles(treeSize), bundle: partialEntryBundle(treeSize) };
}

/** Appends entries to the log of `treeSize` leaves, given its stored right edge (`logRightEdge`). */
export function appendToLog(treeSize: number, stored: { tiles: HashTile[]; bundle: Buffer | null }, entries: Buffer[]): LogAppend {
  const grown = appendLeaves(
    treeSize,
    stored.tiles,
    entries.map((entry) => leafHash(entry)),
  );
  return { ...grown, bundles: appendEntries(treeSize, stored.bundle, entries) };
}
