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

/**
 * The standard normal quantile (the z with P(Z ≤ z) = p), by Acklam's rational approximation
 * refined with one step of Halley's method: accurate to about 1e-15.
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError('p is between 0 and 1');
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  let x: number;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  } else if (p <= 1 - low) {
    const q = p - 0.5;
    const r = q * q;
    x = ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  } else {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  // one Halley step against the error function
  const e = 0.5 * erfc(-x / Math.SQRT2) - p;
  const u = e * Math.sqrt(2 * Math.PI) * Math.exp((x * x) / 2);
  return x - u / (1 + (x * u) / 2);
}

/** The complementary error function (W. J. Cody's rational approximations, as in Numerical Recipes' erfc). */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}
