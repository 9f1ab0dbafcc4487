import fc from 'fast-check';
import { consistencyProof, inclusionProof, treeHash, verifyConsistency, verifyInclusion } from './merkle';
import { TiledTree } from './testing/tiled-tree';
import {
  perfectSubtrees,
  readConsistencyProof,
  readInclusionProof,
  readInclusionProofs,
  readOldRootAndConsistencyProof,
  readTreeHash,
  tileHashReader,
} from './tile-proofs';

const entries = (from: number, count: number) => Array.from({ length: count }, (_, index) => Buffer.alloc(32).fill(`leaf ${from + index} `));
const hex = (hashes: Buffer[]) => hashes.map((hash) => hash.toString('hex'));

function grownTree(batches: number[]): TiledTree {
  const tree = new TiledTree();
  for (const batch of batches) tree.append(entries(tree.treeSize, batch));
  return tree;
}

describe('proofs read from tiles', () => {
  it('equal the RFC 6962 definitions (merkle.ts) for every tree size up to the stored one, on random trees', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 700 }), { minLength: 1, maxLength: 5 }), fc.nat(), fc.nat(), fc.nat(), async (batches, a, b, c) => {
        const tree = grownTree(batches);
        // a proof for an older checkpoint reads today's wider tiles, cut to that tree's widths
        const size = 1 + (a % tree.treeSize);
        const index = b % size;
        const oldSize = 1 + (c % size);
        const reader = tileHashReader(size, tree.readTiles);
        const root = await readTreeHash(size, reader);
        expect(root.equals(treeHash(tree.leaves, 0, size))).toBe(true);
        const inclusion = await readInclusionProof(size, index, reader);
        expect(hex(inclusion)).toEqual(hex(inclusionProof(tree.leaves, index, size)));
        verifyInclusion(index, size, tree.leaves[index], inclusion, root);
        const consistency = await readConsistencyProof(oldSize, size, reader);
        expect(hex(consistency)).toEqual(hex(consistencyProof(tree.leaves, oldSize, size)));
        verifyConsistency(oldSize, size, treeHash(tree.leaves, 0, oldSize), root, consistency);
      }),
      { numRuns: 150 },
    );
  });

  describe('in a tree of 70,000 leaves', () => {
    const tree = grownTree([1, 65_535, 1, 4_463]);

    it('equal the RFC 6962 definitions at random sizes, leaves and earlier sizes', async () => {
      const picks = fc.sample(fc.tuple(fc.integer({ min: 1, max: 70_000 }), fc.nat(), fc.nat()), { seed: 15, numRuns: 8 });
      for (const [size, b, c] of [[70_000, 69_999, 65_535], [65_536, 65_535, 65_536], [257, 256, 256], [256, 0, 255], ...picks]) {
        const [index, oldSize] = [b % size, 1 + (c % size)];
        const reader = tileHashReader(size, tree.readTiles);
        expect((await readTreeHash(size, reader)).equals(treeHash(tree.leaves, 0, size))).toBe(true);
        expect(hex(await readInclusionProof(size, index, reader))).toEqual(hex(inclusionProof(tree.leaves, index, size)));
        expect(hex(await readConsistencyProof(oldSize, size, reader))).toEqual(hex(consistencyProof(tree.leaves, oldSize, size)));
      }
    });

    it('read a few tiles in one call: at most two a level', async () => {
      const calls: number[] = [];
      const counting = tileHashReader(70_000, async (tiles) => {
        calls.push(tiles.length);
        return tree.readTiles(tiles);
      });
      await readInclusionProof(70_000, 12_345, counting);
      await readConsistencyProof(33_333, 70_000, counting);
      await readTreeHash(70_000, counting);
      expect(calls).toHaveLength(3);
      for (const count of calls) expect(count).toBeLessThanOrEqual(6);
    });
    it("of several leaves (an item's events) are each the leaf's own proof, read in one call", async () => {
      const calls: number[] = [];
      const counting = tileHashReader(70_000, async (tiles) => {
        calls.push(tiles.length);
        return tree.readTiles(tiles);
      });
      const leaves = [12_345, 0, 69_999, 256, 12_345, 65_535, 65_536];
      const proofs = await readInclusionProofs(70_000, leaves, counting);
      expect(calls).toHaveLength(1);
      expect(proofs.map(hex)).toEqual(leaves.map((leaf) => hex(inclusionProof(tree.leaves, leaf, 70_000))));
      expect(await readInclusionProofs(70_000, [], counting)).toEqual([]);
      await expect(readInclusionProofs(70_000, [1, 70_000], counting)).rejects.toThrow('leaf 70000 is not in a tree');
    });
    it("give an old tree's root with the proof that today's tree extends it, in one call", async () => {
      const calls: number[] = [];
      const counting = tileHashReader(70_000, async (tiles) => {
        calls.push(tiles.length);
        return tree.readTiles(tiles);
      });
      for (const oldSize of [1, 255, 256, 33_333, 65_536, 70_000]) {
        calls.length = 0;
        const { oldRoot, proof } = await readOldRootAndConsistencyProof(oldSize, 70_000, counting);
        expect(calls).toHaveLength(1);
        expect(oldRoot.equals(treeHash(tree.leaves, 0, oldSize))).toBe(true);
        expect(hex(proof)).toEqual(hex(consistencyProof(tree.leaves, oldSize, 70_000)));
      }
      await expect(readOldRootAndConsistencyProof(0, 70_000, counting)).rejects.toThrow('no consistency proof');
    });
  });

  it('are refused for a leaf or a size outside the tree, and when the reader answers short tiles', async () => {
    const tree = grownTree([300]);
    const reader = tileHashReader(300, tree.readTiles);
    await expect(readInclusionProof(300, 300, reader)).rejects.toThrow('not in a tree');
    await expect(readConsistencyProof(0, 300, reader)).rejects.toThrow('no consistency proof');
    await expect(readConsistencyProof(301, 300, reader)).rejects.toThrow('no consistency proof');
    await expect(reader([{ height: 9, index: 0 }])).rejects.toThrow('not in a tree');
    const short = tileHashReader(300, async (tiles) => tiles.map(() => Buffer.alloc(32)));
    await expect(readTreeHash(300, short)).rejects.toThrow('shorter');
  });

  it('need no hash for a tree of one leaf, nor from a tree to itself', async () => {
    const tree = grownTree([1]);
    const reader = tileHashReader(1, tree.readTiles);
    expect(await readInclusionProof(1, 0, reader)).toEqual([]);
    expect(await readConsistencyProof(1, 1, reader)).toEqual([]);
    expect((await readTreeHash(1, reader)).equals(tree.leaves[0])).toBe(true);
  });

  it('split a range into aligned perfect subtrees, largest first', () => {
    expect(perfectSubtrees(0, 7)).toEqual([
      { height: 2, index: 0 },
      { height: 1, index: 2 },
      { height: 0, index: 6 },
    ]);
    expect(perfectSubtrees(256, 600)).toEqual([
      { height: 8, index: 1 },
      { height: 6, index: 8 },
      { height: 4, index: 36 },
      { height: 3, index: 74 },
    ]);
  });
});
