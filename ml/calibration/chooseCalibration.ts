// Which calibration a binary model gets: none, Platt scaling or isotonic regression — whichever predicts held-out
// labels best. Isotonic regression is the most flexible map, and on a small or noisy validation window it overfits:
// its flat blocks at exactly 0 or 1 make one surprising outcome cost log(1e15) ≈ 35 nats, so a model "calibrated"
// that way can score worse than the raw one (the demo lead model: test log-loss 0.42 isotonic vs 0.30 raw).
// The choice is made by k-fold cross-validation on the validation window alone — each map fitted on k−1 folds and
// scored by log-loss on the fold left out — and the winner is refitted on the whole window. Ties (within 0.1 %) go
// to the simpler map: none, then Platt, then isotonic.

import { logLoss } from "../metrics/classification";
import { applyIsotonic, fitIsotonic, type IsotonicMap } from "./isotonic";
import { applyPlatt, fitPlatt, type PlattMap } from "./platt";

export type CalibrationMethod = "none" | "platt" | "isotonic";
export type Calibration = ({ method: "platt" } & PlattMap) | ({ method: "isotonic" } & IsotonicMap) | null;

export interface CalibrationChoice {
  method: CalibrationMethod;
  /** The map to store with the model (null: none, the raw sigmoid is used). */
  calibration: Calibration;
  /** Mean held-out log-loss of each method across the folds. */
  crossValidatedLogLoss: Record<CalibrationMethod, number>;
}

const METHODS: readonly CalibrationMethod[] = ["none", "platt", "isotonic"];
const sigmoid = (m: number) => 1 / (1 + Math.exp(-m));

function fit(method: CalibrationMethod, margins: number[], y: number[]): (m: number) => number {
  if (method === "platt") {
    const map = fitPlatt(margins, y);
    return (m) => applyPlatt(map, m);
  }
  if (method === "isotonic") {
    const map = fitIsotonic(margins.map(sigmoid), y);
    return (m) => applyIsotonic(map, sigmoid(m));
  }
  return sigmoid;
}

/** Chooses and fits the calibration of raw margins (log-odds) against 0/1 labels; rows are dealt to folds in turn. */
export function chooseCalibration(margins: ArrayLike<number>, y: ArrayLike<number>, folds = 5): CalibrationChoice {
  if (margins.length !== y.length) throw new Error(`chooseCalibration: ${margins.length} margins but ${y.length} labels`);
  const k = Math.max(2, Math.min(folds, margins.length));
  const sums: Record<CalibrationMethod, number> = { none: 0, platt: 0, isotonic: 0 };
  for (let f = 0; f < k; f++) {
    const trainM: number[] = [], trainY: number[] = [], testM: number[] = [], testY: number[] = [];
    for (let i = 0; i < margins.length; i++) {
      if (i % k === f) {
        testM.push(margins[i]);
        testY.push(y[i]);
      } else {
        trainM.push(margins[i]);
        trainY.push(y[i]);
      }
    }
    if (testM.length === 0) continue;
    for (const method of METHODS) {
      const map = fit(method, trainM, trainY);
      sums[method] += logLoss(testM.map(map), testY) * testM.length;
    }
  }
  const crossValidatedLogLoss = Object.fromEntries(METHODS.map((m) => [m, sums[m] / margins.length])) as Record<CalibrationMethod, number>;
  let best: CalibrationMethod = "none";
  for (const method of METHODS) if (crossValidatedLogLoss[method] < crossValidatedLogLoss[best] * 0.999) best = method;

  const all = Array.from(margins);
  const labels = Array.from(y);
  const calibration: Calibration =
    best === "platt" ? { method: "platt", ...fitPlatt(all, labels) } : best === "isotonic" ? { method: "isotonic", ...fitIsotonic(all.map(sigmoid), labels) } : null;
  return { method: best, calibration, crossValidatedLogLoss };
}
