import { Bitmap, code128, code128QuietZone, code128Runs, dataMatrix, drawElement, drawText, fillRect } from '../libs/labels';
import { DecodedJob, ReceivedLabel, StatusQuery } from './received-label';

interface Field {
  x: number;
  y: number;
  fontHeight: number;
  hexIndicator: string | null;
  barcode: { kind: 'code128'; height: number; mode: string } | { kind: 'datamatrix'; module: number } | null;
}

/**
 * Reads ZPL II as a Zebra printer would, for the commands Custody sends: labels between ^XA and
 * ^XZ, fields placed by ^FO, scalable text (^A0), ^FH escapes, Code 128 (^BY, ^BC) and Data
 * Matrix (^BX), and ~HS status requests. Other commands are listed, not guessed at.
 */
export function decodeZpl(bytes: Buffer, defaultWidthDots: number): DecodedJob {
  const source = bytes.toString('utf8');
  const labels: ReceivedLabel[] = [];
  const unknownCommands: string[] = [];
  const problems: string[] = [];
  let statusRequests = 0;
  const statusQueries: StatusQuery[] = [];
  let label: Draft | null = null;
  let field: Field = { x: 0, y: 0, fontHeight: 30, hexIndicator: null, barcode: null };
  let module = 2;
  let barHeight = 10;

  const pattern = /([\^~])([A-Z0-9@]{2})/g;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(source))) {
    const command = match[2];
    const rest = source.slice(pattern.lastIndex);
    const parameters = () =>
      rest
        .slice(0, rest.search(/[\^~]|$/))
        .trim()
        .split(',');
    if (match[1] === '~') {
      if (command === 'HS') {
        statusRequests += 1;
        statusQueries.push('zebra');
      } else unknownCommands.push(`~${command}`);
      continue;
    }
    switch (command) {
      case 'XA':
        label = { width: defaultWidthDots, height: 0, drawn: [], text: [], barcodes: [], problems: [] };
        break;
      case 'XZ':
        if (label) {
          labels.push(finish(label));
          problems.push(...label.problems);
        }
        label = null;
        break;
      case 'PW':
        // the print head is as wide as it is: a wider ^PW prints no further
        if (label) label.width = Math.min(defaultWidthDots, Number(parameters()[0]) || label.width);
        break;
      case 'LL':
        if (label) label.height = Number(parameters()[0]) || 0;
        break;
      case 'FO': {
        const [x, y] = parameters().map(Number);
        field = { x: x || 0, y: y || 0, fontHeight: field.fontHeight, hexIndicator: null, barcode: null };
        break;
      }
      case 'A0': {
        const [, height] = rest.replace(/^N?,?/, 'N,').split(/[\^~]/)[0].split(',').map(Number);
        field.fontHeight = height || field.fontHeight;
        break;
      }
      case 'FH':
        field.hexIndicator = rest[0] && rest[0] !== '^' ? rest[0] : '_';
        break;
      case 'BY': {
        const [width, , height] = parameters().map(Number);
        module = width || module;
        barHeight = height || barHeight;
        break;
      }
      case 'BC': {
        const [, height, , , , mode] = rest.split(/[\^~]/)[0].split(',');
        field.barcode = { kind: 'code128', height: Number(height) || barHeight, mode: (mode ?? 'N').trim() || 'N' };
        break;
      }
      case 'BX': {
        const [, size] = rest.split(/[\^~]/)[0].split(',').map(Number);
        field.barcode = { kind: 'datamatrix', module: size || 2 };
        break;
      }
      case 'FD': {
        const end = rest.indexOf('^FS');
        if (end < 0) return { labels, statusRequests, statusQueries, unknownCommands, problems }; // the rest has not arrived yet
        const data = unescapeField(rest.slice(0, end), field.hexIndicator);
        pattern.lastIndex += end + 3;
        if (!label) break;
        const { x, y } = field;
        const barcode = field.barcode;
        if (barcode?.kind === 'code128') {
          const selected = zplCode128(data, barcode.mode);
          if (typeof selected === 'string') {
            label.problems.push(`a Code 128 was not printed: ${selected}`);
            break;
          }
          const runs = code128Runs(selected.codewords);
          const at = { module, height: barcode.height, width: runs.reduce((sum, run) => sum + run, 0) * module };
          // a Zebra prints what falls on the label and nothing beyond it: a symbol cut at the edge does not scan
          if (x + at.width > label.width) {
            label.problems.push(`the Code 128 ${selected.data} runs ${x + at.width - label.width} dots off the ${label.width}-dot label: not readable`);
            label.drawn.push((bitmap) => drawRuns(bitmap, runs, x, y, at.module, at.height));
            break;
          }
          if (Math.min(x, label.width - x - at.width) < code128QuietZone * module)
            label.problems.push(
              `the Code 128 ${selected.data} has a quiet zone of ${Math.floor(Math.min(x, label.width - x - at.width) / module)} modules, not ${code128QuietZone}`,
            );
          label.drawn.push((bitmap) => drawRuns(bitmap, runs, x, y, at.module, at.height));
          label.barcodes.push({ symbology: 'code128', data: selected.data, from: 'command' });
        } else if (barcode?.kind === 'datamatrix') {
          const symbol = dataMatrix(data);
          label.drawn.push((bitmap) => drawElement(bitmap, { type: 'datamatrix', x, y, module: barcode.module, data, symbol }));
          label.barcodes.push({ symbology: 'datamatrix', data, from: 'command' });
        } else {
          const size = field.fontHeight;
          label.drawn.push((bitmap) => drawText(bitmap, x, y, size, data));
          label.text.push(data);
        }
        break;
      }
      case 'FS':
      case 'CI':
      case 'LH':
      case 'PQ':
        break;
      default:
        unknownCommands.push(`^${command}`);
    }
  }
  return { labels, statusRequests, statusQueries, unknownCommands, problems };
}

interface Draft {
  width: number;
  height: number;
  drawn: ((bitmap: Bitmap) => void)[];
  text: string[];
  barcodes: ReceivedLabel['barcodes'];
  problems: string[];
}

function finish(label: Draft): ReceivedLabel {
  const height = label.height || 400;
  const bitmap: Bitmap = { width: label.width, height, dots: new Uint8Array(label.width * height) };
  for (const draw of label.drawn) draw(bitmap);
  return { text: label.text, barcodes: label.barcodes, bitmap, problems: label.problems };
}

function drawRuns(bitmap: Bitmap, runs: number[], x: number, y: number, module: number, height: number): void {
  let at = x;
  runs.forEach((run, index) => {
    if (index % 2 === 0) fillRect(bitmap, at, y, run * module, height);
    at += run * module;
  });
}

const invocation: Record<string, { start?: 'A' | 'B' | 'C'; latch?: 'A' | 'B' | 'C'; character?: string }> = {
  '>9': { start: 'A' },
  '>:': { start: 'B' },
  '>;': { start: 'C' },
  '>7': { latch: 'A' },
  '>6': { latch: 'B' },
  '>5': { latch: 'C' },
  '><': { character: '>' },
};

/**
 * ^BC field data as a Zebra encodes it: mode A, the shortest subsets (the printer's automatic
 * mode); mode N, subset B from the start unless an invocation code (>9 >: >; start, >7 >6 >5
 * switch) says otherwise, digit pairs in C.
 */
function zplCode128(data: string, mode: string): { codewords: number[]; data: string } | string {
  if (mode === 'A') return { codewords: code128(data).codewords, data };
  if (mode !== 'N') return `mode ${mode} is not one Custody sends`;
  const codewords: number[] = [];
  let subset: 'A' | 'B' | 'C' | null = null;
  let text = '';
  for (let at = 0; at < data.length; at += 1) {
    const code = invocation[data.slice(at, at + 2)];
    if (code?.start && subset === null) {
      subset = code.start;
      codewords.push({ A: 103, B: 104, C: 105 }[subset]);
      at += 1;
      continue;
    }
    if (subset === null) {
      subset = 'B';
      codewords.push(104);
    }
    if (code?.latch) {
      codewords.push({ A: 101, B: 100, C: 99 }[code.latch]);
      subset = code.latch;
      at += 1;
      continue;
    }
    const character = code?.character ?? data[at];
    if (code?.character) at += 1;
    if (subset === 'C') {
      const pair = data.slice(at, at + 2);
      if (!/^\d\d$/.test(pair)) return `"${pair}" is not a digit pair of subset C`;
      codewords.push(Number(pair));
      text += pair;
      at += 1;
      continue;
    }
    const byte = character.charCodeAt(0);
    if ((subset === 'A' && byte > 95) || (subset === 'B' && (byte < 32 || byte > 127))) return `"${character}" is not in subset ${subset}`;
    codewords.push(subset === 'A' ? (byte < 32 ? byte + 64 : byte - 32) : byte - 32);
    text += character;
  }
  if (codewords.length < 2) return 'it holds no data';
  codewords.push(codewords.reduce((sum, value, index) => sum + value * Math.max(1, index), 0) % 103);
  return { codewords, data: text };
}

function unescapeField(data: string, indicator: string | null): string {
  if (!indicator) return data;
  const escaped = new RegExp(`\\${indicator}([0-9A-Fa-f]{2})`, 'g');
  // ^FH escapes are bytes of the UTF-8 text (^CI28)
  const bytes: number[] = [];
  let last = 0;
  for (const found of data.matchAll(escaped)) {
    bytes.push(...Buffer.from(data.slice(last, found.index), 'utf8'), parseInt(found[1], 16));
    last = found.index! + found[0].length;
  }
  bytes.push(...Buffer.from(data.slice(last), 'utf8'));
  return Buffer.from(bytes).toString('utf8');
}
