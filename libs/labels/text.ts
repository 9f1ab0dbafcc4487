import bwipjs from 'bwip-js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// Inconsolata ships with bwip-js and covers Latin-1 and €: é, ë, ç, ß print on every preview.
let fontId: number | undefined;
function font(): number {
  if (fontId === undefined) {
    const file = join(require.resolve('bwip-js'), '..', '..', 'fonts', 'Inconsolata.otf');
    bwipjs.loadFont('CUSTODY-LABEL', 100, readFileSync(file));
    fontId = bwipjs.FontLib.lookup('CUSTODY-LABEL');
  }
  return fontId;
}

export interface Glyph {
  width: number;
  height: number;
  /** Rows from the top of the em box down to the glyph's top. */
  top: number;
  left: number;
  advance: number;
  /** Coverage 0–255, row by row. */
  pixels: Uint8Array;
}

const glyphs = new Map<string, Glyph>();

/** One character at a size in dots (the em height), rasterised once and kept. */
export function glyph(character: string, size: number): Glyph {
  const key = `${size}:${character}`;
  let found = glyphs.get(key);
  if (!found) {
    const raw = bwipjs.FontLib.getglyph(font(), character.codePointAt(0) ?? 63, size, size);
    const pixels = raw.bytes ? Uint8Array.from(raw.bytes.subarray(raw.offset, raw.offset + raw.width * raw.height)) : new Uint8Array(0);
    found = { width: raw.width, height: raw.height, top: raw.top, left: raw.left, advance: raw.advance, pixels };
    glyphs.set(key, found);
  }
  return found;
}

/** The width of a line of text in dots; the font is monospaced, so this is exact. */
export function textWidth(text: string, size: number): number {
  return [...text].length * glyph('0', size).advance;
}

// three dots: the ellipsis character is not in code page 858
const ellipsis = '...';

/** The text, cut at a word where it can be, with an ellipsis, to fit a width. */
export function fitText(text: string, size: number, width: number): string {
  return fitColumns(text, Math.max(1, Math.floor(width / glyph('0', size).advance)));
}

/** The text cut to a number of characters, at a word where it can be, with an ellipsis. */
export function fitColumns(text: string, columns: number): string {
  const characters = [...text.replace(/\s+/g, ' ').trim()];
  if (characters.length <= columns) return characters.join('');
  const cut = characters.slice(0, Math.max(0, columns - ellipsis.length)).join('');
  const atWord = cut.lastIndexOf(' ');
  return `${atWord > columns / 2 ? cut.slice(0, atWord) : cut}${ellipsis}`;
}

/** The text folded into at most `lines` lines of a width, the last cut with an ellipsis if needed. */
export function wrapText(text: string, size: number, width: number, lines: number): string[] {
  const columns = Math.max(1, Math.floor(width / glyph('0', size).advance));
  const words = text.replace(/\s+/g, ' ').trim().split(' ');
  const result: string[] = [];
  let line = '';
  for (const word of words) {
    const next = line ? `${line} ${word}` : word;
    if ([...next].length <= columns) line = next;
    else {
      if (line) result.push(line);
      line = word;
    }
  }
  if (line) result.push(line);
  if (result.length <= lines) return result.map((each) => fitText(each, size, width));
  return [...result.slice(0, lines - 1), fitText(result.slice(lines - 1).join(' '), size, width)];
}

/**
 * The whole text in lines of a width, nothing cut: broken at spaces, else after a dot, slash or
 * dash (a case reference like BR.12.LL.123456/2026 breaks after its parts), else where it must.
 */
export function wrapWhole(text: string, size: number, width: number): string[] {
  const columns = Math.max(1, Math.floor(width / glyph('0', size).advance));
  const lines: string[] = [];
  let rest = [...text.replace(/\s+/g, ' ').trim()];
  while (rest.length > columns) {
    const head = rest.slice(0, columns + 1).join('');
    const space = head.lastIndexOf(' ');
    const mark = Math.max(head.lastIndexOf('.', columns - 1), head.lastIndexOf('/', columns - 1), head.lastIndexOf('-', columns - 1));
    const cut = space > 0 ? space : mark >= 0 ? mark + 1 : columns;
    lines.push(rest.slice(0, cut).join('').trimEnd());
    rest = rest.slice(space > 0 && cut === space ? cut + 1 : cut);
  }
  if (rest.length) lines.push(rest.join(''));
  return lines;
}
