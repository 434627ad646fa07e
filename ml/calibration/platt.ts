// Platt scaling: p = 1 / (1 + exp(−(a·m + b))) on the raw margin m, with a and b fitted by Newton's method on the
// log-loss using Platt's smoothed targets (N₊+1)/(N₊+2) and 1/(N₋+2), with a backtracking line search.

export interface PlattMap {
  a: number;
  b: number;
}

export function fitPlatt(margins: ArrayLike<number>, y: ArrayLike<number>): PlattMap {
  let pos = 0;
  for (let i = 0; i < y.length; i++) pos += y[i] > 0.5 ? 1 : 0;
  const neg = y.length - pos;
  const hiT = (pos + 1) / (pos + 2);
  const loT = 1 / (neg + 2);
  const target = (i: number) => (y[i] > 0.5 ? hiT : loT);
  // The objective (cross-entropy against the smoothed targets), computed without overflow for large |a·m + b|.
  const objective = (a: number, b: number) => {
    let f = 0;
    for (let i = 0; i < y.length; i++) {
      const z = a * margins[i] + b;
      const t = target(i);
      f += z >= 0 ? (1 - t) * z + Math.log1p(Math.exp(-z)) : -t * z + Math.log1p(Math.exp(z));
    }
    return f;
  };
  // Newton's method with a backtracking line search (Lin, Lin & Weng 2007): a full Newton step from a = 1 can
  // overshoot badly when the margins are large (an overconfident model), so each step is halved until the
  // objective decreases enough.
  let a = 1;
  let b = 0;
  let f = objective(a, b);
  for (let iter = 0; iter < 100; iter++) {
    let g1 = 0, g2 = 0, h11 = 1e-12, h22 = 1e-12, h12 = 0;
    for (let i = 0; i < y.length; i++) {
      const m = margins[i];
      const p = 1 / (1 + Math.exp(-(a * m + b)));
      const d = p - target(i);
      const s = Math.max(p * (1 - p), 1e-12);
      g1 += d * m;
      g2 += d;
      h11 += s * m * m;
      h22 += s;
      h12 += s * m;
    }
    if (Math.abs(g1) < 1e-9 && Math.abs(g2) < 1e-9) break;
    const det = h11 * h22 - h12 * h12;
    if (Math.abs(det) < 1e-300) break;
    const da = (h22 * g1 - h12 * g2) / det;
    const db = (h11 * g2 - h12 * g1) / det;
    const slope = g1 * da + g2 * db; // directional derivative along −(da, db), negated
    let step = 1;
    let moved = false;
    while (step >= 1e-10) {
      const na = a - step * da;
      const nb = b - step * db;
      const nf = objective(na, nb);
      if (nf <= f - 1e-4 * step * slope) {
        a = na;
        b = nb;
        f = nf;
        moved = true;
        break;
      }
      step /= 2;
    }
    if (!moved || (Math.abs(step * da) < 1e-10 && Math.abs(step * db) < 1e-10)) break;
  }
  return { a, b };
}

export function applyPlatt(map: PlattMap, margin: number): number {
  return 1 / (1 + Math.exp(-(map.a * margin + map.b)));
}
