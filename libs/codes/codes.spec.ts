import { CodeKind, checkCharacter, codeLength, formatCode, parseCode } from './codes';

describe('codes', () => {
  it('formats a location code with prefix, nine digits and a check character', () => {
    const code = formatCode(CodeKind.Location, 42);
    expect(code).toMatch(/^L000000042[0-9A-Z]$/);
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
    expect(parseCode(wrongCheck)).toEqual({ ok: false, problem: 'has a wrong check character' });
    expect(parseCode('')).toEqual({ ok: false, problem: 'is empty' });
  });

  it('catches every single substitution and adjacent swap of one code', () => {
    const code = formatCode(CodeKind.Transfer, 31415);
    const payload = code.slice(0, -1);
    for (let position = 1; position < payload.length; position++) {
      for (const digit of '0123456789') {
        if (digit === payload[position]) continue;
        const changed = payload.slice(0, position) + digit + payload.slice(position + 1);
        expect(checkCharacter(changed)).not.toBe(code[code.length - 1]);
      }
    }
    for (let position = 0; position < code.length - 1; position++) {
      if (code[position] === code[position + 1]) continue;
      const swapped = code.slice(0, position) + code[position + 1] + code[position] + code.slice(position + 2);
      expect(parseCode(swapped).ok).toBe(false);
    }
  });
});
