// Binary classification metrics on probabilities p and 0/1 labels y: ROC AUC (ties get half credit, i.e. the
// Mann–Whitney statistic with mid-ranks), log-loss (p clipped to [1e-15, 1 − 1e-15]), Brier score, and expected
// calibration error (equal-width bins over [0, 1], |mean p − fraction positive| weighted by bin size).

export function auc(p: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = p.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => p[a] - p[b]);
  let rankSumPos = 0;
  let pos = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && p[order[j + 1]] === p[order[i]]) j++;
    const midRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (y[order[k]] === 1) {
        rankSumPos += midRank;
        pos++;
      }
    }
    i = j + 1;
  }
  const neg = n - pos;
  if (pos === 0 || neg === 0) return NaN;
  return (rankSumPos - (pos * (pos + 1)) / 2) / (pos * neg);
}

export function logLoss(p: ArrayLike<number>, y: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < p.length; i++) {
    const q = Math.min(1 - 1e-15, Math.max(1e-15, p[i]));
    s -= y[i] * Math.log(q) + (1 - y[i]) * Math.log(1 - q);
  }
  return s / p.length;
}

export function brier(p: ArrayLike<number>, y: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < p.length; i++) s += (p[i] - y[i]) ** 2;
  return s / p.length;
}

export function expectedCalibrationError(p: ArrayLike<number>, y: ArrayLike<number>, bins = 10): number {
  const sumP = new Float64Array(bins);
  const sumY = new Float64Array(bins);
  const count = new Float64Array(bins);
  for (let i = 0; i < p.length; i++) {
    const b = Math.min(bins - 1, Math.max(0, Math.floor(p[i] * bins)));
    sumP[b] += p[i];
    sumY[b] += y[i];
    count[b]++;
  }
  let ece = 0;
  for (let b = 0; b < bins; b++) if (count[b]) ece += (count[b] / p.length) * Math.abs(sumP[b] / count[b] - sumY[b] / count[b]);
  return ece;
}

/** The figures a classifier is judged by on one window of rows: size, positives, AUC, log-loss, Brier, ECE. */
export interface ClassificationSummary {
  rows: number;
  positives: number;
  auc: number;
  logLoss: number;
  brier: number;
  ece: number;
}

export function classificationSummary(p: ArrayLike<number>, y: ArrayLike<number>): ClassificationSummary {
  let positives = 0;
  for (let i = 0; i < y.length; i++) positives += y[i];
  return { rows: y.length, positives, auc: auc(p, y), logLoss: logLoss(p, y), brier: brier(p, y), ece: expectedCalibrationError(p, y) };
}
