import { appendEntries, partialEntryBundle } from '../entry-bundle';
import { leafHash } from '../merkle';
import { appendLeaves } from '../tile-builder';
import { TileReader } from '../tile-proofs';
import { HashTile, partialTiles, TileAddress } from '../tiles';

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

  /** Appends entries (32-byte event hashes in Custody) as one batch. */
  append(entries: Buffer[]): void {
    const edge = partialTiles(this.treeSize).map((address) => this.tiles.get(key(address))!);
    const leafHashes = entries.map((entry) => leafHash(entry));
    const grown = appendLeaves(this.treeSize, edge, leafHashes);
    for (const tile of grown.tiles) this.tiles.set(key(tile), tile);
    const bundle = partialEntryBundle(this.treeSize);
    for (const written of appendEntries(this.treeSize, bundle ? this.bundles.get(bundle.index)! : null, entries)) this.bundles.set(written.index, written.data);
    this.leaves.push(...leafHashes);
    this.treeSize = grown.treeSize;
    this.roots.set(this.treeSize, grown.rootHash);
  }

  /** A tile as served for a tree of `treeSize`: the stored one cut to the width that size gives it. */
  tileAt(address: TileAddress): Buffer {
    const stored = this.tiles.get(key(address));
    if (!stored || stored.width < address.width) throw new Error(`no tile ${key(address)} of width ${address.width}`);
    return stored.hashes.subarray(0, address.width * 32);
  }

  readTiles: TileReader = async (addresses) => {
    this.tilesRead += addresses.length;
    return addresses.map((address) => this.tileAt(address));
  };
}

const key = (tile: Pick<TileAddress, 'level' | 'index'>) => `${tile.level}/${tile.index}`;
