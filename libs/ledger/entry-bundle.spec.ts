import { appendEntries, decodeEntryBundle, encodeEntryBundle, entryBundleOfWidth, partialEntryBundle } from './entry-bundle';

const entry = (index: number) => Buffer.alloc(32, index % 256);

describe('entry bundles', () => {
  it('are big-endian uint16 length-prefixed entries', () => {
    const data = encodeEntryBundle([Buffer.from('ab'), Buffer.alloc(0), Buffer.alloc(300, 1)]);
    expect(data.subarray(0, 4)).toEqual(Buffer.from([0, 2, 0x61, 0x62]));
    expect(data.subarray(4, 6)).toEqual(Buffer.from([0, 0]));
    expect(data.subarray(6, 8)).toEqual(Buffer.from([0x01, 0x2c]));
    expect(decodeEntryBundle(data)).toEqual([Buffer.from('ab'), Buffer.alloc(0), Buffer.alloc(300, 1)]);
  });

  it('hold 34 bytes an event: its 32-byte hash and its length', () => {
    expect(encodeEntryBundle([entry(1), entry(2)])).toHaveLength(68);
  });

  it('are refused when cut inside a length or an entry', () => {
    const data = encodeEntryBundle([entry(1), entry(2)]);
    expect(() => decodeEntryBundle(data.subarray(0, 35))).toThrow('inside a length');
    expect(() => decodeEntryBundle(data.subarray(0, 40))).toThrow('inside an entry');
    expect(() => encodeEntryBundle([Buffer.alloc(65_536)])).toThrow();
    expect(() => encodeEntryBundle(Array.from({ length: 257 }, (_, index) => entry(index)))).toThrow();
  });

  it('grow batch by batch from the last partial bundle', () => {
    const entries = Array.from({ length: 700 }, (_, index) => entry(index));
    const bundles = new Map<number, Buffer>();
    let size = 0;
    for (const batch of [1, 254, 1, 300, 144]) {
      const last = partialEntryBundle(size);
      for (const written of appendEntries(size, last ? bundles.get(last.index)! : null, entries.slice(size, size + batch)))
        bundles.set(written.index, written.data);
      size += batch;
    }
    expect([...bundles.keys()]).toEqual([0, 1, 2]);
    expect(decodeEntryBundle(bundles.get(0)!)).toEqual(entries.slice(0, 256));
    expect(decodeEntryBundle(bundles.get(1)!)).toEqual(entries.slice(256, 512));
    expect(decodeEntryBundle(bundles.get(2)!)).toEqual(entries.slice(512, 700));
  });

  it('drop the entries a stored bundle holds past the tree, and refuse one that holds too few', () => {
    const stored = encodeEntryBundle([entry(0), entry(1), entry(99)]);
    expect(appendEntries(2, stored, [entry(2)])).toEqual([{ index: 0, width: 3, data: encodeEntryBundle([entry(0), entry(1), entry(2)]) }]);
    expect(() => appendEntries(4, stored, [entry(4)])).toThrow('fewer');
    expect(() => appendEntries(4, null, [entry(4)])).toThrow('needed');
  });

  it('are served at a narrower width as the first entries of the stored one', () => {
    const stored = encodeEntryBundle([entry(0), entry(1), entry(2)]);
    expect(entryBundleOfWidth(stored, 2)).toEqual(encodeEntryBundle([entry(0), entry(1)]));
    expect(entryBundleOfWidth(stored, 3)).toBe(stored);
    expect(() => entryBundleOfWidth(stored, 4)).toThrow('not 4');
    expect(() => entryBundleOfWidth(stored, 0)).toThrow();
  });
});
