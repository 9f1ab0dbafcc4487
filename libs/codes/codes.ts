/**
 * Barcode identities: a kind prefix, a nine-digit number unique across the installation and an
 * ISO/IEC 7064 MOD 37,36 check character, e.g. `L000000042X`. Uppercase letters and digits only.
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

const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const modulus = 36;
export const codeNumberDigits = 9;
export const codeLength = 1 + codeNumberDigits + 1;
export const maxCodeNumber = 10 ** codeNumberDigits - 1;

/** ISO/IEC 7064 hybrid MOD 37,36: catches every single substitution and adjacent transposition. */
export function checkCharacter(payload: string): string {
  let product = modulus;
  for (const character of payload) {
    const value = alphabet.indexOf(character);
    if (value < 0) throw new RangeError(`"${character}" is not an uppercase letter or digit`);
    let sum = (product + value) % modulus;
    if (sum === 0) sum = modulus;
    product = (sum * 2) % (modulus + 1);
  }
  return alphabet[(modulus + 1 - product) % modulus];
}

export function formatCode(kind: CodeKind, number: number): string {
  if (!Number.isSafeInteger(number) || number < 1 || number > maxCodeNumber) {
    throw new RangeError(`code number must be an integer from 1 to ${maxCodeNumber}`);
  }
  const payload = prefixByKind[kind] + String(number).padStart(codeNumberDigits, '0');
  return payload + checkCharacter(payload);
}

export type ParsedCode =
  | { ok: true; code: string; kind: CodeKind; number: number }
  | { ok: false; problem: string };

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
  if (!/^[0-9A-Z]$/.test(code[codeLength - 1]) || checkCharacter(code.slice(0, -1)) !== code[codeLength - 1]) {
    return { ok: false, problem: 'has a wrong check character' };
  }
  return { ok: true, code, kind, number: Number(digits) };
}
