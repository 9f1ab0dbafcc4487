import fc from 'fast-check';
import { CodeKind, checkCharacter, codeLength, formatCode, maxCodeNumber, mod11Check, parseCode } from './codes';

describe('codes', () => {
  it('formats a location code with prefix, nine digits and a check character', () => {
    const code = formatCode(CodeKind.Location, 42);
    expect(code).toMatch(/^L000000042[0-9X]$/);
    expect(code).toHaveLength(codeLength);
  });

  it('reads back what it formats, for every kind', () => {
    for (const kind of Object.values(CodeKind)) {
      const code = formatCode(kind, 123456789);
      expect(parseCode(code)).toEqual({ ok: true, code, kind, number: 123456789 });
    }
  });

  it('forgives whitespace, line endings, lower case and AIM prefixes', () => {
    const code = formatCode(CodeKind.Item, 7);
    for (const scanned of [` ${code} `, `${code}\r\n`, code.toLowerCase(), `]C0${code}`, `]d2${code}\n`]) {
      expect(parseCode(scanned)).toMatchObject({ ok: true, code });
    }
  });

  it('rejects an unknown prefix, a wrong length and a wrong check character', () => {
    const code = formatCode(CodeKind.Seizure, 99);
    expect(parseCode('X' + code.slice(1))).toEqual({ ok: false, problem: 'has an unknown prefix "X"' });
    expect(parseCode(code.slice(0, -2))).toMatchObject({ ok: false, problem: expect.stringContaining('characters long') });
    const wrongCheck = code.slice(0, -1) + (code.endsWith('0') ? '1' : '0');
    expect(checkCharacter('S000000099')).toBe(code.at(-1));
    expect(parseCode(wrongCheck)).toEqual({ ok: false, problem: 'has a wrong check character' });
    expect(parseCode('')).toEqual({ ok: false, problem: 'is empty' });
  });

  it('computes ISO/IEC 7064 MOD 11-2 as the standard gives it', () => {
    expect(mod11Check('079')).toBe('X');
    expect(mod11Check('000000012146438')).toBe('X'); // ISNI 0000 0001 2146 438X
    expect(mod11Check('000000021825009')).toBe('7'); // ORCID 0000-0002-1825-0097
    expect(checkCharacter('I000000079')).toBe(mod11Check('1000000079'));
  });

  it('catches every single substitution and adjacent swap of one code', () => {
    const code = formatCode(CodeKind.Transfer, 31415);
    for (let position = 0; position < code.length; position++) {
      for (const character of '0123456789XILTS') {
        if (character === code[position]) continue;
        expect(parseCode(code.slice(0, position) + character + code.slice(position + 1)).ok).toBe(false);
      }
    }
    for (let position = 0; position < code.length - 1; position++) {
      if (code[position] === code[position + 1]) continue;
      const swapped = code.slice(0, position) + code[position + 1] + code[position] + code.slice(position + 2);
      expect(parseCode(swapped).ok).toBe(false);
    }
  });
});

describe('codes, over random numbers (fast-check)', () => {
  const anyCode = fc
    .record({ kind: fc.constantFrom(...Object.values(CodeKind)), number: fc.integer({ min: 1, max: maxCodeNumber }) })
    .map(({ kind, number }) => formatCode(kind, number));
  const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

  it('are at most 14 uppercase letters and digits and read back as themselves', () => {
    fc.assert(
      fc.property(anyCode, (code) => {
        expect(code).toMatch(/^[0-9A-Z]{1,14}$/);
        expect(parseCode(code)).toMatchObject({ ok: true, code });
      }),
    );
  });

  it('reject every single-character substitution', () => {
    fc.assert(
      fc.property(anyCode, fc.nat(), fc.nat(), (code, position, replacement) => {
        const at = position % code.length;
        const character = alphabet[replacement % alphabet.length];
        fc.pre(character !== code[at]);
        expect(parseCode(code.slice(0, at) + character + code.slice(at + 1)).ok).toBe(false);
      }),
      { numRuns: 5000 },
    );
  });

  it('reject every swap of two adjacent different characters', () => {
    fc.assert(
      fc.property(anyCode, fc.nat(), (code, position) => {
        const at = position % (code.length - 1);
        fc.pre(code[at] !== code[at + 1]);
        expect(parseCode(code.slice(0, at) + code[at + 1] + code[at] + code.slice(at + 2)).ok).toBe(false);
      }),
      { numRuns: 5000 },
    );
  });
});
