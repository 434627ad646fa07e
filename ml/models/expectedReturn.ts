// The expected-return model: from deal histories to a point estimate of a deal's realized return (GBDT, squared
// error) and an interval (two quantile GBDTs, default 10% and 90%), from the deal's features at its scoring time.
//
// Training rows: one per deal that has a recorded outcome (realized return) by `asOf`; features at the deal's
// cutoff (default: a day after creation), label known at the outcome time. Split by time (ml/features/dealFeatures
// `splitWindows`): a training row's return was known before the validation window began, a validation row's before
// the test window began. Early stopping uses the validation window; the interval is then conformalized on it (CQR,
// Romano et al. 2019: the interval is widened — or narrowed — by the validation window's conformity quantile) so
// its held-out coverage is close to the nominal one even when the quantile trees over- or under-fit. Metrics are
// reported on the test window. Fewer than MIN_RETURN_ROWS deals with outcomes → `not_enough_data`.

import { toRowMajor } from "../data/dataset";
import {
  buildDealFeatures,
  categoriesOfRecords,
  DEAL_FEATURE_SPEC,
  defaultDealCutoff,
  explainRecord,
  latestDealTime,
  outcomeOf,
  recordsToDataset,
  splitWindows,
  type DealFeatures,
  type DealHistory,
  type Factor,
} from "../features/dealFeatures";
import { gainImportance, type FeatureImportance } from "../gbdt/importance";
import type { ModelJson } from "../gbdt/modelFormat";
import type { TrainParams } from "../gbdt/params";
import { loadModel, type Scorer } from "../gbdt/scorer";
import { train } from "../gbdt/train";
import { mae, pinballLoss, rmse } from "../metrics/regression";

/** Fewer deals with a realized return than this (all windows together): not enough data. */
export const MIN_RETURN_ROWS = 300;
/** Fewer rows than this in any window: not enough data. */
export const MIN_WINDOW_ROWS = 50;

export const DEFAULT_RETURN_PARAMS: Partial<TrainParams> = {
  trees: 600,
  maxDepth: 3,
  learningRate: 0.05,
  minChildWeight: 10,
  lambda: 1,
  earlyStoppingRounds: 30,
  seed: 0,
};

export interface ReturnRow {
  dealId: string;
  cutoff: number;
  /** When the realized return was recorded. */
  knownAt: number;
  features: DealFeatures;
  realizedReturn: number;
}

export interface ReturnRowOptions {
  /** "Now": outcomes recorded at or after it are unknown. Default: the latest event in the data. */
  asOf?: number;
  /** Scoring time of a deal (default: a day after creation). */
  cutoffOf?: (deal: DealHistory) => number;
}

export interface ExpectedReturnOptions extends ReturnRowOptions {
  params?: Partial<TrainParams>;
  /** The interval's quantiles (default 0.1 and 0.9). */
  interval?: [number, number];
  /** Conformalize the interval on the validation window (default true). */
  conformal?: boolean;
  validationFraction?: number;
  testFraction?: number;
}

/** The exported model: three GBDTs in the standard model format plus the interval settings. */
export interface ExpectedReturnModelJson {
  kind: "expected_return";
  version: 1;
  point: ModelJson;
  low: ModelJson;
  high: ModelJson;
  interval: { lowAlpha: number; highAlpha: number; widening: number };
}

export interface ReturnWindowMetrics {
  rows: number;
  rmse: number;
  mae: number;
  /** RMSE of predicting the training window's mean return for every deal. */
  baselineRmse: number;
  /** Share of rows with low ≤ realized ≤ high. */
  coverage: number;
  belowLow: number;
  aboveHigh: number;
  meanWidth: number;
  pinballLow: number;
  pinballHigh: number;
}

export interface TrainedReturnModel {
  status: "trained";
  model: ExpectedReturnModelJson;
  split: { validationStart: number; testStart: number; trainRows: number; validationRows: number; testRows: number; embargoedRows: number };
  metrics: { test: ReturnWindowMetrics; testUnconformalized: ReturnWindowMetrics; validation: ReturnWindowMetrics };
  importance: FeatureImportance[];
  heldOut: { dealIds: string[]; realized: Float64Array; expected: Float64Array; low: Float64Array; high: Float64Array };
}

export interface NotEnoughReturnData {
  status: "not_enough_data";
  rows: number;
  needed: { rows: number };
  reason: string;
}

export type ExpectedReturnResult = TrainedReturnModel | NotEnoughReturnData;

/** Point-in-time rows of deals whose realized return was recorded before `asOf`, ordered by cutoff. */
export function buildReturnRows(deals: DealHistory[], options: ReturnRowOptions = {}): ReturnRow[] {
  const asOf = options.asOf ?? latestDealTime(deals);
  const cutoffOf = options.cutoffOf ?? defaultDealCutoff;
  const rows: ReturnRow[] = [];
  for (const d of deals) {
    const outcome = outcomeOf(d);
    const cutoff = cutoffOf(d);
    if (!outcome || outcome.at >= asOf || outcome.at < cutoff) continue;
    rows.push({ dealId: d.dealId, cutoff, knownAt: outcome.at, features: buildDealFeatures(d, cutoff), realizedReturn: outcome.realizedReturn });
  }
  return rows.sort((a, b) => a.cutoff - b.cutoff || (a.dealId < b.dealId ? -1 : 1));
}

function intervalMetrics(y: Float64Array, point: Float64Array, low: Float64Array, high: Float64Array, mean: number, alphas: [number, number]): ReturnWindowMetrics {
  let inside = 0;
  let below = 0;
  let above = 0;
  let width = 0;
  for (let i = 0; i < y.length; i++) {
    if (y[i] < low[i]) below++;
    else if (y[i] > high[i]) above++;
    else inside++;
    width += high[i] - low[i];
  }
  const n = y.length;
  return {
    rows: n,
    rmse: rmse(point, y),
    mae: mae(point, y),
    baselineRmse: rmse(new Float64Array(n).fill(mean), y),
    coverage: inside / n,
    belowLow: below / n,
    aboveHigh: above / n,
    meanWidth: width / n,
    pinballLow: pinballLoss(low, y, alphas[0]),
    pinballHigh: pinballLoss(high, y, alphas[1]),
  };
}

/** Sorted low/high (quantile models can cross) widened by `widening` on each side. */
function interval(lowRaw: Float64Array, highRaw: Float64Array, widening: number): { low: Float64Array; high: Float64Array } {
  const low = new Float64Array(lowRaw.length);
  const high = new Float64Array(lowRaw.length);
  for (let i = 0; i < low.length; i++) {
    const a = Math.min(lowRaw[i], highRaw[i]) - widening;
    const b = Math.max(lowRaw[i], highRaw[i]) + widening;
    low[i] = Math.min(a, b);
    high[i] = Math.max(a, b);
  }
  return { low, high };
}

/** Trains the point and interval models and evaluates them on the test window, or says there is not enough data. */
export function trainExpectedReturn(deals: DealHistory[], options: ExpectedReturnOptions = {}): ExpectedReturnResult {
  const rows = buildReturnRows(deals, options);
  const notEnough = (reason: string): NotEnoughReturnData => ({ status: "not_enough_data", rows: rows.length, needed: { rows: MIN_RETURN_ROWS }, reason });
  if (rows.length < MIN_RETURN_ROWS) return notEnough(`${rows.length} deals with a realized return; need at least ${MIN_RETURN_ROWS}`);
  const split = splitWindows(rows, options.validationFraction ?? 0.25, options.testFraction ?? 0.2);
  for (const [name, w] of [["training", split.train], ["validation", split.validation], ["test", split.test]] as const) {
    if (w.length < MIN_WINDOW_ROWS) return notEnough(`the ${name} window has ${w.length} deals with a known return; need at least ${MIN_WINDOW_ROWS}`);
  }
  const alphas = options.interval ?? [0.1, 0.9];
  if (!(alphas[0] > 0 && alphas[0] < alphas[1] && alphas[1] < 1)) throw new Error(`interval must be two quantiles 0 < low < high < 1, got ${alphas.join(", ")}`);

  const categories = categoriesOfRecords(DEAL_FEATURE_SPEC, split.train.map((r) => r.features));
  const dataset = (w: ReturnRow[]) => ({
    data: recordsToDataset(DEAL_FEATURE_SPEC, w.map((r) => r.features), categories),
    labels: { y: Float64Array.from(w, (r) => r.realizedReturn) },
  });
  const fit = dataset(split.train);
  const valid = dataset(split.validation);
  const test = dataset(split.test);
  const base: Partial<TrainParams> = { ...DEFAULT_RETURN_PARAMS, ...options.params };
  const point = train(fit.data, fit.labels, { ...base, objective: "squared" }, { validation: valid }).model;
  const low = train(fit.data, fit.labels, { ...base, objective: "quantile", alpha: alphas[0] }, { validation: valid }).model;
  const high = train(fit.data, fit.labels, { ...base, objective: "quantile", alpha: alphas[1] }, { validation: valid }).model;

  const predict = (m: ModelJson, d: typeof valid) => loadModel(m).predictBatch(toRowMajor(d.data), d.data.rows);
  // Conformalized quantile regression on the validation window.
  const vLow = predict(low, valid);
  const vHigh = predict(high, valid);
  let widening = 0;
  if (options.conformal ?? true) {
    const raw = interval(vLow, vHigh, 0);
    const scores = Float64Array.from(valid.labels.y, (y, i) => Math.max(raw.low[i] - y, y - raw.high[i])).sort();
    const n = scores.length;
    const level = alphas[1] - alphas[0];
    widening = scores[Math.min(n - 1, Math.ceil((n + 1) * level) - 1)];
  }
  const model: ExpectedReturnModelJson = { kind: "expected_return", version: 1, point, low, high, interval: { lowAlpha: alphas[0], highAlpha: alphas[1], widening } };

  const mean = fit.labels.y.reduce((s, v) => s + v, 0) / fit.labels.y.length;
  const tPoint = predict(point, test);
  const tLowRaw = predict(low, test);
  const tHighRaw = predict(high, test);
  const tInterval = interval(tLowRaw, tHighRaw, widening);
  const tRaw = interval(tLowRaw, tHighRaw, 0);
  const vInterval = interval(vLow, vHigh, widening);
  const metrics = {
    test: intervalMetrics(test.labels.y, tPoint, tInterval.low, tInterval.high, mean, alphas),
    testUnconformalized: intervalMetrics(test.labels.y, tPoint, tRaw.low, tRaw.high, mean, alphas),
    validation: intervalMetrics(valid.labels.y, predict(point, valid), vInterval.low, vInterval.high, mean, alphas),
  };
  for (const [k, v] of Object.entries(metrics.test)) point.training.metrics[`test_${k}`] = v;
  point.training.metrics.intervalWidening = widening;

  return {
    status: "trained",
    model,
    split: {
      validationStart: split.validationStart,
      testStart: split.testStart,
      trainRows: split.train.length,
      validationRows: split.validation.length,
      testRows: split.test.length,
      embargoedRows: split.embargoed,
    },
    metrics,
    importance: gainImportance(point),
    heldOut: { dealIds: split.test.map((r) => r.dealId), realized: test.labels.y, expected: tPoint, low: tInterval.low, high: tInterval.high },
  };
}

// ---- Scoring (scorer only) --------------------------------------------------------------------------------------

export interface LoadedReturnModel {
  json: ExpectedReturnModelJson;
  point: Scorer;
  low: Scorer;
  high: Scorer;
}

export function loadExpectedReturnModel(json: string | ExpectedReturnModelJson): LoadedReturnModel {
  const m = (typeof json === "string" ? JSON.parse(json) : json) as ExpectedReturnModelJson;
  if (m?.kind !== "expected_return" || m.version !== 1) throw new Error("not an expected-return model (kind expected_return, version 1)");
  return { json: m, point: loadModel(m.point), low: loadModel(m.low), high: loadModel(m.high) };
}

export interface ReturnScore {
  /** Expected realized return (fraction of price + repairs). */
  expected: number;
  /** The interval's ends (e.g. 10% and 90% quantiles), low ≤ high. */
  low: number;
  high: number;
  lowAlpha: number;
  highAlpha: number;
  /** TreeSHAP of the point estimate: baseValue + Σ factors + otherContribution = expected. */
  baseValue: number;
  factors: Factor[];
  otherContribution: number;
}

/** Scores one deal's features (from buildDealFeatures) with an exported or loaded expected-return model. */
export function scoreExpectedReturn(model: ExpectedReturnModelJson | LoadedReturnModel, features: DealFeatures, options: { maxFactors?: number } = {}): ReturnScore {
  const m = "point" in model && "predict" in model.point ? (model as LoadedReturnModel) : loadExpectedReturnModel(model as ExpectedReturnModelJson);
  const { row, baseValue, factors, otherContribution } = explainRecord(m.point, features, options.maxFactors);
  const { low, high } = interval(Float64Array.of(m.low.predict(m.low.encodeRecord(features))), Float64Array.of(m.high.predict(m.high.encodeRecord(features))), m.json.interval.widening);
  return {
    expected: m.point.predict(row),
    low: low[0],
    high: high[0],
    lowAlpha: m.json.interval.lowAlpha,
    highAlpha: m.json.interval.highAlpha,
    baseValue,
    factors,
    otherContribution,
  };
}
