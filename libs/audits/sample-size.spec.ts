import { normalQuantile, sampleSize } from './sample-size';

describe('the size of a random audit', () => {
  it.each([
    // the standard table for 95 % confidence and ±3 %, p = 0.5
    [100, 92],
    [500, 341],
    [1_000, 517],
    [5_000, 880],
    [10_000, 965],
    [100_000, 1056],
    [1_000_000, 1066],
  ])('draws from %i items %i at 95 %% ±3 %%', (population, expected) => {
    expect(sampleSize(population)).toBe(expected);
  });

  it('follows the confidence and the margin asked for', () => {
    // z = 2.5758 exactly; tables that round z to 2.58 say 1561
    expect(sampleSize(10_000, 0.99, 0.03)).toBe(1557);
    expect(sampleSize(10_000, 0.95, 0.05)).toBe(370);
    expect(sampleSize(10_000, 0.9, 0.05)).toBe(264);
  });

  it('never draws more than there is, and nothing from nothing', () => {
    expect(sampleSize(1)).toBe(1);
    expect(sampleSize(0)).toBe(0);
  });

  it("knows the usual z values to the last digits of R's qnorm", () => {
    // R 4.4: sprintf("%.15f", qnorm(c(0.975, 0.995, 0.95, 0.01, 0.999)))
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 14);
    expect(normalQuantile(0.995)).toBeCloseTo(2.575829303548901, 14);
    expect(normalQuantile(0.95)).toBeCloseTo(1.644853626951472, 14);
    expect(normalQuantile(0.01)).toBeCloseTo(-2.326347874040841, 14);
    expect(normalQuantile(0.999)).toBeCloseTo(3.090232306167813, 14);
  });

  it('refuses nonsense', () => {
    expect(() => sampleSize(-1)).toThrow(RangeError);
    expect(() => sampleSize(10, 1)).toThrow(RangeError);
    expect(() => sampleSize(10, 0.95, 0)).toThrow(RangeError);
  });
});
