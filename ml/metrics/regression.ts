// Regression metrics: root mean squared error, mean absolute error, and mean absolute percentage error (as a
// fraction, over rows whose true value is non-zero), plus the pinball loss and coverage of a quantile prediction.

export function rmse(pred: ArrayLike<number>, y: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += (pred[i] - y[i]) ** 2;
  return Math.sqrt(s / y.length);
}

export function mae(pred: ArrayLike<number>, y: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += Math.abs(pred[i] - y[i]);
  return s / y.length;
}

export function mape(pred: ArrayLike<number>, y: ArrayLike<number>): number {
  let s = 0;
  let n = 0;
  for (let i = 0; i < y.length; i++) {
    if (y[i] === 0) continue;
    s += Math.abs((pred[i] - y[i]) / y[i]);
    n++;
  }
  return n ? s / n : NaN;
}

/** Fraction of rows with y ≤ pred (for a q-quantile model this should be ≈ q). */
export function coverage(pred: ArrayLike<number>, y: ArrayLike<number>): number {
  let c = 0;
  for (let i = 0; i < y.length; i++) if (y[i] <= pred[i]) c++;
  return c / y.length;
}

/** Mean pinball (quantile) loss at `alpha`: alpha·(y − pred) when under-predicting, (1 − alpha)·(pred − y) otherwise. */
export function pinballLoss(pred: ArrayLike<number>, y: ArrayLike<number>, alpha: number): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) {
    const r = y[i] - pred[i];
    s += r >= 0 ? alpha * r : (alpha - 1) * r;
  }
  return s / y.length;
}
