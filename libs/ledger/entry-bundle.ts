import { EntryBundleAddress, TileError, checkTreeSize, tileWidth } from './tiles';

/**
 * Entry bundles (https://c2sp.org/tlog-tiles, "Log entries"): the entries of one level-0 tile,
 * each as a big-endian uint16 length and its bytes. Custody's entry is the event's 32-byte hash,
 * so each entry takes 34 bytes, and a bundle of width W is the first W entries of a wider one.
 */
export interface EntryBundle extends EntryBundleAddress {
  /** The encoded bundle, as stored and served. */
  data: Buffer;
}

const maximumEntryLength = 0xffff;

export function encodeEntryBundle(entries: Buffer[]): Buffer {
  if (entries.length > tileWidth) throw new TileError(`an entry bundle holds at most ${tileWidth} entries`);
  return Buffer.concat(
    entries.flatMap((entry) => {
      if (entry.length > maximumEntryLength) throw new TileError(`an entry is at most ${maximumEntryLength} bytes`);
      const length = Buffer.alloc(2);
      length.writeUInt16BE(entry.length);
      return [length, entry];
    }),
  );
}

export function decodeEntryBundle(data: Buffer): Buffer[] {
  const entries: Buffer[] = [];
  for (let offset = 0; offset < data.length;) {
    if (offset + 2 > data.length) throw new TileError('the entry bundle ends inside a length');
    const length = data.readUInt16BE(offset);
    if (offset + 2 + length > data.length) throw new TileError('the entry bundle ends inside an entry');
    entries.push(data.subarray(offset + 2, offset + 2 + length));
    offset += 2 + length;
  }
  if (entries.length > tileWidth) throw new TileError(`an entry bundle holds at most ${tileWidth} entries`);
  return entries;
}

/** The bundle that `appendEntries` must be given for a tree of this size: its last, partial one; null when there is none. */
export function partialEntryBundle(treeSize: number): EntryBundleAddress | null {
  checkTreeSize(treeSize);
  const width = treeSize % tileWidth;
  return width > 0 ? { index: Math.floor(treeSize / tileWidth), width } : null;
}

/**
 * The entry bundles to write when `entries` are appended to a tree of `treeSize` leaves: each bundle
 * completed, then the new partial one. `partial` is the stored last bundle (`partialEntryBundle`),
 * which may be wider than the tree (left by a batch that did not commit): its extra entries are dropped.
 */
export function appendEntries(treeSize: number, partial: Buffer | null, entries: Buffer[]): EntryBundle[] {
  const address = partialEntryBundle(treeSize);
  let pending: Buffer[] = [];
  if (address) {
    if (!partial) throw new TileError(`entry bundle ${address.index} of width ${address.width} is needed to append to a tree of ${treeSize}`);
    const stored = decodeEntryBundle(partial);
    if (stored.length < address.width)
      throw new TileError(`entry bundle ${address.index} holds ${stored.length} entries, fewer than the tree's ${address.width}`);
    pending = stored.slice(0, address.width);
  }
  const bundles: EntryBundle[] = [];
  if (entries.length === 0) return bundles;
  let index = Math.floor(treeSize / tileWidth);
  const all = [...pending, ...entries];
  for (let start = 0; start < all.length; start += tileWidth, index++) {
    const chunk = all.slice(start, start + tileWidth);
    bundles.push({ index, width: chunk.length, data: encodeEntryBundle(chunk) });
  }
  return bundles;
}

/** The bundle of `width` entries served from a stored wider one: the first entries, as a partial bundle of that width is. */
export function entryBundleOfWidth(stored: Buffer, width: number): Buffer {
  const entries = decodeEntryBundle(stored);
  if (!Number.isInteger(width) || width < 1 || width > entries.length) throw new TileError(`the stored bundle holds ${entries.length} entries, not ${width}`);
  return width === entries.length ? stored : encodeEntryBundle(entries.slice(0, width));
}
