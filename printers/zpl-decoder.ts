import { Bitmap, code128, dataMatrix, drawElement, drawText } from '../libs/labels';
import { DecodedJob, ReceivedLabel } from './received-label';

interface Field {
  x: number;
  y: number;
  fontHeight: number;
  hexIndicator: string | null;
  barcode: { kind: 'code128'; height: number } | { kind: 'datamatrix'; module: number } | null;
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
  let statusRequests = 0;
  let label: { width: number; height: number; drawn: ((bitmap: Bitmap) => void)[]; text: string[]; barcodes: ReceivedLabel['barcodes'] } | null = null;
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
      if (command === 'HS') statusRequests += 1;
      else unknownCommands.push(`~${command}`);
      continue;
    }
    switch (command) {
      case 'XA':
        label = { width: defaultWidthDots, height: 0, drawn: [], text: [], barcodes: [] };
        break;
      case 'XZ':
        if (label) labels.push(finish(label));
        label = null;
        break;
      case 'PW':
        if (label) label.width = Number(parameters()[0]) || label.width;
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
        const [, height] = rest.split(/[\^~]/)[0].split(',').map(Number);
        field.barcode = { kind: 'code128', height: height || barHeight };
        break;
      }
      case 'BX': {
        const [, size] = rest.split(/[\^~]/)[0].split(',').map(Number);
        field.barcode = { kind: 'datamatrix', module: size || 2 };
        break;
      }
      case 'FD': {
        const end = rest.indexOf('^FS');
        if (end < 0) return { labels, statusRequests, unknownCommands }; // the rest has not arrived yet
        const data = unescapeField(rest.slice(0, end), field.hexIndicator);
        pattern.lastIndex += end + 3;
        if (!label) break;
        const { x, y } = field;
        const barcode = field.barcode;
        if (barcode?.kind === 'code128') {
          const symbol = code128(data);
          const at = { module, height: barcode.height };
          label.drawn.push((bitmap) => drawElement(bitmap, { type: 'code128', x, y, module: at.module, height: at.height, data, symbol }));
          label.barcodes.push({ symbology: 'code128', data, from: 'command' });
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
  return { labels, statusRequests, unknownCommands };
}

function finish(label: {
  width: number;
  height: number;
  drawn: ((bitmap: Bitmap) => void)[];
  text: string[];
  barcodes: ReceivedLabel['barcodes'];
}): ReceivedLabel {
  const height = label.height || 400;
  const bitmap: Bitmap = { width: label.width, height, dots: new Uint8Array(label.width * height) };
  for (const draw of label.drawn) draw(bitmap);
  return { text: label.text, barcodes: label.barcodes, bitmap };
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
