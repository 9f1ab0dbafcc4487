import bwipjs from 'bwip-js';
import { encodeCode128 } from './code128';

describe('the shortest Code 128', () => {
  it.each([
    [
      'I0000000238',
      [
        ['B', 'I'],
        ['C', '0000000238'],
      ],
      112,
    ],
    [
      'I000000022X',
      [
        ['B', 'I0'],
        ['C', '00000022'],
        ['B', 'X'],
      ],
      134,
    ],
    [
      'L123456789X',
      [
        ['B', 'L1'],
        ['C', '23456789'],
        ['B', 'X'],
      ],
      134,
    ],
    ['12', [['C', '12']], 46],
    ['X12345Y', [['B', 'X12345Y']], 112],
  ])('encodes %s in subsets %j, %i modules', (data, segments, modules) => {
    const symbol = encodeCode128(data);
    expect(symbol.segments.map((segment) => [segment.subset, segment.text])).toEqual(segments);
    expect(symbol.modules).toBe(modules);
  });

  it('draws the bars BWIPP draws for the same symbol characters, and is never longer than its encoding', () => {
    for (const data of ['I0000000238', 'I000000022X', 'T000000012X', 'ABC123456', 'a1b2c3', 'HELLO\u0001world', '{B}>']) {
      const symbol = encodeCode128(data);
      const raw = symbol.codewords
        .slice(0, -1)
        .map((value) => `^${String(value).padStart(3, '0')}`)
        .join('');
      const [same] = bwipjs.raw('code128', raw, { raw: true } as never) as unknown as [{ sbs: number[] }];
      expect(same.sbs).toEqual(symbol.runs);
      const [own] = bwipjs.raw('code128', data, {}) as unknown as [{ sbs: number[] }];
      expect(symbol.modules).toBeLessThanOrEqual(own.sbs.reduce((sum, run) => sum + run, 0));
    }
  });

  it('refuses what Code 128 cannot encode', () => {
    expect(() => encodeCode128('')).toThrow(RangeError);
    expect(() => encodeCode128('Łódź')).toThrow('Code 128 encodes ASCII characters only');
  });
});
