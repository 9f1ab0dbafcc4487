import { BarcodeFormat } from '@zxing/library';
import * as iconv from 'iconv-lite';
import { Bitmap, code128QuietZone, code128Runs, drawText, fillRect } from '../libs/labels';
import { readBarcodes } from './raster-reader';
import { DecodedJob, ReceivedBarcode, ReceivedLabel, StatusQuery } from './received-label';

export type EscPosDialect = 'epson' | 'star';

// Code pages by the number each dialect selects them with (ESC t n; ESC GS t n), from the same
// tables node-thermal-printer writes with: it switches page by itself for a character the current
// one lacks (an em dash, an ellipsis), and the printer must follow.
const codePages: Record<EscPosDialect, Record<number, string>> = { epson: codePageTable('epson'), star: codePageTable('star') };

function codePageTable(dialect: EscPosDialect): Record<number, string> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const config = require(`node-thermal-printer/lib/types/${dialect}-config`) as Record<string, unknown> & { CODE_PAGES: Record<string, string> };
  const table: Record<number, string> = {};
  for (const [name, encoding] of Object.entries(config.CODE_PAGES)) {
    const command = config[`CODE_PAGE_${name}`];
    if (Buffer.isBuffer(command) && iconv.encodingExists(encoding)) table[command[command.length - 1]] = encoding;
  }
  return table;
}

type Piece = { kind: 'text'; text: string; align: number } | { kind: 'image'; bitmap: Bitmap; align: number; raster: boolean };

/** A label as it comes off a receipt printer: pieces stacked down the roll until the cut. */
class Roll {
  pieces: Piece[] = [];
  barcodes: ReceivedBarcode[] = [];
  text: string[] = [];
}

/**
 * Reads an ESC/POS byte stream as an Epson or Star printer would: text in the selected code page,
 * native Code 128 commands, raster images (GS v 0; ESC k bands), cuts and status requests.
 * Stops quietly at a command cut short by the end of the bytes (more may be on its way).
 */
export function decodeEscPos(bytes: Buffer, dialect: EscPosDialect, widthDots: number, options: { statusOnly?: boolean } = {}): DecodedJob {
  const drawing = !options.statusOnly;
  const labels: ReceivedLabel[] = [];
  const unknownCommands: string[] = [];
  const problems: string[] = [];
  let statusRequests = 0;
  const statusQueries: StatusQuery[] = [];
  let roll = new Roll();
  let align = 0;
  let codePage = 'cp437';
  let line: number[] = [];
  // text of the current line already decoded, in the code pages it came in
  let lineText = '';
  const setCodePage = (encoding: string) => {
    lineText += iconv.decode(Buffer.from(line), codePage);
    line = [];
    codePage = encoding;
  };
  let barcodeModule = 3;
  let barcodeHeight = 80;
  let hriBelow = false;
  let starBand: Bitmap | null = null;

  const flushLine = (force = false) => {
    if (line.length === 0 && !lineText && !force) return;
    if (!drawing) {
      line = [];
      lineText = '';
      return;
    }
    const text = lineText + iconv.decode(Buffer.from(line), codePage);
    lineText = '';
    roll.pieces.push({ kind: 'text', text, align });
    if (text.trim()) roll.text.push(text);
    line = [];
  };
  const cut = () => {
    flushLine();
    if (drawing && roll.pieces.length > 0) labels.push(finish(roll, widthDots));
    roll = new Roll();
  };
  // a Code 128 drawn in the subsets its command selected, or (as Epson documents for GS k) not
  // printed at all when it is wider than the print area
  const addCode128 = (selected: { codewords: number[]; data: string } | string) => {
    flushLine();
    if (!drawing) return;
    if (typeof selected === 'string') {
      problems.push(`a Code 128 was not printed: ${selected}`);
      return;
    }
    const runs = code128Runs(selected.codewords);
    const width = runs.reduce((sum, run) => sum + run, 0) * barcodeModule;
    if (width > widthDots) {
      problems.push(`the Code 128 ${selected.data} is ${width} dots wide, wider than the ${widthDots}-dot print area: not printed`);
      return;
    }
    const x = align === 1 ? Math.floor((widthDots - width) / 2) : align === 2 ? widthDots - width : 0;
    const quiet = Math.min(x, widthDots - x - width);
    if (quiet < code128QuietZone * barcodeModule)
      problems.push(`the Code 128 ${selected.data} has a quiet zone of ${Math.floor(quiet / barcodeModule)} modules, not ${code128QuietZone}`);
    const bitmap: Bitmap = { width, height: barcodeHeight, dots: new Uint8Array(width * barcodeHeight) };
    let at = 0;
    runs.forEach((run, index) => {
      if (index % 2 === 0) fillRect(bitmap, at, 0, run * barcodeModule, barcodeHeight);
      at += run * barcodeModule;
    });
    roll.pieces.push({ kind: 'image', bitmap, align, raster: false });
    if (hriBelow) roll.pieces.push({ kind: 'text', text: selected.data, align });
    roll.barcodes.push({ symbology: 'code128', data: selected.data, from: 'command' });
  };
  const addImage = (bitmap: Bitmap) => {
    flushLine();
    if (!drawing) return;
    roll.pieces.push({ kind: 'image', bitmap, align, raster: true });
  };

  let at = 0;
  const need = (count: number) => at + count <= bytes.length;
  scan: while (at < bytes.length) {
    const byte = bytes[at];
    if (byte === 0x0a) {
      flushLine(true);
      at += 1;
    } else if (byte === 0x0b) {
      flushLine();
      at += 1;
    } else if (byte === 0x1b) {
      if (!need(2)) break;
      const command = bytes[at + 1];
      if (command === 0x40) {
        at += 2;
        align = 0;
        setCodePage('cp437');
        continue;
      } // ESC @
      if (command === 0x06 && dialect === 'star') {
        if (!need(3)) break;
        statusRequests += 1;
        statusQueries.push('star');
        at += 3;
        continue;
      } // ESC ACK SOH
      if (dialect === 'epson') {
        if (!need(3)) break;
        const value = bytes[at + 2];
        if (command === 0x74)
          setCodePage(codePages.epson[value] ?? 'cp437'); // ESC t n
        else if (command === 0x61) {
          flushLine();
          align = value % 48;
        } // ESC a n
        else if (command === 0x45 || command === 0x21 || command === 0x4d) {
          /* bold, print mode, font: drawn plainly */
        } // ESC E n, ESC ! n, ESC M n
        else if (command === 0x64) {
          flushLine();
        } // ESC d n: feed
        else {
          unknownCommands.push(`ESC ${hex(command)}`);
          at += 2;
          continue;
        }
        at += 3;
        continue;
      }
      // Star line mode
      if (command === 0x1d) {
        if (!need(4)) break;
        const sub = bytes[at + 2];
        const value = bytes[at + 3];
        if (sub === 0x74)
          setCodePage(codePages.star[value] ?? 'cp437'); // ESC GS t n
        else if (sub === 0x61) {
          flushLine();
          align = value % 48;
        } // ESC GS a n
        else unknownCommands.push(`ESC GS ${hex(sub)}`);
        at += 4;
        continue;
      }
      if (command === 0x45 || command === 0x46 || command === 0x30) {
        at += 2;
        continue;
      } // ESC E, ESC F (bold), ESC 0 (line spacing)
      if (command === 0x64) {
        if (!need(3)) break;
        at += 3;
        cut();
        continue;
      } // ESC d n: cut
      if (command === 0x7a) {
        if (!need(3)) break;
        at += 3;
        if (starBand) {
          addImage(starBand);
          starBand = null;
        }
        continue;
      } // ESC z n
      if (command === 0x69) {
        if (!need(4)) break;
        at += 4;
        continue;
      } // ESC i n1 n2: text size
      if (command === 0x62) {
        // ESC b n1 n2 n3 n4 data RS: barcode
        if (!need(6)) break;
        const end = bytes.indexOf(0x1e, at + 6);
        if (end < 0) break;
        const [type, hri, width, height] = [bytes[at + 2], bytes[at + 3], bytes[at + 4], bytes[at + 5]];
        barcodeModule = ({ 0x31: 2, 0x32: 3, 0x33: 4 } as Record<number, number>)[width] ?? 2;
        barcodeHeight = height;
        hriBelow = hri === 0x02 || hri === 0x04;
        const data = bytes.subarray(at + 6, end);
        if (type === 0x36) addCode128(starCode128(data));
        else unknownCommands.push(`ESC b ${hex(type)}`);
        at = end + 1;
        continue;
      }
      if (command === 0x6b) {
        // ESC k n1 n2 d: one band of 24 dot rows, n1 bytes a row
        if (!need(4)) break;
        const bytesPerRow = bytes[at + 2] + 256 * bytes[at + 3];
        if (!need(4 + bytesPerRow * 24)) break;
        if (drawing) {
          const band = unpack(bytes.subarray(at + 4, at + 4 + bytesPerRow * 24), bytesPerRow, 24);
          starBand = starBand ? stack(starBand, band) : band;
        }
        at += 4 + bytesPerRow * 24;
        if (bytes[at] === 0x0a) at += 1;
        continue;
      }
      unknownCommands.push(`ESC ${hex(command)}`);
      at += 2;
    } else if (byte === 0x1d && dialect === 'epson') {
      if (!need(2)) break;
      const command = bytes[at + 1];
      switch (command) {
        case 0x48:
        case 0x66:
        case 0x77:
        case 0x68: {
          // GS H, GS f, GS w, GS h
          if (!need(3)) break scan;
          const value = bytes[at + 2];
          if (command === 0x48) hriBelow = value === 2 || value === 3 || value === 50 || value === 51;
          if (command === 0x77) barcodeModule = value;
          if (command === 0x68) barcodeHeight = value;
          at += 3;
          continue;
        }
        case 0x6b: {
          // GS k m n d: a barcode (m = 73 is Code 128)
          if (!need(4)) break scan;
          const [type, length] = [bytes[at + 2], bytes[at + 3]];
          if (!need(4 + length)) break scan;
          const data = bytes.subarray(at + 4, at + 4 + length);
          if (type === 73) addCode128(epsonCode128(data));
          else unknownCommands.push(`GS k ${type}`);
          at += 4 + length;
          continue;
        }
        case 0x76: {
          // GS v 0 m xL xH yL yH d: raster image
          if (!need(8)) break scan;
          const bytesPerRow = bytes[at + 4] + 256 * bytes[at + 5];
          const rows = bytes[at + 6] + 256 * bytes[at + 7];
          if (!need(8 + bytesPerRow * rows)) break scan;
          if (drawing) addImage(unpack(bytes.subarray(at + 8, at + 8 + bytesPerRow * rows), bytesPerRow, rows));
          at += 8 + bytesPerRow * rows;
          continue;
        }
        case 0x56: {
          // GS V m [n]: cut
          if (!need(3)) break scan;
          at += bytes[at + 2] >= 65 ? 4 : 3;
          cut();
          continue;
        }
        case 0x72: {
          // GS r n: status, answered in order
          if (!need(3)) break scan;
          statusRequests += 1;
          statusQueries.push('paper');
          at += 3;
          continue;
        }
        case 0x21: {
          if (!need(3)) break scan;
          at += 3;
          continue;
        } // GS ! n: character size
        default:
          unknownCommands.push(`GS ${hex(command)}`);
          at += 2;
      }
    } else if (byte === 0x10 && bytes[at + 1] === 0x04) {
      // DLE EOT n: real-time status
      if (!need(3)) break;
      statusRequests += 1;
      statusQueries.push('offline');
      at += 3;
    } else if (byte >= 0x20 || byte === 0x09) {
      line.push(byte);
      at += 1;
    } else {
      at += 1;
    }
  }
  if (starBand) addImage(starBand);
  flushLine();
  if (drawing && roll.pieces.length > 0) labels.push(finish(roll, widthDots));
  return { labels, statusRequests, statusQueries, unknownCommands, problems };
}

const startValue = { A: 103, B: 104, C: 105 };
const latchValue = { A: 101, B: 100, C: 99 };

/** Epson GS k m=73 data: `{A` `{B` `{C` start or switch subsets, `{S` shifts, `{1`–`{4` are FNC1–4, `{{` is "{"; in C a byte 0–99 is a digit pair. */
function epsonCode128(data: Buffer): { codewords: number[]; data: string } | string {
  const codewords: number[] = [];
  let subset: 'A' | 'B' | 'C' | null = null;
  let text = '';
  for (let at = 0; at < data.length; at += 1) {
    const byte = data[at];
    if (byte === 0x7b && data[at + 1] !== 0x7b) {
      const selector = String.fromCharCode(data[at + 1] ?? 0);
      at += 1;
      if (selector === 'A' || selector === 'B' || selector === 'C') {
        codewords.push(subset === null ? startValue[selector] : latchValue[selector]);
        subset = selector;
      } else if (selector === '1') codewords.push(102);
      else return `its data selects "{${selector}", which Custody does not send`;
      continue;
    }
    if (byte === 0x7b) at += 1;
    if (subset === null) return 'its data does not begin with {A, {B or {C';
    if (subset === 'C') {
      if (byte > 99) return `the byte ${byte} is not a digit pair of subset C`;
      codewords.push(byte);
      text += String(byte).padStart(2, '0');
    } else {
      if ((subset === 'A' && byte > 95) || (subset === 'B' && (byte < 32 || byte > 127))) return `the byte ${byte} is not in subset ${subset}`;
      codewords.push(subset === 'A' ? (byte < 32 ? byte + 64 : byte - 32) : byte - 32);
      text += String.fromCharCode(byte);
    }
  }
  if (codewords.length < 2) return 'it holds no data';
  return { codewords: [...codewords, checkCharacter(codewords)], data: text };
}

/**
 * Star Line Mode ESC b Code 128: the printer picks the start subset (C when more than four digits
 * lead, A when the data begins with a control code, else B) and documents no switch inside a
 * symbol, so the whole data is drawn in that subset.
 */
function starCode128(data: Buffer): { codewords: number[]; data: string } | string {
  const text = data.toString('latin1');
  if (text.includes('%')) return 'its data uses % escapes, which Custody does not send';
  const subset = /^\d{5}/.test(text) && /^(\d\d)+$/.test(text) ? 'C' : data[0] < 32 ? 'A' : 'B';
  const codewords = [startValue[subset]];
  if (subset === 'C') for (let at = 0; at < text.length; at += 2) codewords.push(Number(text.slice(at, at + 2)));
  else
    for (const byte of data) {
      if ((subset === 'A' && byte > 95) || (subset === 'B' && byte < 32)) return `the byte ${byte} is not in subset ${subset}`;
      codewords.push(subset === 'A' ? (byte < 32 ? byte + 64 : byte - 32) : byte - 32);
    }
  return { codewords: [...codewords, checkCharacter(codewords)], data: text };
}

function checkCharacter(codewords: number[]): number {
  return codewords.reduce((sum, value, index) => sum + value * Math.max(1, index), 0) % 103;
}

/** Stacks a roll's pieces into one picture, and reads the barcodes of its raster images. */
function finish(roll: Roll, widthDots: number): ReceivedLabel {
  const textSize = 24;
  const heights = roll.pieces.map((piece) => (piece.kind === 'text' ? 30 : piece.bitmap.height + 6));
  const bitmap: Bitmap = {
    width: widthDots,
    height: Math.max(
      1,
      heights.reduce((sum, height) => sum + height, 0),
    ),
    dots: new Uint8Array(0),
  };
  bitmap.dots = new Uint8Array(bitmap.width * bitmap.height);
  let y = 0;
  roll.pieces.forEach((piece, index) => {
    const pieceWidth = piece.kind === 'text' ? [...piece.text].length * 12 : piece.bitmap.width;
    const x = piece.align === 1 ? Math.floor((widthDots - pieceWidth) / 2) : piece.align === 2 ? widthDots - pieceWidth : 0;
    if (piece.kind === 'text') drawText(bitmap, Math.max(0, x), y + 2, textSize, piece.text);
    else paste(bitmap, piece.bitmap, Math.max(0, x), y);
    y += heights[index];
  });
  const barcodes = [...roll.barcodes];
  for (const piece of roll.pieces) {
    if (piece.kind !== 'image' || !piece.raster) continue;
    for (const found of readBarcodes(piece.bitmap))
      barcodes.push({ symbology: found.format === BarcodeFormat.CODE_128 ? 'code128' : 'datamatrix', data: found.text, from: 'raster' });
  }
  return { text: roll.text, barcodes, bitmap, problems: [] };
}

function unpack(packed: Buffer, bytesPerRow: number, rows: number): Bitmap {
  const width = bytesPerRow * 8;
  const dots = new Uint8Array(width * rows);
  for (let row = 0; row < rows; row += 1) {
    for (let column = 0; column < width; column += 1) dots[row * width + column] = (packed[row * bytesPerRow + (column >> 3)] >> (7 - (column & 7))) & 1;
  }
  return { width, height: rows, dots };
}

function stack(top: Bitmap, bottom: Bitmap): Bitmap {
  const width = Math.max(top.width, bottom.width);
  const result: Bitmap = { width, height: top.height + bottom.height, dots: new Uint8Array(width * (top.height + bottom.height)) };
  paste(result, top, 0, 0);
  paste(result, bottom, 0, top.height);
  return result;
}

function paste(target: Bitmap, source: Bitmap, x: number, y: number): void {
  for (let row = 0; row < source.height && y + row < target.height; row += 1) {
    for (let column = 0; column < source.width && x + column < target.width; column += 1) {
      if (source.dots[row * source.width + column]) target.dots[(y + row) * target.width + x + column] = 1;
    }
  }
}

function hex(byte: number): string {
  return `0x${byte.toString(16).padStart(2, '0')}`;
}
