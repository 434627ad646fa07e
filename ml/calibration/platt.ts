// Platt scaling: p = 1 / (1 + exp(−(a·m + b))) on the raw margin m, with a and b fitted by Newton's method on the
// log-loss using Platt's smoothed targets (N₊+1)/(N₊+2) and 1/(N₋+2).

export interface PlattMap {
  a: number;
  b: number;
}

export function fitPlatt(margins: ArrayLike<number>, y: ArrayLike<number>): PlattMap {
  let pos = 0;
  for (let i = 0; i < y.length; i++) pos += y[i];
  const neg = y.length - pos;
  const hiT = (pos + 1) / (pos + 2);
  const loT = 1 / (neg + 2);
  let a = 1;
  let b = 0;
  for (let iter = 0; iter < 100; iter++) {
    let g1 = 0, g2 = 0, h11 = 1e-12, h22 = 1e-12, h12 = 0;
    for (let i = 0; i < y.length; i++) {
      const m = margins[i];
      const p = 1 / (1 + Math.exp(-(a * m + b)));
      const d = p - (y[i] > 0.5 ? hiT : loT);
      const s = Math.max(p * (1 - p), 1e-12);
      g1 += d * m;
      g2 += d;
      h11 += s * m * m;
      h22 += s;
      h12 += s * m;
    }
    const det = h11 * h22 - h12 * h12;
    if (Math.abs(det) < 1e-300) break;
    const da = (h22 * g1 - h12 * g2) / det;
    const db = (h11 * g2 - h12 * g1) / det;
    a -= da;
    b -= db;
    if (Math.abs(da) < 1e-10 && Math.abs(db) < 1e-10) break;
  }
  return { a, b };
}

export function applyPlatt(map: PlattMap, margin: number): number {
  return 1 / (1 + Math.exp(-(map.a * margin + map.b)));
}
