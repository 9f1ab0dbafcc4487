import { CodeKind, parseCode } from '../codes';

/** One scan at a receiving desk: the item's code, and what the clerk saw of its seal. */
export interface ReceiptLine {
  code: string;
  sealIntact: boolean;
  note: string | null;
}

export interface LineProblem {
  field: string;
  problem: string;
}

export const maxReceiptNoteLength = 500;

/**
 * Reads the lines of a receipt: plain codes as a scanner sends them, or `{code, sealIntact, note}`
 * when the clerk reports on the seal. Every problem is named by its place in the list.
 */
export function parseReceiptLines(raw: unknown[], field = 'items'): { lines: ReceiptLine[]; problems: LineProblem[] } {
  const lines: ReceiptLine[] = [];
  const problems: LineProblem[] = [];
  raw.forEach((entry, index) => {
    const at = `${field}[${index}]`;
    if (typeof entry === 'string') {
      const code = itemCode(entry, at, problems);
      if (code) lines.push({ code, sealIntact: true, note: null });
      return;
    }
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      problems.push({ field: at, problem: 'must be an item code or an object {code, sealIntact, note}' });
      return;
    }
    const { code: rawCode, sealIntact = true, note = null, ...unknown } = entry as Record<string, unknown>;
    const before = problems.length;
    for (const name of Object.keys(unknown)) problems.push({ field: `${at}.${name}`, problem: 'is not a known field' });
    const code = typeof rawCode === 'string' ? itemCode(rawCode, `${at}.code`, problems) : undefined;
    if (typeof rawCode !== 'string') problems.push({ field: `${at}.code`, problem: 'must be a string' });
    if (typeof sealIntact !== 'boolean') problems.push({ field: `${at}.sealIntact`, problem: 'must be a boolean value' });
    if (note !== null && (typeof note !== 'string' || note.length < 1 || note.length > maxReceiptNoteLength)) {
      problems.push({ field: `${at}.note`, problem: `must be a string of 1 to ${maxReceiptNoteLength} characters` });
    }
    if (sealIntact === false && note === null)
      problems.push({ field: `${at}.note`, problem: 'is required when the seal is not intact: say what is wrong with it' });
    if (problems.length === before && code) lines.push({ code, sealIntact: sealIntact as boolean, note: note as string | null });
  });
  return { lines, problems };
}

function itemCode(scanned: string, field: string, problems: LineProblem[]): string | undefined {
  const parsed = parseCode(scanned);
  if (!parsed.ok) problems.push({ field, problem: parsed.problem });
  else if (parsed.kind !== CodeKind.Item) problems.push({ field, problem: `is a ${parsed.kind} code, not an item code` });
  else return parsed.code;
  return undefined;
}

/** Where an item of a manifest stands in its transfer. */
export enum TransferItemState {
  Listed = 'listed',
  InTransit = 'in_transit',
  Received = 'received',
  Missing = 'missing',
  Cancelled = 'cancelled',
}

export interface Reconciliation {
  /** Items of the manifest that arrive now, in scan order, each once. */
  received: ReceiptLine[];
  /** Codes scanned before (or twice in this receipt): nothing changes. */
  alreadyReceived: string[];
  /** Codes that are not on the manifest: nothing changes, the scan is noted. */
  unexpected: string[];
}

/** What a receipt means for a manifest, given the state of each of its items. */
export function reconcileReceipt(manifest: ReadonlyMap<string, TransferItemState>, lines: ReceiptLine[]): Reconciliation {
  const result: Reconciliation = { received: [], alreadyReceived: [], unexpected: [] };
  const seen = new Set<string>();
  for (const line of lines) {
    const state = manifest.get(line.code);
    if (state === undefined) {
      if (!seen.has(line.code)) result.unexpected.push(line.code);
    } else if (state === TransferItemState.InTransit && !seen.has(line.code)) {
      result.received.push(line);
    } else if (state === TransferItemState.Received || state === TransferItemState.InTransit) {
      if (!result.alreadyReceived.includes(line.code)) result.alreadyReceived.push(line.code);
    } else {
      // listed, missing or cancelled: not something that can arrive on this manifest now
      if (!seen.has(line.code)) result.unexpected.push(line.code);
    }
    seen.add(line.code);
  }
  return result;
}
