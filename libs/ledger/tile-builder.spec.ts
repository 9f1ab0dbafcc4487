import fc from 'fast-check';
import { leafHash, treeHash } from './merkle';
import { TiledTree } from './testing/tiled-tree';
import { appendLeaves, rootHashFromRightEdge } from './tile-builder';
import { tilesOfTree } from './tiles';

const entries = (from: number, count: number) => Array.from({ length: count }, (_, index) => Buffer.alloc(32, 0).fill(`event ${from + index}`));

/** The tile's hashes as the specification defines them: MTH(D[(n*256 + i) * 256^l : (n*256 + i + 1) * 256^l]). */
function expectedTile(leaves: Buffer[], level: number, index: number, width: number): Buffer {
  const span = 256 ** level;
  return Buffer.concat(Array.from({ length: width }, (_, position) => treeHash(leaves, (index * 256 + position) * span, (index * 256 + position + 1) * span)));
}

function expectTilesOfDefinition(tree: TiledTree): void {
  for (const tile of tilesOfTree(tree.treeSize)) {
    expect({ tile, hashes: tree.tileAt(tile).toString('hex') }).toEqual({
      tile,
      hashes: expectedTile(tree.leaves, tile.level, tile.index, tile.width).toString('hex'),
    });
  }
}

describe('building tiles batch by batch', () => {
  it('gives, after every batch, the RFC 6962 root and exactly the tiles the specification defines', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 600 }), { minLength: 1, maxLength: 8 }), (batches) => {
        const tree = new TiledTree();
        for (const batch of batches) {
          tree.append(entries(tree.treeSize, batch));
          expect(tree.roots.get(tree.treeSize)!.equals(treeHash(tree.leaves))).toBe(true);
        }
        expectTilesOfDefinition(tree);
      }),
      { numRuns: 60 },
    );
  });

  it('grows a tree past 65,536 leaves, with full level-1 and partial level-2 tiles, from the right edge alone', () => {
    const tree = new TiledTree();
    for (const batch of [1, 255, 1, 4_000, 61_279, 1, 1]) tree.append(entries(tree.treeSize, batch));
    expect(tree.treeSize).toBe(65_538);
    expect(tree.roots.get(65_538)!.equals(treeHash(tree.leaves))).toBe(true);
    expect(tree.roots.get(65_536)!.equals(treeHash(tree.leaves, 0, 65_536))).toBe(true);
    expectTilesOfDefinition(tree);
  });

  it('writes only what changed: the tiles a batch completed and the new partial tile of each level it reached', () => {
    const tree = new TiledTree();
    tree.append(entries(0, 300));
    const edge = [...tree.tiles.values()].filter((tile) => tile.width < 256);
    const grown = appendLeaves(
      300,
      edge,
      entries(300, 10).map((entry) => leafHash(entry)),
    );
    expect(grown.tiles.map(({ level, index, width }) => ({ level, index, width }))).toEqual([{ level: 0, index: 1, width: 54 }]);
    expect(grown.rightEdge.map(({ level, index, width }) => ({ level, index, width }))).toEqual([
      { level: 0, index: 1, width: 54 },
      { level: 1, index: 0, width: 1 },
    ]);
    const completing = appendLeaves(
      310,
      grown.rightEdge,
      entries(310, 202).map((entry) => leafHash(entry)),
    );
    expect(completing.tiles.map(({ level, index, width }) => ({ level, index, width }))).toEqual([
      { level: 0, index: 1, width: 256 },
      { level: 1, index: 0, width: 2 },
    ]);
  });

  it('reads a stored tile wider than the tree (a batch whose commit was lost) only up to the tree width', () => {
    const leaves = entries(0, 20).map((entry) => leafHash(entry));
    const lost = appendLeaves(0, [], leaves.slice(0, 15));
    const again = appendLeaves(10, lost.rightEdge, leaves.slice(10, 20));
    expect(again.rootHash.equals(treeHash(leaves))).toBe(true);
  });

  it('refuses a right edge that misses a tile, holds too few hashes, or holds a tile that is not on it', () => {
    const tree = new TiledTree();
    tree.append(entries(0, 300));
    const [level0, level1] = [tree.tiles.get('0/1')!, tree.tiles.get('1/0')!];
    const leaf = [leafHash(Buffer.alloc(32))];
    expect(() => appendLeaves(300, [level0], leaf)).toThrow('tile/1/000.p/1 is needed');
    expect(() => appendLeaves(300, [level0, { ...level1, hashes: Buffer.alloc(0) }], leaf)).toThrow('holds 0 bytes');
    expect(() => appendLeaves(300, [level0, level1, tree.tiles.get('0/0')!], leaf)).toThrow('tile/0/000 is not a partial tile');
    expect(() => appendLeaves(300, [level0, level1], [Buffer.alloc(31)])).toThrow('32 bytes');
  });

  it('gives the hash of nothing for an empty tree, and changes nothing for an empty batch', () => {
    expect(rootHashFromRightEdge(0, []).equals(treeHash([]))).toBe(true);
    const empty = appendLeaves(0, [], []);
    expect(empty).toMatchObject({ treeSize: 0, tiles: [], rightEdge: [] });
    const tree = new TiledTree();
    tree.append(entries(0, 5));
    expect(appendLeaves(5, [tree.tiles.get('0/0')!], []).tiles).toEqual([]);
  });
});
