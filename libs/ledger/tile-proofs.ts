import { createHash } from 'node:crypto';
import { nodeHash } from './merkle';
import { perfectTreeHash, splitHashes } from './tile-builder';
import { checkTreeSize, hashSize, TileAddress, TileError, tileHeight, tilePath, tileWidth, tileWidthIn } from './tiles';

/**
 * Tree hashes and RFC 6962 proofs read from tiles: each reads O(log n) hashes from a few tiles (at
 * most two a level, about ten at 40 million leaves), in one call of the caller's reader, so a proof
 * costs the same at any size. The shape follows Go's golang.org/x/mod/sumdb/tlog (HashReader,
 * TileHashReader, TreeHash, ProveRecord, ProveTree), with subtrees named by (height, index)
 * instead of Go's stored hash index.
 */

/** The perfect subtree of 2^height leaves that starts at leaf index × 2^height. */
export interface SubtreeAddress {
  height: number;
  index: number;
}

/** Reads the hashes of these subtrees, in order. */
export type HashReader = (subtrees: SubtreeAddress[]) => Promise<Buffer[]>;

/**
 * Reads these tiles, in order: for each, at least `width` hashes (a wider version of the same tile
 * will do: its first `width` hashes are the same). Like Go's TileReader.ReadTiles.
 */
export type TileReader = (tiles: TileAddress[]) => Promise<Buffer[]>;

/** A HashReader over the tiles of a tree of `treeSize` leaves: every hash a proof needs lies in a tile of that tree. */
export function tileHashReader(treeSize: number, readTiles: TileReader): HashReader {
  checkTreeSize(treeSize);
  return async (subtrees) => {
    const places = subtrees.map((subtree) => {
      const { height, index } = subtree;
      if (!Number.isInteger(height) || height < 0 || !Number.isSafeInteger(index) || index < 0 || (index + 1) * 2 ** height > treeSize)
        throw new TileError(`subtree ${index} of height ${height} is not in a tree of ${treeSize}`);
      const level = Math.floor(height / tileHeight);
      const span = 2 ** (height - level * tileHeight);
      const first = index * span;
      const tileIndex = Math.floor(first / tileWidth);
      return { tile: { level, index: tileIndex, width: tileWidthIn(treeSize, level, tileIndex) }, offset: first % tileWidth, span };
    });
    const tiles = new Map<string, TileAddress>();
    for (const { tile } of places) tiles.set(`${tile.level}/${tile.index}`, tile);
    const addresses = [...tiles.values()];
    const data = await readTiles(addresses);
    if (data.length !== addresses.length) throw new TileError(`the tile reader answered ${data.length} tiles for ${addresses.length}`);
    const read = new Map<string, Buffer>();
    addresses.forEach((tile, position) => {
      if (data[position].length < tile.width * hashSize)
        throw new TileError(`${tilePath(tile)} is ${data[position].length} bytes, shorter than its ${tile.width} hashes`);
      read.set(`${tile.level}/${tile.index}`, data[position]);
    });
    return places.map(({ tile, offset, span }) => {
      const hashes = read.get(`${tile.level}/${tile.index}`)!.subarray(offset * hashSize, (offset + span) * hashSize);
      return perfectTreeHash(splitHashes(hashes));
    });
  };
}

/** The RFC 6962 root hash of the first `treeSize` leaves; SHA-256 of nothing for an empty tree. */
export async function readTreeHash(treeSize: number, readHashes: HashReader): Promise<Buffer> {
  checkTreeSize(treeSize);
  if (treeSize === 0) return createHash('sha256').digest();
  const [root] = await hashRanges([[0, treeSize]], readHashes);
  return root;
}

/** PATH(leafIndex, D[treeSize]) of RFC 6962 2.1.1: the audit path of a leaf, from the leaf up. */
export async function readInclusionProof(treeSize: number, leafIndex: number, readHashes: HashReader): Promise<Buffer[]> {
  const [proof] = await readInclusionProofs(treeSize, [leafIndex], readHashes);
  return proof;
}

/**
 * The audit paths of several leaves of one tree (an item's events), in the order asked, with one
 * call of the reader for all of them: the tiles they share (every level above the leaves' own) are
 * read once.
 */
export async function readInclusionProofs(treeSize: number, leafIndexes: number[], readHashes: HashReader): Promise<Buffer[][]> {
  checkTreeSize(treeSize);
  const paths = leafIndexes.map((leafIndex) => {
    if (!Number.isSafeInteger(leafIndex) || leafIndex < 0 || leafIndex >= treeSize) throw new TileError(`leaf ${leafIndex} is not in a tree of ${treeSize}`);
    return auditPathRanges(treeSize, leafIndex);
  });
  const hashes = await hashRanges(paths.flat(), readHashes);
  let next = 0;
  return paths.map((ranges) => hashes.slice(next, (next += ranges.length)));
}

/** The ranges of leaves whose subtree hashes make a leaf's audit path, from the leaf up. */
function auditPathRanges(treeSize: number, leafIndex: number): Range[] {
  const ranges: Range[] = [];
  const path = (start: number, end: number) => {
    if (end - start === 1) return;
    const middle = start + largestPowerOfTwoBelow(end - start);
    if (leafIndex < middle) {
      path(start, middle);
      ranges.push([middle, end]);
    } else {
      path(middle, end);
      ranges.push([start, middle]);
    }
  };
  path(0, treeSize);
  return ranges;
}

/** PROOF(oldSize, D[newSize]) of RFC 6962 2.1.2: that the tree of `oldSize` leaves is a prefix of the tree of `newSize`. */
export async function readConsistencyProof(oldSize: number, newSize: number, readHashes: HashReader): Promise<Buffer[]> {
  return hashRanges(consistencyRanges(oldSize, newSize), readHashes);
}

/**
 * The root of the tree of `oldSize` leaves and the proof that it is a prefix of the tree of
 * `newSize`, with one call of the reader: what answers "does today's ledger extend this checkpoint".
 */
export async function readOldRootAndConsistencyProof(oldSize: number, newSize: number, readHashes: HashReader): Promise<{ oldRoot: Buffer; proof: Buffer[] }> {
  const ranges = consistencyRanges(oldSize, newSize);
  const [oldRoot, ...proof] = await hashRanges([[0, oldSize], ...ranges], readHashes);
  return { oldRoot, proof };
}

function consistencyRanges(oldSize: number, newSize: number): Range[] {
  checkTreeSize(newSize);
  if (!Number.isSafeInteger(oldSize) || oldSize < 1 || oldSize > newSize) throw new TileError(`no consistency proof from ${oldSize} to ${newSize}`);
  const ranges: Range[] = [];
  const subproof = (start: number, end: number, complete: boolean) => {
    if (end === oldSize) {
      if (!complete) ranges.push([start, end]);
      return;
    }
    const middle = start + largestPowerOfTwoBelow(end - start);
    if (oldSize <= middle) {
      subproof(start, middle, complete);
      ranges.push([middle, end]);
    } else {
      subproof(middle, end, false);
      ranges.push([start, middle]);
    }
  };
  subproof(0, newSize, true);
  return ranges;
}

/** Leaves [start, end). */
type Range = [number, number];

/** The hashes of these ranges, each an RFC 6962 subtree, read in one call. */
async function hashRanges(ranges: Range[], readHashes: HashReader): Promise<Buffer[]> {
  const pieces = ranges.map(([start, end]) => perfectSubtrees(start, end));
  const wanted = pieces.flat();
  if (wanted.length === 0) return [];
  const hashes = await readHashes(wanted);
  if (hashes.length !== wanted.length) throw new TileError(`the hash reader answered ${hashes.length} hashes for ${wanted.length}`);
  let next = 0;
  return pieces.map((subtrees) => {
    const own = hashes.slice(next, next + subtrees.length);
    next += subtrees.length;
    return own.reduceRight((right, left) => nodeHash(left, right));
  });
}

/** [start, end) as the perfect subtrees RFC 6962 hashes it from, largest (leftmost) first; their hashes fold from the right. */
export function perfectSubtrees(start: number, end: number): SubtreeAddress[] {
  const subtrees: SubtreeAddress[] = [];
  while (start < end) {
    let height = 0;
    while (2 ** (height + 1) <= end - start && start % 2 ** (height + 1) === 0) height++;
    subtrees.push({ height, index: start / 2 ** height });
    start += 2 ** height;
  }
  return subtrees;
}

/** The largest power of two smaller than n (n > 1). */
function largestPowerOfTwoBelow(n: number): number {
  let power = 1;
  while (power * 2 < n) power *= 2;
  return power;
}
