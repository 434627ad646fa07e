// Reliability-diagram data for a binary classifier: predictions p ∈ [0, 1] and 0/1 labels y grouped into bins, each
// with its size, mean predicted probability and observed positive rate. A well-calibrated model's bins lie on the
// diagonal (mean predicted = observed).
//
// Two ways to bin:
//   "uniform"  — `bins` equal-width bins over [0, 1] (bin b = [b/bins, (b+1)/bins), 1 in the last), the bins
//                ml/metrics/classification.ts `expectedCalibrationError` uses: Σ (count/n)·|meanPredicted − observed|
//                over these bins is exactly that ECE. Every bin is returned, empty ones with null means.
//   "quantile" — up to `bins` bins of (nearly) equal size by sorted prediction; ties are never split across bins,
//                so there may be fewer. Bounds are the smallest and largest prediction in the bin.

export type ReliabilityStrategy = "uniform" | "quantile";

export interface ReliabilityBin {
  /** Lower bound of the bin (inclusive). */
  lower: number;
  /** Upper bound of the bin (exclusive, except for the last uniform bin and every quantile bin). */
  upper: number;
  count: number;
  positives: number;
  /** Mean predicted probability of the rows in the bin; null when the bin is empty. */
  meanPredicted: number | null;
  /** Share of the bin's rows that were positive; null when the bin is empty. */
  observedRate: number | null;
}

export interface ReliabilityDiagram {
  strategy: ReliabilityStrategy;
  rows: number;
  positives: number;
  bins: ReliabilityBin[];
}

export interface ReliabilityOptions {
  /** Number of bins (default 10). */
  bins?: number;
  strategy?: ReliabilityStrategy;
}

function check(p: ArrayLike<number>, y: ArrayLike<number>, bins: number): void {
  if (p.length !== y.length) throw new Error(`reliabilityBins: ${p.length} predictions but ${y.length} labels`);
  if (!Number.isInteger(bins) || bins < 1) throw new Error(`reliabilityBins: bins must be a positive integer, got ${bins}`);
  for (let i = 0; i < p.length; i++) {
    if (!(p[i] >= 0 && p[i] <= 1)) throw new Error(`reliabilityBins: prediction ${i} is ${p[i]}, not a probability`);
    if (y[i] !== 0 && y[i] !== 1) throw new Error(`reliabilityBins: label ${i} is ${y[i]}, not 0 or 1`);
  }
}

function bin(lower: number, upper: number, count: number, positives: number, sumP: number): ReliabilityBin {
  return { lower, upper, count, positives, meanPredicted: count ? sumP / count : null, observedRate: count ? positives / count : null };
}

/** Reliability-diagram bins of predictions `p` against labels `y` (see the file comment). */
export function reliabilityBins(p: ArrayLike<number>, y: ArrayLike<number>, options: ReliabilityOptions = {}): ReliabilityDiagram {
  const n = options.bins ?? 10;
  const strategy = options.strategy ?? "uniform";
  check(p, y, n);
  let positives = 0;
  for (let i = 0; i < y.length; i++) positives += y[i];
  const out: ReliabilityDiagram = { strategy, rows: p.length, positives, bins: [] };

  if (strategy === "uniform") {
    const count = new Float64Array(n);
    const pos = new Float64Array(n);
    const sumP = new Float64Array(n);
    for (let i = 0; i < p.length; i++) {
      const b = Math.min(n - 1, Math.floor(p[i] * n));
      count[b]++;
      pos[b] += y[i];
      sumP[b] += p[i];
    }
    for (let b = 0; b < n; b++) out.bins.push(bin(b / n, (b + 1) / n, count[b], pos[b], sumP[b]));
    return out;
  }

  const order = Array.from({ length: p.length }, (_, i) => i).sort((a, b) => p[a] - p[b]);
  let start = 0;
  for (let b = 0; b < n && start < order.length; b++) {
    // The bin ends at the b-th quantile position, pushed forward past any ties with its last prediction.
    let end = Math.max(start + 1, Math.round(((b + 1) * order.length) / n));
    while (end < order.length && p[order[end]] === p[order[end - 1]]) end++;
    let pos = 0;
    let sumP = 0;
    for (let k = start; k < end; k++) {
      pos += y[order[k]];
      sumP += p[order[k]];
    }
    out.bins.push(bin(p[order[start]], p[order[end - 1]], end - start, pos, sumP));
    start = end;
  }
  return out;
}

/** Σ (count / rows) · |meanPredicted − observedRate| over the bins: the expected calibration error they show. */
export function calibrationErrorOf(diagram: ReliabilityDiagram): number {
  if (diagram.rows === 0) return 0;
  let e = 0;
  for (const b of diagram.bins) if (b.count) e += (b.count / diagram.rows) * Math.abs(b.meanPredicted! - b.observedRate!);
  return e;
}
