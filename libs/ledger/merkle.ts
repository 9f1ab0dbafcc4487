import { hash } from 'node:crypto';

/**
 * RFC 6962 (and RFC 9162) Merkle trees: leaf hash SHA-256(0x00 || data), node hash
 * SHA-256(0x01 || left || right), the tree hash, inclusion and consistency proofs, and their checks.
 * Leaves are given by their leaf hashes.
 */
// one-shot hashing: a Hash object per node cost a third of a whole-ledger verify
const sha256 = (...parts: Buffer[]) => hash('sha256', parts.length === 1 ? parts[0] : Buffer.concat(parts), 'buffer');
const leafPrefix = Buffer.from([0]);
const nodePrefix = Buffer.from([1]);

export function leafHash(data: Buffer): Buffer {
  return sha256(leafPrefix, data);
}

export function nodeHash(left: Buffer, right: Buffer): Buffer {
  return sha256(nodePrefix, left, right);
}

/** The largest power of two smaller than n (n > 1). */
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** MTH(D[n]): the root of the tree over these leaf hashes; the hash of nothing for an empty tree. */
export function treeHash(leaves: Buffer[], start = 0, end = leaves.length): Buffer {
  if (end === start) return sha256();
  let level = leaves.slice(start, end);
  while (level.length > 1) level = levelAbove(level);
  return level[0];
}

/** Pairs a level's nodes; an odd last node is carried up unchanged, which builds exactly RFC 6962's left-full tree. */
function levelAbove(level: Buffer[]): Buffer[] {
  const above: Buffer[] = [];
  for (let index = 0; index + 1 < level.length; index += 2) above.push(nodeHash(level[index], level[index + 1]));
  if (level.length % 2 === 1) above.push(level[level.length - 1]);
  return above;
}

/** PATH(m, D[n]): the audit path of leaf m in the tree of the first `size` leaves. */
export function inclusionProof(leaves: Buffer[], index: number, size = leaves.length): Buffer[] {
  if (!(index >= 0 && index < size && size <= leaves.length)) throw new RangeError(`leaf ${index} is not in a tree of ${size}`);
  const path = (m: number, start: number, end: number): Buffer[] => {
    const n = end - start;
    if (n <= 1) return [];
    const k = split(n);
    return m < k ? [...path(m, start, start + k), treeHash(leaves, start + k, end)] : [...path(m - k, start + k, end), treeHash(leaves, start, start + k)];
  };
  return path(index, 0, size);
}

/** PROOF(m, D[n]): that the tree of the first `size1` leaves is a prefix of the tree of `size2`. */
export function consistencyProof(leaves: Buffer[], size1: number, size2 = leaves.length): Buffer[] {
  if (!(size1 > 0 && size1 <= size2 && size2 <= leaves.length)) throw new RangeError(`no consistency proof from ${size1} to ${size2}`);
  const subproof = (m: number, start: number, end: number, complete: boolean): Buffer[] => {
    const n = end - start;
    if (m === n) return complete ? [] : [treeHash(leaves, start, end)];
    const k = split(n);
    return m <= k
      ? [...subproof(m, start, start + k, complete), treeHash(leaves, start + k, end)]
      : [...subproof(m - k, start + k, end, false), treeHash(leaves, start, start + k)];
  };
  return subproof(size1, 0, size2, true);
}

export class ProofError extends Error {}

/** Checks an inclusion proof (RFC 9162 2.1.3.2); throws a ProofError saying what is wrong. */
export function verifyInclusion(index: number, size: number, leaf: Buffer, proof: Buffer[], root: Buffer): void {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size)
    throw new ProofError(`leaf index ${index} is outside a tree of ${size}`);
  if (leaf.length !== 32 || root.length !== 32) throw new ProofError('a leaf hash and a root are 32 bytes');
  let fn = BigInt(index);
  let sn = BigInt(size - 1);
  let hash = leaf;
  for (const sibling of proof) {
    if (sn === 0n) throw new ProofError('the proof is longer than the tree is high');
    if ((fn & 1n) === 1n || fn === sn) {
      hash = nodeHash(sibling, hash);
      if ((fn & 1n) === 0n) {
        while ((fn & 1n) === 0n && fn !== 0n) {
          fn >>= 1n;
          sn >>= 1n;
        }
      }
    } else {
      hash = nodeHash(hash, sibling);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  if (sn !== 0n) throw new ProofError('the proof is shorter than the tree is high');
  if (!hash.equals(root)) throw new ProofError('the proof does not lead to the root');
}

/** Checks a consistency proof (RFC 9162 2.1.4.2); throws a ProofError saying what is wrong. */
export function verifyConsistency(size1: number, size2: number, root1: Buffer, root2: Buffer, proof: Buffer[]): void {
  if (!Number.isSafeInteger(size1) || !Number.isSafeInteger(size2) || size1 < 0 || size2 < size1)
    throw new ProofError(`a tree of ${size2} cannot extend one of ${size1}`);
  // a tree with no leaves has nothing to be consistent with: such a check proves nothing
  if (size1 === 0) throw new ProofError('a consistency check against an empty tree proves nothing');
  if (size1 === size2) {
    if (proof.length > 0) throw new ProofError('trees of the same size need an empty proof');
    if (!root1.equals(root2)) throw new ProofError('trees of the same size have different roots');
    return;
  }
  if (proof.length === 0) throw new ProofError('the proof is empty');
  const path = isPowerOfTwo(size1) ? [root1, ...proof] : proof;
  let fn = BigInt(size1 - 1);
  let sn = BigInt(size2 - 1);
  while ((fn & 1n) === 1n) {
    fn >>= 1n;
    sn >>= 1n;
  }
  let firstRoot = path[0];
  let secondRoot = path[0];
  for (const node of path.slice(1)) {
    if (sn === 0n) throw new ProofError('the proof is longer than needed');
    if ((fn & 1n) === 1n || fn === sn) {
      firstRoot = nodeHash(node, firstRoot);
      secondRoot = nodeHash(node, secondRoot);
      if ((fn & 1n) === 0n) {
        while ((fn & 1n) === 0n && fn !== 0n) {
          fn >>= 1n;
          sn >>= 1n;
        }
      }
    } else {
      secondRoot = nodeHash(secondRoot, node);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  if (sn !== 0n) throw new ProofError('the proof is shorter than needed');
  if (!firstRoot.equals(root1)) throw new ProofError('the proof does not lead to the earlier root');
  if (!secondRoot.equals(root2)) throw new ProofError('the proof does not lead to the later root');
}

function isPowerOfTwo(n: number): boolean {
  return n > 0 && (n & (n - 1)) === 0;
}

/**
 * The tree hash of leaves appended one at a time, keeping only the roots of the perfect
 * subtrees along the right edge: memory grows with log n, not n.
 */
export class IncrementalTree {
  private readonly stack: Buffer[] = [];
  size = 0;

  append(leaf: Buffer): void {
    let node = leaf;
    for (let size = this.size; size & 1; size >>= 1) node = nodeHash(this.stack.pop()!, node);
    this.stack.push(node);
    this.size += 1;
  }

  root(): Buffer {
    if (this.stack.length === 0) return sha256();
    return this.stack.reduceRight((right, left) => nodeHash(left, right));
  }
}

/**
 * Every level of the tree over the first `size` leaves, built once (about 2n hashes kept), so
 * that each further inclusion proof costs log n. Promoting an odd last node to the level above
 * gives exactly RFC 6962's tree; the spec proves the proofs equal `inclusionProof`'s.
 */
export class MerkleLevels {
  private readonly levels: Buffer[][];

  constructor(leaves: Buffer[], size = leaves.length) {
    this.levels = [leaves.slice(0, size)];
    while (this.levels.at(-1)!.length > 1) this.levels.push(levelAbove(this.levels.at(-1)!));
  }

  root(): Buffer {
    return this.levels.at(-1)?.[0] ?? sha256();
  }

  inclusionProof(index: number): Buffer[] {
    if (!(index >= 0 && index < this.levels[0].length)) throw new RangeError(`leaf ${index} is not in a tree of ${this.levels[0].length}`);
    const proof: Buffer[] = [];
    for (const level of this.levels.slice(0, -1)) {
      const sibling = index ^ 1;
      if (sibling < level.length) proof.push(level[sibling]);
      index >>= 1;
    }
    return proof;
  }
}
