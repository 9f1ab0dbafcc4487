import bwipjs from 'bwip-js';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PNG } from 'pngjs';

/**
 * Labels read back by code that nobody on this project wrote: ZPL drawn by Zebrash (zpl-renderer-js),
 * ESC/POS cut into commands by npos's parser, its Code 128 commands drawn by BWIPP (bwip-js) from
 * the code set the command selects, then every picture decoded by zbar (zbarimg) and libdmtx
 * (dmtxread). Only the printer's documented rules (Epson: a barcode wider than the print area is not
 * printed; code sets chosen by `{A` `{B` `{C`) are written here.
 */

const run = promisify(execFile);

export interface Picture {
  width: number;
  height: number;
  /** 1 = black, row by row. */
  dots: Uint8Array;
}

/** What zbar and libdmtx find in a picture. */
export async function readWithZbarAndDmtx(png: Buffer): Promise<{ code128: string[]; dataMatrix: string[]; other: string[] }> {
  const folder = mkdtempSync(join(tmpdir(), 'custody-interop-'));
  const file = join(folder, 'label.png');
  writeFileSync(file, png);
  try {
    // zbarimg exits 4 when it finds nothing
    const zbar = await run('zbarimg', ['-q', '--nodbus', file]).catch((error: { code?: number; stdout?: string }) => {
      if (error.code === 4) return { stdout: '' };
      throw error;
    });
    const found = zbar.stdout.split('\n').filter(Boolean);
    // shrunk by two: a module is four dots or more, and a full-size scan of a 4×2 in label takes seconds
    const dmtx = await run('dmtxread', ['-n', '-S', '2', file]).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
    return {
      code128: found.filter((line) => line.startsWith('CODE-128:')).map((line) => line.slice('CODE-128:'.length)),
      other: found.filter((line) => !line.startsWith('CODE-128:')),
      dataMatrix: dmtx.stdout.split('\n').filter(Boolean),
    };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

export function toPng(picture: Picture, quiet = 20): Buffer {
  const png = new PNG({ width: picture.width + 2 * quiet, height: picture.height + 2 * quiet, colorType: 0, inputColorType: 0, inputHasAlpha: false });
  png.data.fill(255);
  for (let row = 0; row < picture.height; row += 1)
    for (let column = 0; column < picture.width; column += 1)
      if (picture.dots[row * picture.width + column]) {
        const at = ((row + quiet) * png.width + column + quiet) * 4;
        png.data[at] = png.data[at + 1] = png.data[at + 2] = 0;
      }
  for (let index = 3; index < png.data.length; index += 4) png.data[index] = 255;
  return PNG.sync.write(png);
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const zebrash = require('zpl-renderer-js') as {
  ready: Promise<{ api: { zplToBase64MultipleAsync: (zpl: string, w: number, h: number, dpmm: number) => Promise<string[]> } }>;
};

/** ZPL drawn by Zebrash on a label of this size, one PNG a label. */
export async function renderZplIndependently(zpl: Buffer, label: { widthMm: number; heightMm: number; dpi: 203 | 300 }): Promise<Buffer[]> {
  const { api } = await zebrash.ready;
  // a Zebra at 203 dpi prints 8 dots a millimetre, at 300 dpi 12
  const images = await api.zplToBase64MultipleAsync(zpl.toString('utf8'), label.widthMm, label.heightMm, label.dpi === 300 ? 12 : 8);
  return images.map((image) => Buffer.from(image, 'base64'));
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const npos = require('npos') as {
  parser: (rules?: object) => { analyze: (raw: Buffer) => { tree: NposNode[] | null; error?: Error } };
  rules: Record<number, Record<string, unknown>>;
};
interface NposNode {
  code: number;
  ascii: string;
  fn: string;
  offset: number;
  length: number;
}

export interface EscPosReading {
  labels: Buffer[];
  /** What the printer would refuse to print, in its documented behaviour. */
  notPrinted: string[];
}

/**
 * An Epson ESC/POS stream as the printer would print it on a roll with a print area of
 * `printAreaDots`: npos splits it into commands; text lines feed the paper; GS k Code 128 is drawn by
 * BWIPP from the code sets the command selects; GS v 0 rasters are drawn as sent; GS V cuts a label.
 */
export function renderEscPosIndependently(bytes: Buffer, printAreaDots: number): EscPosReading {
  const { tree, error } = npos.parser().analyze(bytes);
  if (!tree) throw new Error(`npos could not parse the stream: ${error?.message}`);
  const labels: Buffer[] = [];
  const notPrinted: string[] = [];
  let pieces: { picture: Picture; align: number }[] = [];
  let align = 0;
  let module = 3;
  let height = 162;
  const lineHeight = 30;
  const blank = (rows: number) => ({ width: 1, height: rows, dots: new Uint8Array(rows) });
  for (const node of tree) {
    const at = node.offset;
    const command = `${node.ascii} ${node.fn}`;
    if (node.ascii === 'STX') {
      const text = bytes.subarray(at, at + node.length);
      for (let line = 0; line < text.filter((byte) => byte === 0x0a).length; line += 1) pieces.push({ picture: blank(lineHeight), align });
    } else if (command === 'ESC a') align = bytes[at + 2] % 48;
    else if (command === 'ESC d') pieces.push({ picture: blank(lineHeight * bytes[at + 2]), align });
    else if (command === 'GS w') module = bytes[at + 2];
    else if (command === 'GS h') height = bytes[at + 2];
    else if (command === 'GS k') {
      const type = bytes[at + 2];
      if (type !== 73) {
        notPrinted.push(`GS k ${type}`);
        continue;
      }
      const data = bytes.subarray(at + 4, at + 4 + bytes[at + 3]);
      let codewords: number[];
      try {
        codewords = epsonCode128Codewords(data);
      } catch (problem) {
        notPrinted.push(`a GS k Code 128 the printer refuses: ${(problem as Error).message}`);
        continue;
      }
      const [symbol] = bwipjs.raw('code128', codewords.map((value) => `^${String(value).padStart(3, '0')}`).join(''), { raw: true } as never) as unknown as [
        { sbs: number[] },
      ];
      const width = symbol.sbs.reduce((sum, run) => sum + run, 0) * module;
      // Epson's GS k: a barcode wider than the print area is not printed (the paper is fed)
      if (width > printAreaDots) {
        notPrinted.push(`a Code 128 of ${width} dots on a print area of ${printAreaDots}`);
        continue;
      }
      const picture: Picture = { width, height, dots: new Uint8Array(width * height) };
      let x = 0;
      symbol.sbs.forEach((run, index) => {
        if (index % 2 === 0) for (let row = 0; row < height; row += 1) picture.dots.fill(1, row * width + x, row * width + x + run * module);
        x += run * module;
      });
      pieces.push({ picture, align }, { picture: blank(lineHeight), align });
    } else if (command === 'GS v0') {
      const bytesPerRow = bytes[at + 4] + 256 * bytes[at + 5];
      const rows = bytes[at + 6] + 256 * bytes[at + 7];
      const picture: Picture = { width: bytesPerRow * 8, height: rows, dots: new Uint8Array(bytesPerRow * 8 * rows) };
      for (let row = 0; row < rows; row += 1)
        for (let column = 0; column < bytesPerRow * 8; column += 1)
          picture.dots[row * picture.width + column] = (bytes[at + 8 + row * bytesPerRow + (column >> 3)] >> (7 - (column & 7))) & 1;
      pieces.push({ picture, align });
    } else if (command === 'GS V') {
      if (pieces.length) labels.push(toPng(stack(pieces, printAreaDots)));
      pieces = [];
    }
  }
  if (pieces.some((piece) => piece.picture.width > 1)) labels.push(toPng(stack(pieces, printAreaDots)));
  return { labels, notPrinted };
}

/** The Code 128 symbol characters that Epson's GS k m=73 data selects: `{A` `{B` `{C` start or switch, `{S` shifts, `{1`–`{4` FNC, `{{` is "{". */
function epsonCode128Codewords(data: Buffer): number[] {
  const codewords: number[] = [];
  let set: 'A' | 'B' | 'C' | null = null;
  for (let index = 0; index < data.length; index += 1) {
    const byte = data[index];
    if (byte === 0x7b && data[index + 1] !== 0x7b) {
      const selector = String.fromCharCode(data[index + 1]);
      index += 1;
      if (selector === 'A' || selector === 'B' || selector === 'C') {
        codewords.push(set === null ? { A: 103, B: 104, C: 105 }[selector] : { A: 101, B: 100, C: 99 }[selector]);
        set = selector;
      } else if (selector === 'S') codewords.push(98);
      else if (selector === '1') codewords.push(102);
      continue;
    }
    if (byte === 0x7b) index += 1;
    if (set === null) throw new Error('its data must start with {A, {B or {C');
    if ((set === 'C' && byte > 99) || (set === 'A' && byte > 95) || (set === 'B' && (byte < 32 || byte > 127)))
      throw new Error(`the byte ${byte} is not in subset ${set}`);
    codewords.push(set === 'C' ? byte : set === 'A' ? (byte < 32 ? byte + 64 : byte - 32) : byte - 32);
  }
  return codewords;
}

function stack(pieces: { picture: Picture; align: number }[], width: number): Picture {
  const height = pieces.reduce((sum, piece) => sum + piece.picture.height, 0);
  const picture: Picture = { width, height, dots: new Uint8Array(width * height) };
  let y = 0;
  for (const { picture: piece, align } of pieces) {
    const x = align === 1 ? Math.floor((width - piece.width) / 2) : align === 2 ? width - piece.width : 0;
    for (let row = 0; row < piece.height; row += 1)
      for (let column = 0; column < piece.width; column += 1)
        if (piece.dots[row * piece.width + column] && x + column >= 0 && x + column < width) picture.dots[(y + row) * width + x + column] = 1;
    y += piece.height;
  }
  return picture;
}

// Star Line Mode's commands as npos rules (the bytes each takes after ESC and its letter, or a
// function that measures them): npos parses Epson's ESC/POS by default and takes rules for others
const starRules = {
  0x1b: {
    '@': 0,
    '\x1dt': 1, // ESC GS t n: code page
    '\x1da': 1, // ESC GS a n: alignment
    E: 0, // bold on
    F: 0, // bold off
    '0': 0, // 1/8 inch line spacing
    z: 1, // ESC z n: line spacing, ends a raster image
    d: 1, // ESC d n: cut
    '\x06\x01': 0, // ESC ACK SOH: automatic status
    i: 2, // ESC i n1 n2: character size
    // ESC k n1 n2 d: one band of 24 dot rows of n1 + 256 n2 bytes
    k: [0, (buffer: Buffer, offset: number) => 2 + (buffer[offset] + 256 * buffer[offset + 1]) * 24],
    // ESC b n1 n2 n3 n4 d RS: a barcode, up to the record separator
    b: [0, (buffer: Buffer, offset: number) => buffer.indexOf(0x1e, offset + 4) + 1 - offset],
  },
};

/**
 * A Star Line Mode stream as the printer would print it on a roll of `printAreaDots`: npos splits
 * it with Star's command rules; ESC k bands of 24 dot rows are stacked into images from the left
 * edge of the print area; text lines feed the paper; ESC d cuts a label. Custody sends Star its
 * barcodes as raster images, so a barcode command here is reported as not printed.
 */
export function renderStarIndependently(bytes: Buffer, printAreaDots: number): EscPosReading {
  const { tree, error } = npos.parser(starRules).analyze(bytes);
  if (!tree) throw new Error(`npos could not parse the stream: ${error?.message}`);
  const labels: Buffer[] = [];
  const notPrinted: string[] = [];
  let pieces: { picture: Picture; align: number }[] = [];
  const blank = (rows: number) => ({ width: 1, height: rows, dots: new Uint8Array(rows) });
  // ESC 0 sets the line feed to a band's 24 rows (until ESC z): the LF after each band joins them
  let bandFeed = false;
  for (const node of tree) {
    const at = node.offset;
    const command = `${node.ascii} ${node.fn}`;
    if (node.ascii === 'STX') {
      const text = bytes.subarray(at, at + node.length);
      if (!bandFeed) for (let line = 0; line < text.filter((byte) => byte === 0x0a).length; line += 1) pieces.push({ picture: blank(30), align: 0 });
    } else if (command === 'ESC 0') bandFeed = true;
    else if (command === 'ESC z') bandFeed = false;
    else if (command === 'ESC k') {
      const bytesPerRow = bytes[at + 2] + 256 * bytes[at + 3];
      if (bytesPerRow * 8 > printAreaDots) notPrinted.push(`a raster band of ${bytesPerRow * 8} dots on a print area of ${printAreaDots}`);
      const picture: Picture = { width: bytesPerRow * 8, height: 24, dots: new Uint8Array(bytesPerRow * 8 * 24) };
      for (let row = 0; row < 24; row += 1)
        for (let column = 0; column < bytesPerRow * 8; column += 1)
          picture.dots[row * picture.width + column] = (bytes[at + 4 + row * bytesPerRow + (column >> 3)] >> (7 - (column & 7))) & 1;
      pieces.push({ picture, align: 0 });
    } else if (command === 'ESC b') notPrinted.push('a Star barcode command: Custody sends Star its barcodes as raster images');
    else if (command === 'ESC d') {
      if (pieces.length) labels.push(toPng(stack(pieces, printAreaDots)));
      pieces = [];
    }
  }
  return { labels, notPrinted };
}
