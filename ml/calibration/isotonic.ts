// Isotonic regression by pool-adjacent-violators: a non-decreasing map from a score to a probability, fitted on
// (score, 0/1 label) pairs and applied by linear interpolation between block end points (clamped outside).

export interface IsotonicMap {
  x: number[];
  y: number[];
}

/** Fits the isotonic map of labels `y` (0/1 or any reals) on scores `x` (optional weights `w`). */
export function fitIsotonic(x: ArrayLike<number>, y: ArrayLike<number>, w?: ArrayLike<number>): IsotonicMap {
  const order = Array.from({ length: x.length }, (_, i) => i).sort((a, b) => x[a] - x[b] || a - b);
  // Blocks as parallel stacks: weighted sum, weight, min x, max x.
  const sum: number[] = [];
  const weight: number[] = [];
  const lo: number[] = [];
  const hi: number[] = [];
  for (const i of order) {
    const wi = w ? w[i] : 1;
    if (wi <= 0) continue;
    if (weight.length && x[i] === hi[hi.length - 1]) {
      sum[sum.length - 1] += wi * y[i];
      weight[weight.length - 1] += wi;
    } else {
      sum.push(wi * y[i]);
      weight.push(wi);
      lo.push(x[i]);
      hi.push(x[i]);
    }
    while (weight.length > 1) {
      const k = weight.length - 1;
      if (sum[k - 1] / weight[k - 1] <= sum[k] / weight[k]) break;
      sum[k - 1] += sum[k];
      weight[k - 1] += weight[k];
      hi[k - 1] = hi[k];
      sum.pop();
      weight.pop();
      lo.pop();
      hi.pop();
    }
  }
  const map: IsotonicMap = { x: [], y: [] };
  for (let k = 0; k < weight.length; k++) {
    const v = sum[k] / weight[k];
    map.x.push(lo[k]);
    map.y.push(v);
    if (hi[k] !== lo[k]) {
      map.x.push(hi[k]);
      map.y.push(v);
    }
  }
  return map;
}

/** Applies an isotonic map to one score. */
export function applyIsotonic(map: IsotonicMap, v: number): number {
  const { x, y } = map;
  if (x.length === 0 || Number.isNaN(v)) return v;
  if (v <= x[0]) return y[0];
  if (v >= x[x.length - 1]) return y[y.length - 1];
  let lo = 0;
  let hi = x.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (x[mid] <= v) lo = mid;
    else hi = mid;
  }
  const t = (v - x[lo]) / (x[hi] - x[lo]);
  return y[lo] + t * (y[hi] - y[lo]);
}
