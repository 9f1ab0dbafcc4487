/**
 * Printer status answers, both ways: what a printer in a given state answers to Custody's status
 * requests (the emulator sends it), and what an answer means (the print worker reads it). Only a
 * `ready` answer after a job counts as printed.
 *
 * - Epson: GS r 1 (paper sensors, answered in turn once everything before it is processed: bit 4
 *   is 0, bits 2–3 say paper end) and DLE EOT 2 (why the printer is offline, answered at once:
 *   bits 1 and 4 are 1, bit 2 cover open, bit 5 stopped at paper end, bit 6 error).
 * - Star: ESC ACK SOH, automatic status: a header whose bits 1–3 and 5 give the length, then
 *   status bytes (byte 3 bit 5 cover open, bit 3 offline; byte 4 errors; byte 6 bit 3 paper end).
 * - Zebra: ~HS, three lines framed by STX and ETX: line 1 field 2 paper out, field 3 paused, field
 *   5 formats still in the buffer; line 2 field 3 head open.
 */

export type StatusDialect = 'epson' | 'star' | 'zpl';

/** What a printer is, as far as its answer says. Each has a stable job error code (see `stateErrorCode`). */
export enum PrinterState {
  Ready = 'ready',
  PaperOut = 'paper_out',
  CoverOpen = 'cover_open',
  HeadOpen = 'head_open',
  Paused = 'paused',
  Error = 'error',
  /** Took the connection but said nothing to the status request. */
  NotAnswering = 'not_answering',
  /** Answered with bytes that are no status answer: not a printer of its type (an HTTP server, another device). */
  BadAnswer = 'bad_answer',
  /** Did not take the connection. */
  Unreachable = 'unreachable',
  /** Took the connection, then lost or closed it before answering. */
  ConnectionLost = 'connection_lost',
  /** Its address is outside PRINTER_NETWORKS: Custody does not connect to it. */
  NotAllowed = 'not_allowed',
}

/** The states an emulator can be told to answer in, with `silent` (no answer) and `garbage` (an answer that is none). */
export type EmulatedStatus = 'ready' | 'paper-out' | 'cover-open' | 'head-open' | 'paused' | 'error' | 'silent' | 'garbage';

export const garbageAnswer = Buffer.from('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n', 'ascii');

/** Epson's answer to GS r 1 in a state, or null where an offline printer does not process it. */
export function epsonPaperAnswer(status: EmulatedStatus): Buffer | null {
  if (status === 'paper-out') return Buffer.from([0x0c]);
  if (status === 'ready') return Buffer.from([0x00]);
  return null;
}

/** Epson's answer to DLE EOT 2 (offline cause), sent at once whatever the printer is doing. */
export function epsonOfflineAnswer(status: EmulatedStatus): Buffer {
  // a receipt printer's head opens with its cover
  const bits = { 'cover-open': 0x04, 'head-open': 0x04, 'paper-out': 0x20, error: 0x40 } as Partial<Record<EmulatedStatus, number>>;
  return Buffer.from([0x12 | (bits[status] ?? 0)]);
}

/** Star's automatic status (nine bytes) in a state. */
export function starAnswer(status: EmulatedStatus): Buffer {
  const answer = Buffer.from([0x23, 0x86, 0, 0, 0, 0, 0, 0, 0]);
  if (status === 'cover-open' || status === 'head-open') answer[2] |= 0x20 | 0x08;
  if (status === 'error') {
    answer[2] |= 0x08;
    answer[3] |= 0x20;
  }
  if (status === 'paper-out') {
    answer[2] |= 0x08;
    answer[5] |= 0x08;
  }
  return answer;
}

/** A Zebra's ~HS answer in a state, with `formats` label formats still waiting in its buffer. */
export function zebraAnswer(status: EmulatedStatus, formats = 0): Buffer {
  const paper = status === 'paper-out' ? 1 : 0;
  const paused = status === 'paused' || status === 'paper-out' || status === 'head-open' || status === 'cover-open' ? 1 : 0;
  // a Zebra's head opens with its cover
  const head = status === 'head-open' || status === 'cover-open' ? 1 : 0;
  const lines = [`030,${paper},${paused},0406,${String(formats).padStart(3, '0')},0,0,0,000,0,0,0`, `000,0,${head},0,1,2,6,0,00000000,1,000`, '1234,0'];
  return Buffer.from(lines.map((line) => `\x02${line}\x03\r\n`).join(''), 'ascii');
}

/** What an answer read so far says: a state when it is complete, `incomplete` while more is needed. */
export type StatusReading = { state: PrinterState; detail: string; formatsWaiting?: number } | 'incomplete';

/**
 * Reads the bytes a printer sent back after a job. Epson must answer both requests (GS r 1 proves
 * it processed the job); a DLE EOT answer that says offline is enough to know it failed.
 */
export function readStatus(dialect: StatusDialect, answer: Buffer): StatusReading {
  if (answer.length === 0) return 'incomplete';
  switch (dialect) {
    case 'epson':
      return readEpson(answer);
    case 'star':
      return readStar(answer);
    case 'zpl':
      return readZebra(answer);
  }
}

function bad(answer: Buffer): StatusReading {
  const shown = answer
    .subarray(0, 24)
    .toString('latin1')
    .replace(/[^\x20-\x7e]/g, '·');
  return { state: PrinterState.BadAnswer, detail: `the printer answered "${shown}", which is no status answer of its type` };
}

function readEpson(answer: Buffer): StatusReading {
  let paper: number | null = null;
  let offline: number | null = null;
  for (const byte of answer) {
    // DLE EOT answers have bits 1 and 4 set and bits 0 and 7 clear; GS r answers have bits 4–7 clear
    if ((byte & 0x93) === 0x12) offline = byte;
    else if ((byte & 0xf0) === 0) paper = byte;
    else return bad(answer);
  }
  if (offline !== null) {
    if (offline & 0x04) return { state: PrinterState.CoverOpen, detail: 'the printer cover is open' };
    if (offline & 0x20) return { state: PrinterState.PaperOut, detail: 'the printer stopped: it is out of paper' };
    if (offline & 0x40) return { state: PrinterState.Error, detail: 'the printer reports an error (a cutter jam or an overheated head)' };
  }
  if (paper !== null && paper & 0x0c) return { state: PrinterState.PaperOut, detail: 'the printer is out of paper' };
  if (paper === null || offline === null) return 'incomplete';
  return { state: PrinterState.Ready, detail: 'ready' };
}

function readStar(answer: Buffer): StatusReading {
  const header = answer[0];
  if ((header & 0x11) !== 0x01) return bad(answer);
  const length = ((header >> 2) & 0x08) | ((header >> 1) & 0x07);
  if (length < 7) return bad(answer);
  if (answer.length < length) return 'incomplete';
  if (answer.length > length) return bad(answer);
  if (answer[2] & 0x20) return { state: PrinterState.CoverOpen, detail: 'the printer cover is open' };
  if (answer[5] & 0x08) return { state: PrinterState.PaperOut, detail: 'the printer is out of paper' };
  if (answer[3] & 0x7e || answer[4] & 0x7e) return { state: PrinterState.Error, detail: 'the printer reports an error (a cutter jam or an overheated head)' };
  if (answer[2] & 0x08) return { state: PrinterState.Error, detail: 'the printer is offline' };
  return { state: PrinterState.Ready, detail: 'ready' };
}

const startOfText = String.fromCharCode(2);
const endOfText = String.fromCharCode(3);

function readZebra(answer: Buffer): StatusReading {
  const text = answer.toString('latin1');
  // frames of STX fields ETX, each followed by CR LF
  const lines: string[][] = [];
  let rest = text;
  while (rest.startsWith(startOfText)) {
    const end = rest.indexOf(endOfText);
    if (end < 0) return 'incomplete';
    lines.push(rest.slice(1, end).split(','));
    rest = rest.slice(end + 1).replace(/^\r?\n?/, '');
  }
  if (rest.length > 0) return bad(answer);
  if (lines.length < 3) return 'incomplete';
  const [first, second] = lines;
  if (first.length < 12 || second.length < 11 || ![...first, ...second].every((field) => /^\d+$/.test(field))) return bad(answer);
  if (second[2] === '1') return { state: PrinterState.HeadOpen, detail: 'the print head is open' };
  if (first[1] === '1') return { state: PrinterState.PaperOut, detail: 'the printer is out of labels' };
  if (first[2] === '1') return { state: PrinterState.Paused, detail: 'the printer is paused' };
  return { state: PrinterState.Ready, detail: 'ready', formatsWaiting: Number(first[4]) };
}

/** The stable code a print job carries for a state that kept it from printing. */
export function stateErrorCode(state: PrinterState): string {
  return `PRINTER_${state.toUpperCase()}`;
}
