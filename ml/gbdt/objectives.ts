// Loss functions: base score, per-row gradient and hessian (interleaved [g0, h0, g1, h1, …]), and the metric used
// for early stopping (lower is better).
//
//   binary    log-loss on the logit margin; gradient p − y, hessian p(1 − p).
//   squared   ½(f − y)²; gradient f − y, hessian 1.
//   quantile  pinball loss at `alpha`; gradient (1 − alpha) if f > y else −alpha, hessian 1. After a tree is grown
//             each leaf is re-fitted to the alpha-quantile of its rows' residuals (as LightGBM and sklearn do),
//             because the Newton step on a piecewise-linear loss is only a direction.
//   cox       Cox proportional hazards, negative partial log-likelihood with Breslow ties. The margin f is the
//             log hazard ratio (higher = earlier event). Labels: y = time, event = 1 observed / 0 censored.

import type { Labels } from "../data/dataset";
import { pinballLoss } from "../metrics/regression";
import type { TrainParams } from "./params";

export interface Objective {
  name: TrainParams["objective"];
  baseScore(): number;
  /** Fills gh (length 2n) with gradients and hessians at margins `pred`. */
  gradients(pred: Float64Array, gh: Float64Array): void;
  /** Early-stopping metric of margins `pred` against labels (lower is better). */
  loss(pred: Float64Array, labels: Labels): number;
  lossName: string;
  /** Quantile objective: re-fits a leaf to the residual quantile of its rows. */
  refitLeaf?(rows: Uint32Array, start: number, end: number, pred: Float64Array): number;
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** α-quantile of values (linear interpolation between the order statistics around α·(n − 1)). */
export function quantileOf(values: Float64Array, alpha: number): number {
  if (values.length === 0) return 0;
  const sorted = Float64Array.from(values).sort();
  const pos = alpha * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

export function binaryLogLoss(margins: Float64Array, y: Float64Array): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) {
    const p = Math.min(1 - 1e-15, Math.max(1e-15, sigmoid(margins[i])));
    s -= y[i] * Math.log(p) + (1 - y[i]) * Math.log(1 - p);
  }
  return s / y.length;
}

function binaryObjective(labels: Labels): Objective {
  const y = labels.y;
  return {
    name: "binary",
    lossName: "logLoss",
    baseScore() {
      let s = 0;
      for (let i = 0; i < y.length; i++) s += y[i];
      const p = Math.min(1 - 1e-6, Math.max(1e-6, s / y.length));
      return Math.log(p / (1 - p));
    },
    gradients(pred, gh) {
      for (let i = 0; i < y.length; i++) {
        const p = 1 / (1 + Math.exp(-pred[i]));
        gh[2 * i] = p - y[i];
        gh[2 * i + 1] = Math.max(p * (1 - p), 1e-16);
      }
    },
    loss: (pred, l) => binaryLogLoss(pred, l.y),
  };
}

function squaredObjective(labels: Labels): Objective {
  const y = labels.y;
  return {
    name: "squared",
    lossName: "rmse",
    baseScore() {
      let s = 0;
      for (let i = 0; i < y.length; i++) s += y[i];
      return y.length ? s / y.length : 0;
    },
    gradients(pred, gh) {
      for (let i = 0; i < y.length; i++) {
        gh[2 * i] = pred[i] - y[i];
        gh[2 * i + 1] = 1;
      }
    },
    loss(pred, l) {
      let s = 0;
      for (let i = 0; i < l.y.length; i++) s += (pred[i] - l.y[i]) ** 2;
      return Math.sqrt(s / l.y.length);
    },
  };
}

function quantileObjective(labels: Labels, alpha: number, learningRate: number): Objective {
  const y = labels.y;
  return {
    name: "quantile",
    lossName: "pinball",
    baseScore: () => quantileOf(y, alpha),
    gradients(pred, gh) {
      for (let i = 0; i < y.length; i++) {
        gh[2 * i] = pred[i] > y[i] ? 1 - alpha : -alpha;
        gh[2 * i + 1] = 1;
      }
    },
    loss: (pred, l) => pinballLoss(pred, l.y, alpha),
    refitLeaf(rows, start, end, pred) {
      const residuals = new Float64Array(end - start);
      for (let i = start; i < end; i++) residuals[i - start] = y[rows[i]] - pred[rows[i]];
      return learningRate * quantileOf(residuals, alpha);
    },
  };
}

/** Row order by ascending time, and for each row the first and last position of its tie group. */
function survivalOrder(time: Float64Array) {
  const order = Uint32Array.from({ length: time.length }, (_, i) => i).sort((a, b) => time[a] - time[b] || a - b);
  const groupStart = new Uint32Array(time.length);
  const groupEnd = new Uint32Array(time.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && time[order[j + 1]] === time[order[i]]) j++;
    for (let k = i; k <= j; k++) {
      groupStart[k] = i;
      groupEnd[k] = j;
    }
    i = j + 1;
  }
  return { order, groupStart, groupEnd };
}

/** Negative Cox partial log-likelihood per event (Breslow ties). */
export function coxNegLogLikelihood(pred: Float64Array, time: Float64Array, event: Uint8Array): number {
  const { order, groupStart } = survivalOrder(time);
  const n = order.length;
  let max = -Infinity;
  for (let i = 0; i < n; i++) max = Math.max(max, pred[i]);
  // riskSum[k] = Σ exp(f_j − max) over rows with time ≥ time of sorted position k.
  const riskSum = new Float64Array(n);
  let acc = 0;
  for (let k = n - 1; k >= 0; k--) {
    acc += Math.exp(pred[order[k]] - max);
    riskSum[k] = acc;
  }
  let s = 0;
  let events = 0;
  for (let k = 0; k < n; k++) {
    const i = order[k];
    if (!event[i]) continue;
    events++;
    s -= pred[i] - max - Math.log(riskSum[groupStart[k]]);
  }
  return events ? s / events : 0;
}

function coxObjective(labels: Labels): Objective {
  const time = labels.y;
  if (!labels.event) throw new Error("the cox objective needs event flags (labels.event)");
  const event = labels.event;
  const { order, groupStart, groupEnd } = survivalOrder(time);
  const n = order.length;
  const riskSum = new Float64Array(n);
  return {
    name: "cox",
    lossName: "coxNegLogLik",
    baseScore: () => 0,
    gradients(pred, gh) {
      let max = -Infinity;
      for (let i = 0; i < n; i++) max = Math.max(max, pred[i]);
      let acc = 0;
      for (let k = n - 1; k >= 0; k--) {
        acc += Math.exp(pred[order[k]] - max);
        riskSum[k] = acc;
      }
      // A = Σ_{events k with t_k ≤ t_i} 1/S_k, B = Σ 1/S_k², accumulated tie group by tie group.
      let A = 0;
      let B = 0;
      for (let k = 0; k < n; ) {
        const end = groupEnd[k];
        const s = riskSum[groupStart[k]];
        for (let m = k; m <= end; m++) {
          if (event[order[m]]) {
            A += 1 / s;
            B += 1 / (s * s);
          }
        }
        for (let m = k; m <= end; m++) {
          const i = order[m];
          const e = Math.exp(pred[i] - max);
          gh[2 * i] = e * A - event[i];
          gh[2 * i + 1] = Math.max(e * A - e * e * B, 1e-16);
        }
        k = end + 1;
      }
    },
    loss: (pred, l) => coxNegLogLikelihood(pred, l.y, l.event!),
  };
}

export function createObjective(params: TrainParams, labels: Labels): Objective {
  switch (params.objective) {
    case "binary":
      for (const v of labels.y) if (v !== 0 && v !== 1) throw new Error("binary objective needs labels 0 or 1");
      return binaryObjective(labels);
    case "squared":
      return squaredObjective(labels);
    case "quantile":
      return quantileObjective(labels, params.alpha, params.learningRate);
    case "cox":
      return coxObjective(labels);
  }
}
