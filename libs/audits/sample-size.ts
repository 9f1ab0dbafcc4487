import standardNormalQuantile from '@stdlib/stats-base-dists-normal-quantile';

/**
 * How many items to draw for a random audit: Cochran's sample size for a proportion, with the
 * most cautious p = 0.5, and the finite-population correction,
 *   n0 = z² · p(1 − p) / e²,   n = n0 / (1 + (n0 − 1) / N),
 * rounded up. At 95 % confidence and ±3 % margin a population of 10,000 gives 965.
 */
export function sampleSize(population: number, confidence = 0.95, margin = 0.03): number {
  if (!Number.isInteger(population) || population < 0) throw new RangeError('the population is a whole number of items');
  if (!(confidence > 0 && confidence < 1)) throw new RangeError('the confidence is between 0 and 1');
  if (!(margin > 0 && margin < 1)) throw new RangeError('the margin is between 0 and 1');
  if (population === 0) return 0;
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const unlimited = (z * z * 0.25) / (margin * margin);
  // the rounding guards against 965.0000000001 becoming 966
  return Math.min(population, Math.ceil(Number((unlimited / (1 + (unlimited - 1) / population)).toFixed(9))));
}

/** The standard normal quantile (the z with P(Z ≤ z) = p), from stdlib's inverse error function: exact to double precision. */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError('p is between 0 and 1');
  return standardNormalQuantile(p, 0, 1);
}
