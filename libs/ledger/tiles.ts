/**
 * The Merkle tree stored as C2SP tlog-tiles (https://c2sp.org/tlog-tiles): a tile at level L holds
 * up to 256 consecutive hashes, each the root of a perfect subtree of 256^L leaves; level 0 holds
 * the leaf hashes. Full tiles (256 hashes) never change; the rightmost tile of each level is
 * partial and grows, and a partial tile of width W is always the first W hashes of any wider
 * version of the same tile, so a store needs to keep only the widest one.
 */
export const tileHeight = 8;
export const tileWidth = 256;
export const hashSize = 32;

/** Which tile: its level, its index within the level, and its width (1 to 256 hashes; 256 is a full tile). */
export interface TileAddress {
  level: number;
  index: number;
  width: number;
}

/** A tile's content: `width` hashes of 32 bytes, concatenated, as served. */
export interface HashTile extends TileAddress {
  hashes: Buffer;
}

/** Which entry bundle: the entries of the level-0 tile of the same index and width. */
export interface EntryBundleAddress {
  index: number;
  width: number;
}

export class TileError extends Error {}

const levelSpan = (level: number) => 2 ** (tileHeight * level);

/** How many hashes level `level` of a tree of `treeSize` leaves holds (only full subtrees of 256^level leaves count). */
export function hashesAtLevel(treeSize: number, level: number): number {
  return Math.floor(treeSize / levelSpan(level));
}

/** The width of tile `index` at `level` in a tree of `treeSize` leaves; 0 when the tree has no such tile. */
export function tileWidthIn(treeSize: number, level: number, index: number): number {
  return Math.max(0, Math.min(tileWidth, hashesAtLevel(treeSize, level) - index * tileWidth));
}

/**
 * The partial tiles of a tree: at most one per level, the rightmost. This is the right edge that
 * `appendLeaves` needs, and the tiles a checkpoint of this size requires to be served.
 */
export function partialTiles(treeSize: number): TileAddress[] {
  checkTreeSize(treeSize);
  const tiles: TileAddress[] = [];
  for (let level = 0; hashesAtLevel(treeSize, level) > 0; level++) {
    const count = hashesAtLevel(treeSize, level);
    if (count % tileWidth > 0) tiles.push({ level, index: Math.floor(count / tileWidth), width: count % tileWidth });
  }
  return tiles;
}

/** Every tile of a tree of `treeSize` leaves, level by level, full tiles then the partial one; lazily, since a large tree has many. */
export function* tilesOfTree(treeSize: number): Generator<TileAddress> {
  checkTreeSize(treeSize);
  for (let level = 0; hashesAtLevel(treeSize, level) > 0; level++) {
    const count = hashesAtLevel(treeSize, level);
    for (let index = 0; index < Math.floor(count / tileWidth); index++) yield { level, index, width: tileWidth };
    if (count % tileWidth > 0) yield { level, index: Math.floor(count / tileWidth), width: count % tileWidth };
  }
}

/** The entry bundles of a tree: those of its level-0 tiles. */
export function* entryBundlesOfTree(treeSize: number): Generator<EntryBundleAddress> {
  for (const tile of tilesOfTree(treeSize)) {
    if (tile.level > 0) return;
    yield { index: tile.index, width: tile.width };
  }
}

/** `tile/<L>/<N>[.p/<W>]`, N in 3-digit groups (`x001/x234/067`), relative to the log's prefix. */
export function tilePath(tile: TileAddress): string {
  if (!Number.isInteger(tile.level) || tile.level < 0 || tile.level > 63) throw new TileError(`tile level ${tile.level} is not between 0 and 63`);
  return `tile/${tile.level}/${indexPath(tile.index)}${widthSuffix(tile.width)}`;
}

/** `tile/entries/<N>[.p/<W>]`. */
export function entryBundlePath(bundle: EntryBundleAddress): string {
  return `tile/entries/${indexPath(bundle.index)}${widthSuffix(bundle.width)}`;
}

export type ParsedTilePath = ({ kind: 'tile' } & TileAddress) | ({ kind: 'entries' } & EntryBundleAddress);

/** Reads a tile or entry bundle path (as `tilePath` writes it, nothing else: one resource, one path); null when it is not one. */
export function parseTilePath(path: string): ParsedTilePath | null {
  const match = /^tile\/(entries|0|[1-9][0-9]?)\/((?:x[0-9]{3}\/)*[0-9]{3})(?:\.p\/([1-9][0-9]{0,2}))?$/.exec(path);
  if (!match) return null;
  const index = Number(match[2].replace(/[x/]/g, ''));
  const width = match[3] === undefined ? tileWidth : Number(match[3]);
  // a partial tile is narrower than a full one
  if (!Number.isSafeInteger(index) || (match[3] !== undefined && width >= tileWidth)) return null;
  const parsed: ParsedTilePath = match[1] === 'entries' ? { kind: 'entries', index, width } : { kind: 'tile', level: Number(match[1]), index, width };
  if (parsed.kind === 'tile' && parsed.level > 63) return null;
  const canonical = parsed.kind === 'tile' ? tilePath(parsed) : entryBundlePath(parsed);
  return canonical === path ? parsed : null;
}

function indexPath(index: number): string {
  if (!Number.isSafeInteger(index) || index < 0) throw new TileError(`tile index ${index} is not a whole number`);
  let path = String(index % 1000).padStart(3, '0');
  for (let rest = Math.floor(index / 1000); rest > 0; rest = Math.floor(rest / 1000)) path = `x${String(rest % 1000).padStart(3, '0')}/${path}`;
  return path;
}

function widthSuffix(width: number): string {
  if (!Number.isInteger(width) || width < 1 || width > tileWidth) throw new TileError(`tile width ${width} is not between 1 and ${tileWidth}`);
  return width === tileWidth ? '' : `.p/${width}`;
}

/** The tile of `width` hashes served from a stored wider one: its first hashes, as a partial tile of that width is. */
export function tileOfWidth(stored: Buffer, width: number): Buffer {
  if (!Number.isInteger(width) || width < 1 || width > tileWidth || stored.length < width * hashSize)
    throw new TileError(`the stored tile holds ${Math.floor(stored.length / hashSize)} hashes, not ${width}`);
  return stored.subarray(0, width * hashSize);
}

export function checkTreeSize(treeSize: number): void {
  if (!Number.isSafeInteger(treeSize) || treeSize < 0) throw new TileError(`tree size ${treeSize} is not a whole number`);
}
