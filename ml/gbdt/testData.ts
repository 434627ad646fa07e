// Small seeded datasets shared by the trainer's tests (not used by production code).

import { numericDataset, type Dataset } from "../data/dataset";
import { mulberry32, normalSampler } from "../random/mulberry32";

/** `rows` rows of `features` uniform [0, 1) features. */
export function uniformColumns(rows: number, features: number, seed: number): Float64Array[] {
  const random = mulberry32(seed);
  return Array.from({ length: features }, () => Float64Array.from({ length: rows }, random));
}

/** Like uniformColumns but on a grid of `levels` values k/levels (so ≤255 levels are binned losslessly). */
export function gridColumns(rows: number, features: number, levels: number, seed: number): Float64Array[] {
  return uniformColumns(rows, features, seed).map((c) => c.map((v) => Math.floor(v * levels) / levels));
}

export function datasetOf(columns: Float64Array[]): Dataset {
  return numericDataset(columns);
}

/** Survival data: true log-hazard 1.5·x0 − x1, exponential event times, independent exponential censoring. */
export function censoredSurvival(rows: number, seed: number) {
  const random = mulberry32(seed);
  const columns = uniformColumns(rows, 3, seed + 1);
  const time = new Float64Array(rows);
  const event = new Uint8Array(rows);
  for (let r = 0; r < rows; r++) {
    const hazard = Math.exp(1.5 * columns[0][r] - columns[1][r]) * 0.1;
    const t = -Math.log(1 - random()) / hazard;
    const c = -Math.log(1 - random()) / 0.05;
    time[r] = Math.min(t, c);
    event[r] = t <= c ? 1 : 0;
  }
  return { data: numericDataset(columns), time, event };
}

/** y = 3·x0 + noise whose spread grows with x1 (for quantile tests). */
export function heteroscedastic(rows: number, seed: number) {
  const normal = normalSampler(mulberry32(seed));
  const columns = uniformColumns(rows, 2, seed + 1);
  const y = Float64Array.from({ length: rows }, (_, r) => 3 * columns[0][r] + (0.2 + columns[1][r]) * normal());
  return { data: numericDataset(columns), y };
}
