import { entryBundlePath, entryBundlesOfTree, parseTilePath, partialTiles, tileOfWidth, tilePath, tilesOfTree } from './tiles';

describe('tile paths', () => {
  it('write the index in groups of three digits, all but the last with an x, and a partial width after .p', () => {
    expect(tilePath({ level: 0, index: 1_234_067, width: 256 })).toBe('tile/0/x001/x234/067');
    expect(tilePath({ level: 2, index: 5, width: 17 })).toBe('tile/2/005.p/17');
    expect(tilePath({ level: 1, index: 1000, width: 1 })).toBe('tile/1/x001/000.p/1');
    expect(entryBundlePath({ index: 1_234_067, width: 112 })).toBe('tile/entries/x001/x234/067.p/112');
    expect(entryBundlePath({ index: 0, width: 256 })).toBe('tile/entries/000');
  });

  it('are read back into the same tile', () => {
    for (const tile of [
      { level: 0, index: 0, width: 256 },
      { level: 63, index: 999_999_999, width: 255 },
      { level: 3, index: 1_000_000, width: 1 },
    ]) {
      expect(parseTilePath(tilePath(tile))).toEqual({ kind: 'tile', ...tile });
    }
    expect(parseTilePath('tile/entries/x001/x234/067.p/112')).toEqual({ kind: 'entries', index: 1_234_067, width: 112 });
  });

  it.each([
    'tile/0/67',
    'tile/0/0067',
    'tile/0/x000/067',
    'tile/0/001/234',
    'tile/0/x001/234.p/',
    'tile/0/067.p/0',
    'tile/0/067.p/256',
    'tile/0/067.p/07',
    'tile/64/000',
    'tile/01/000',
    'tile/-1/000',
    'tile/data/000',
    'tile/entries/000.p/256',
    'tile/0/000/',
    '/tile/0/000',
    'tile/0/x1234/000',
  ])('refuse the path %s, which is not how the specification spells a tile', (path) => {
    expect(parseTilePath(path)).toBeNull();
  });
});

describe('the tiles of a tree', () => {
  const describeTiles = (size: number) => [...tilesOfTree(size)].map((tile) => tilePath(tile));

  it('are, at 70,000 leaves, those of the specification: 273 full and one of 112 at level 0, one full and one of 17 at level 1, one of 1 at level 2', () => {
    const tiles = [...tilesOfTree(70_000)];
    expect(tiles.filter((tile) => tile.level === 0 && tile.width === 256)).toHaveLength(273);
    expect(tiles.filter((tile) => tile.width < 256)).toEqual([
      { level: 0, index: 273, width: 112 },
      { level: 1, index: 1, width: 17 },
      { level: 2, index: 0, width: 1 },
    ]);
    expect(tiles.filter((tile) => tile.level === 1 && tile.width === 256)).toEqual([{ level: 1, index: 0, width: 256 }]);
    expect(partialTiles(70_000)).toEqual(tiles.filter((tile) => tile.width < 256));
  });

  it('are, at 256 leaves, a full level-0 tile and a level-1 tile of width 1', () => {
    expect(describeTiles(256)).toEqual(['tile/0/000', 'tile/1/000.p/1']);
    expect(partialTiles(256)).toEqual([{ level: 1, index: 0, width: 1 }]);
  });

  it('are none for an empty tree, one partial tile for a small one', () => {
    expect(describeTiles(0)).toEqual([]);
    expect(describeTiles(1)).toEqual(['tile/0/000.p/1']);
    expect(describeTiles(257)).toEqual(['tile/0/000', 'tile/0/001.p/1', 'tile/1/000.p/1']);
    expect(describeTiles(65_536)).toHaveLength(256 + 1 + 1);
    expect(partialTiles(65_536)).toEqual([{ level: 2, index: 0, width: 1 }]);
  });

  it('have an entry bundle for each level-0 tile', () => {
    expect([...entryBundlesOfTree(513)].map((bundle) => entryBundlePath(bundle))).toEqual(['tile/entries/000', 'tile/entries/001', 'tile/entries/002.p/1']);
  });

  it('are counted for trees of any size up to 2^53', () => {
    expect(partialTiles(2 ** 53 - 1).map((tile) => tile.width)).toEqual([255, 255, 255, 255, 255, 255, 31]);
    expect(() => partialTiles(2 ** 53)).toThrow();
    expect(() => partialTiles(-1)).toThrow();
  });

  it('are served at a narrower width as the first hashes of the stored tile', () => {
    const stored = Buffer.concat([Buffer.alloc(32, 1), Buffer.alloc(32, 2), Buffer.alloc(32, 3)]);
    expect(tileOfWidth(stored, 2)).toEqual(stored.subarray(0, 64));
    expect(() => tileOfWidth(stored, 4)).toThrow('not 4');
    expect(() => tileOfWidth(stored, 0)).toThrow();
  });
});
