import { leafHash } from '../merkle';
import { appendToLog, logRightEdge } from '../log-append';
import { TileReader } from '../tile-proofs';
import { HashTile, TileAddress, tileOfWidth } from '../tiles';

/**
 * A tiled tree kept in memory the way the server keeps it in PostgreSQL: the widest version of each
 * tile and entry bundle, grown batch by batch through `appendLeaves` and `appendEntries` with only
 * the right edge read back. For specs and the interoperability tests.
 */
export class TiledTree {
  readonly tiles = new Map<string, HashTile>();
  readonly bundles = new Map<number, Buffer>();
  readonly leaves: Buffer[] = [];
  /** The root hash after each batch, by tree size. */
  readonly roots = new Map<number, Buffer>();
  treeSize = 0;
  /** Tiles handed out by `readTiles`, to count what a proof costs. */
  tilesRead = 0;

  /** Appends entries (32-byte event hashes in Custody) as one batch, reading back only the right edge. */
  append(entries: Buffer[]): void {
    const edge = logRightEdge(this.treeSize);
    const grown = appendToLog(
      this.treeSize,
      { tiles: edge.tiles.map((address) => this.tiles.get(key(address))!), bundle: edge.bundle ? this.bundles.get(edge.bundle.index)! : null },
      entries,
    );
    for (const tile of grown.tiles) this.tiles.set(key(tile), tile);
    for (const bundle of grown.bundles) this.bundles.set(bundle.index, bundle.data);
    this.leaves.push(...entries.map((entry) => leafHash(entry)));
    this.treeSize = grown.treeSize;
    this.roots.set(this.treeSize, grown.rootHash);
  }

  /** A tile as served for a tree of `treeSize`: the stored one cut to the width that size gives it. */
  tileAt(address: TileAddress): Buffer {
    const stored = this.tiles.get(key(address));
    if (!stored) throw new Error(`no tile ${key(address)}`);
    return tileOfWidth(stored.hashes, address.width);
  }

  readTiles: TileReader = async (addresses) => {
    this.tilesRead += addresses.length;
    return addresses.map((address) => this.tileAt(address));
  };
}

const key = (tile: Pick<TileAddress, 'level' | 'index'>) => `${tile.level}/${tile.index}`;
