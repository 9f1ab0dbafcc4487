import { createHash } from 'node:crypto';
import { nodeHash } from './merkle';
import { checkTreeSize, hashesAtLevel, hashSize, HashTile, partialTiles, TileAddress, TileError, tilePath, tileWidth } from './tiles';

/**
 * Grows a tiled tree by a batch of leaves, knowing only its right edge: the partial tile of each
 * level (at most 255 hashes each, a handful of levels), never the whole tree. The integrator reads
 * `partialTiles(treeSize)` from its store (or keeps the previous call's `rightEdge`), calls
 * `appendLeaves`, and writes `tiles` in the transaction that gives the leaves their positions.
 */
export interface TileAppend {
  /** The size of the tree after the append. */
  treeSize: number;
  /** Its RFC 6962 root hash: what a checkpoint of this size signs. */
  rootHash: Buffer;
  /**
   * The tiles to write, each at its new width: the tiles this batch completed (256 hashes, never to
   * change again) and the new partial tile of each level it reached. Written by (level, index),
   * a tile replaces the narrower one stored before it.
   */
  tiles: HashTile[];
  /** The partial tiles of the grown tree, to give to the next append. */
  rightEdge: HashTile[];
}

/**
 * Appends leaf hashes to a tree of `treeSize` leaves whose partial tiles are `rightEdge`. A stored
 * tile wider than the tree (left by a batch whose commit was lost) is read only up to the tree's
 * width; a narrower or missing one is an error.
 */
export function appendLeaves(treeSize: number, rightEdge: HashTile[], leafHashes: Buffer[]): TileAppend {
  const edge = edgeHashes(treeSize, rightEdge);
  for (const leaf of leafHashes) if (leaf.length !== hashSize) throw new TileError(`a leaf hash is ${hashSize} bytes`);
  const grownSize = treeSize + leafHashes.length;
  checkTreeSize(grownSize);
  const tiles: HashTile[] = [];
  // hashes added at each level: the new leaves at level 0, then the roots of the tiles they complete
  let added = leafHashes;
  for (let level = 0; added.length > 0; level++) {
    const hashes = [...(edge.get(level) ?? []), ...added];
    const firstIndex = Math.floor(hashesAtLevel(treeSize, level) / tileWidth);
    added = [];
    for (let start = 0; start < hashes.length; start += tileWidth) {
      const content = hashes.slice(start, start + tileWidth);
      tiles.push({ level, index: firstIndex + start / tileWidth, width: content.length, hashes: Buffer.concat(content) });
      if (content.length === tileWidth) added.push(perfectTreeHash(content));
    }
  }
  const grownEdge = partialTiles(grownSize).map(
    (address) =>
      tiles.find((tile) => sameTile(tile, address)) ?? {
        ...address,
        hashes: Buffer.concat(edge.get(address.level)!),
      },
  );
  return { treeSize: grownSize, rootHash: rootHashFromRightEdge(grownSize, grownEdge), tiles, rightEdge: grownEdge };
}

/** The RFC 6962 root hash of a tree from its partial tiles alone: what a checkpoint signs, read in one query. */
export function rootHashFromRightEdge(treeSize: number, rightEdge: HashTile[]): Buffer {
  if (treeSize === 0) return createHash('sha256').digest();
  const edge = edgeHashes(treeSize, rightEdge);
  // the perfect subtrees of the tree, largest (leftmost) first: a tile of width W splits as W's binary digits
  const subtrees: Buffer[] = [];
  for (const level of [...edge.keys()].sort((a, b) => b - a)) {
    const hashes = edge.get(level)!;
    let offset = 0;
    for (let size = tileWidth / 2; size >= 1; size /= 2) {
      if ((hashes.length & size) === 0) continue;
      subtrees.push(perfectTreeHash(hashes.slice(offset, offset + size)));
      offset += size;
    }
  }
  return subtrees.reduceRight((right, left) => nodeHash(left, right));
}

/** The root of a perfect subtree over a power-of-two number of hashes. */
export function perfectTreeHash(hashes: Buffer[]): Buffer {
  let level = hashes;
  while (level.length > 1) {
    const above: Buffer[] = [];
    for (let index = 0; index < level.length; index += 2) above.push(nodeHash(level[index], level[index + 1]));
    level = above;
  }
  return level[0];
}

/** The right edge's hashes by level, checked against the tiles the tree must have there. */
function edgeHashes(treeSize: number, rightEdge: HashTile[]): Map<number, Buffer[]> {
  const needed = partialTiles(treeSize);
  for (const tile of rightEdge)
    if (!needed.some((address) => sameTile(tile, address))) throw new TileError(`${tilePath(tile)} is not a partial tile of a tree of ${treeSize}`);
  const edge = new Map<number, Buffer[]>();
  for (const address of needed) {
    const tile = rightEdge.find((candidate) => sameTile(candidate, address));
    if (!tile) throw new TileError(`${tilePath(address)} is needed to grow a tree of ${treeSize}`);
    if (tile.hashes.length % hashSize !== 0 || tile.hashes.length < address.width * hashSize)
      throw new TileError(`${tilePath(tile)} holds ${tile.hashes.length} bytes, not the ${address.width} hashes of a tree of ${treeSize}`);
    edge.set(address.level, splitHashes(tile.hashes, address.width));
  }
  return edge;
}

export function splitHashes(data: Buffer, count = data.length / hashSize): Buffer[] {
  return Array.from({ length: count }, (_, index) => data.subarray(index * hashSize, (index + 1) * hashSize));
}

function sameTile(a: Pick<TileAddress, 'level' | 'index'>, b: Pick<TileAddress, 'level' | 'index'>): boolean {
  return a.level === b.level && a.index === b.index;
}
