import { createHash } from 'node:crypto';
import { decodeEntryBundle } from './entry-bundle';
import { appendToLog, logRightEdge } from './log-append';
import { leafHash, treeHash } from './merkle';
import { splitHashes } from './tile-builder';

const entries = (from: number, count: number) =>
  Array.from({ length: count }, (_, index) =>
    createHash('sha256')
      .update(`event ${from + index}`)
      .digest(),
  );

describe('an integrator batch', () => {
  it('reads the partial tile of each level and the partial entry bundle, nothing else', () => {
    expect(logRightEdge(0)).toEqual({ tiles: [], bundle: null });
    expect(logRightEdge(70_000)).toEqual({
      tiles: [
        { level: 0, index: 273, width: 112 },
        { level: 1, index: 1, width: 17 },
        { level: 2, index: 0, width: 1 },
      ],
      bundle: { index: 273, width: 112 },
    });
    expect(logRightEdge(40_000_000).tiles).toHaveLength(3);
    expect(logRightEdge(40_000_001).tiles).toHaveLength(4);
  });

  it('writes tiles and entry bundles that agree: each entry hashes to its leaf', () => {
    const first = appendToLog(0, { tiles: [], bundle: null }, entries(0, 300));
    const second = appendToLog(300, { tiles: first.rightEdge, bundle: first.bundles.at(-1)!.data }, entries(300, 500));
    expect(second.treeSize).toBe(800);
    expect(second.rootHash.equals(treeHash(entries(0, 800).map((entry) => leafHash(entry))))).toBe(true);
    expect(second.bundles.map(({ index, width }) => ({ index, width }))).toEqual([
      { index: 1, width: 256 },
      { index: 2, width: 256 },
      { index: 3, width: 32 },
    ]);
    for (const bundle of second.bundles) {
      const tile = second.tiles.find((candidate) => candidate.level === 0 && candidate.index === bundle.index)!;
      expect(splitHashes(tile.hashes).map((hash) => hash.toString('hex'))).toEqual(
        decodeEntryBundle(bundle.data).map((entry) => leafHash(entry).toString('hex')),
      );
    }
  });
});
