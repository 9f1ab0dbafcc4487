/** A Code 128 subset: A (upper case and control characters), B (printable ASCII), C (digit pairs). */
export type Code128Subset = 'A' | 'B' | 'C';

/** A run of data in one subset, in the order it is encoded: what a printer command must select. */
export interface Code128Segment {
  subset: Code128Subset;
  text: string;
}

/** A Code 128 symbol, chosen once and used by every output: the previews draw it, the printer commands select it. */
export interface Code128Symbol {
  data: string;
  segments: Code128Segment[];
  /** Every symbol character from the start character to the check character, as values 0–105 (the stop is implied). */
  codewords: number[];
  /** Bars and spaces in modules, bar first, stop pattern included. */
  runs: number[];
  /** Width in modules, without quiet zones: 11 a symbol character, 13 for the stop. */
  modules: number;
}

/** Quiet zone on each side, in modules (ISO/IEC 15417: at least ten times the module). */
export const code128QuietZone = 10;

// bar and space widths of symbol characters 0–105 (ISO/IEC 15417, table 1), then the stop
const patterns =
  '212222 222122 222221 121223 121322 131222 122213 122312 132212 221213 221312 231212 112232 122132 122231 113222 123122 123221 223211 221132 ' +
  '221231 213212 223112 312131 311222 321122 321221 312212 322112 322211 212123 212321 232121 111323 131123 131321 112313 132113 132311 211313 ' +
  '231113 231311 112133 112331 132131 113123 113321 133121 313121 211331 231131 213113 213311 213131 311123 311321 331121 312113 312311 332111 ' +
  '314111 221411 431111 111224 111422 121124 121421 141122 141221 112214 112412 122114 122411 142112 142211 241211 221114 413111 241112 134111 ' +
  '111242 121142 121241 114212 124112 124211 411212 421112 421211 212141 214121 412121 111143 111341 131141 114113 114311 411113 411311 113141 ' +
  '114131 311141 411131 211412 211214 211232 2331112';
const runsOf = patterns.split(' ').map((pattern) => [...pattern].map(Number));

export const code128Start: Record<Code128Subset, number> = { A: 103, B: 104, C: 105 };
// the symbol character that latches to a subset, from the other two
export const code128Latch: Record<Code128Subset, number> = { A: 101, B: 100, C: 99 };
const subsets: Code128Subset[] = ['B', 'A', 'C'];

function fits(subset: Code128Subset, code: number): boolean {
  if (subset === 'A') return code < 96;
  if (subset === 'B') return code >= 32 && code < 128;
  return false;
}

/** The value of one character in subset A or B. */
export function code128Value(subset: 'A' | 'B', code: number): number {
  return subset === 'A' ? (code < 32 ? code + 64 : code - 32) : code - 32;
}

/**
 * The shortest Code 128 of ASCII text: subset C for runs of digits where it saves symbol
 * characters, A or B elsewhere (B where both fit), found by trying every latch at every position
 * (a shortest path over position × subset), so the choice is the same whoever asks.
 */
export function encodeCode128(data: string): Code128Symbol {
  const codes = [...data].map((character) => character.codePointAt(0)!);
  if (codes.length === 0) throw new RangeError('a Code 128 symbol needs at least one character');
  if (codes.some((code) => code > 127)) throw new RangeError('Code 128 encodes ASCII characters only');
  const length = codes.length;
  const digit = (at: number) => at < length && codes[at] >= 48 && codes[at] <= 57;
  // cost[at][subset]: fewest symbol characters to encode codes[at…] when `subset` is active at `at`
  const cost = Array.from({ length: length + 1 }, () => ({ A: Infinity, B: Infinity, C: Infinity }) as Record<Code128Subset, number>);
  const step = Array.from({ length: length + 1 }, () => ({}) as Record<Code128Subset, { to: Code128Subset; take: number } | undefined>);
  cost[length] = { A: 0, B: 0, C: 0 };
  for (let at = length - 1; at >= 0; at -= 1) {
    for (const active of subsets) {
      for (const next of subsets) {
        const latch = next === active ? 0 : 1;
        const take = next === 'C' ? (digit(at) && digit(at + 1) ? 2 : 0) : fits(next, codes[at]) ? 1 : 0;
        if (take === 0) continue;
        const total = latch + 1 + cost[at + take][next];
        if (total < cost[at][active]) {
          cost[at][active] = total;
          step[at][active] = { to: next, take };
        }
      }
    }
  }
  // the start character chooses the first subset at no extra cost
  const first = subsets.reduce(
    (best, subset) => {
      const take = subset === 'C' ? (digit(0) && digit(1) ? 2 : 0) : fits(subset, codes[0]) ? 1 : 0;
      if (take === 0) return best;
      const total = 1 + cost[take][subset];
      return best === null || total < best.total ? { subset, total } : best;
    },
    null as { subset: Code128Subset; total: number } | null,
  )!;

  const segments: Code128Segment[] = [];
  const codewords = [code128Start[first.subset]];
  let active = first.subset;
  let at = 0;
  let next: { to: Code128Subset; take: number } = { to: first.subset, take: first.subset === 'C' ? 2 : 1 };
  for (;;) {
    if (next.to !== active) codewords.push(code128Latch[next.to]);
    active = next.to;
    const text = data.slice(at, at + next.take);
    codewords.push(active === 'C' ? Number(text) : code128Value(active, codes[at]));
    const last = segments.at(-1);
    if (last && last.subset === active) last.text += text;
    else segments.push({ subset: active, text });
    at += next.take;
    if (at >= length) break;
    next = step[at][active]!;
  }
  codewords.push(codewords.reduce((sum, value, index) => sum + value * Math.max(1, index), 0) % 103);
  return { data, segments, codewords, runs: code128Runs(codewords), modules: 11 * codewords.length + 13 };
}

/** The bars and spaces of symbol characters (start to check), with the stop pattern: how a printer draws the values it selected. */
export function code128Runs(codewords: number[]): number[] {
  return [...codewords, 106].flatMap((value) => runsOf[value]);
}
