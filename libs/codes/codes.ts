/**
 * Barcode identities: a kind prefix, a nine-digit number unique across the installation and an
 * ISO/IEC 7064 MOD 11-2 check character (a digit or X), e.g. `L0000000427`. Uppercase letters and digits only.
 */
export enum CodeKind {
  Item = 'item',
  Location = 'location',
  Transfer = 'transfer',
  Seizure = 'seizure',
}

const prefixByKind: Record<CodeKind, string> = {
  [CodeKind.Item]: 'I',
  [CodeKind.Location]: 'L',
  [CodeKind.Transfer]: 'T',
  [CodeKind.Seizure]: 'S',
};
const kindByPrefix = new Map(Object.entries(prefixByKind).map(([kind, prefix]) => [prefix, kind as CodeKind]));

export const codeNumberDigits = 9;
export const codeLength = 1 + codeNumberDigits + 1;
export const maxCodeNumber = 10 ** codeNumberDigits - 1;

// The kind takes part in the check, so a mistyped prefix is caught like any other character.
const kindDigit: Record<string, number> = { I: 1, L: 2, T: 3, S: 4 };

/**
 * ISO/IEC 7064 MOD 11-2, a pure system over the kind digit and the number: it catches every
 * single substituted character and every swap of two adjacent ones (11 is prime and neighbouring
 * weights differ), and its check character is a digit or X.
 */
export function checkCharacter(payload: string): string {
  const digits = `${kindDigit[payload[0]] ?? ''}${payload.slice(1)}`;
  if (!/^[0-9]+$/.test(digits) || digits.length !== payload.length) throw new RangeError(`"${payload}" is not a kind prefix followed by digits`);
  return mod11Check(digits);
}

/** The ISO/IEC 7064 MOD 11-2 check character of a string of digits. */
export function mod11Check(digits: string): string {
  const product = [...digits].reduce((running, digit) => ((running + Number(digit)) * 2) % 11, 0);
  const check = (12 - product) % 11;
  return check === 10 ? 'X' : String(check);
}

export function formatCode(kind: CodeKind, number: number): string {
  if (!Number.isSafeInteger(number) || number < 1 || number > maxCodeNumber) {
    throw new RangeError(`code number must be an integer from 1 to ${maxCodeNumber}`);
  }
  const payload = prefixByKind[kind] + String(number).padStart(codeNumberDigits, '0');
  return payload + checkCharacter(payload);
}

export type ParsedCode = { ok: true; code: string; kind: CodeKind; number: number } | { ok: false; problem: string };

// AIM symbology identifiers some scanners put in front of the data: `]C0` (Code 128), `]d2` (Data Matrix).
const aimPrefix = /^\][A-Za-z][0-9A-Za-z]/;

/** Reads what a scanner or a keyboard sent, forgiving whitespace, line endings, case and AIM prefixes. */
export function parseCode(scanned: string): ParsedCode {
  const code = scanned.trim().replace(aimPrefix, '').trim().toUpperCase();
  if (code.length === 0) return { ok: false, problem: 'is empty' };
  const kind = kindByPrefix.get(code[0]);
  if (!kind) return { ok: false, problem: `has an unknown prefix "${code[0]}"` };
  if (code.length !== codeLength) return { ok: false, problem: `must be ${codeLength} characters long, not ${code.length}` };
  const digits = code.slice(1, 1 + codeNumberDigits);
  if (!/^[0-9]+$/.test(digits)) return { ok: false, problem: 'must have digits between its prefix and check character' };
  if (checkCharacter(code.slice(0, -1)) !== code[codeLength - 1]) {
    return { ok: false, problem: 'has a wrong check character' };
  }
  return { ok: true, code, kind, number: Number(digits) };
}
