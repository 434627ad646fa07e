// The lead-to-deal model: from lead histories to a calibrated GBDT that gives the probability a lead converts
// within `horizonDays` (default 90) of the moment it is scored, with a grade and its top TreeSHAP factors.
//
// Training rows: one per (lead, cutoff) for every cutoff at which the lead was open and whose label window had
// ended by `asOf` (features from events strictly before the cutoff, label = converted in [cutoff, cutoff + horizon)).
// Split by time, never at random: rows are ordered by cutoff; the earliest form the training window, then the
// validation window, then the test window. A training row is kept only if its label window ended by the start of
// the validation window, and a validation row only if its label window ended by the start of the test window
// (an embargo of one horizon), so no label used for fitting was unknown at the time the next window begins.
// Early stopping and the calibration (none, Platt or isotonic, chosen by cross-validation) use the validation window;
// metrics are reported on the test window.
// Below MIN_TRAINING_ROWS labelled rows or MIN_POSITIVES conversions the result is `not_enough_data` — the app
// then says the model is not yet trained instead of showing noise.

import { chooseCalibration, type CalibrationChoice } from "../calibration/chooseCalibration";
import { toRowMajor, type Dataset, type FeatureType, type Labels } from "../data/dataset";
import { buildLeadFeatures, DEFAULT_HORIZON_DAYS, FEATURE_SPEC, isOpenAt, labelAt, type FeatureName, type LeadFeatures } from "../features/leadFeatures";
import { DAY_MS, type LeadHistory, type OrgContext } from "../features/leadHistory";
import { gainImportance, type FeatureImportance } from "../gbdt/importance";
import type { ModelJson } from "../gbdt/modelFormat";
import type { TrainParams } from "../gbdt/params";
import { loadModel, type Scorer } from "../gbdt/scorer";
import { train } from "../gbdt/train";
import { type ClassificationSummary, classificationSummary } from "../metrics/classification";

/** Fewer labelled rows than this (all windows together): not enough data to train. */
export const MIN_TRAINING_ROWS = 2000;
/** Fewer conversions than this: not enough data (≈ 40 would land in the test window, AUC standard error ≈ 0.03). */
export const MIN_POSITIVES = 200;
/** Default cutoffs for real data: the lead's age in days when it is scored. */
export const SNAPSHOT_AGES_DAYS = [1, 7, 30, 90] as const;

/**
 * Shallow trees (depth 2: every pairwise interaction, e.g. source × response time) with early stopping. On the
 * synthetic histories these were the most consistent: test AUC 0.003–0.008 below the truth over 5 seeds of 60,000
 * leads, against 0.005–0.009 for depth 3 and 0.008–0.010 for depth 3 at learning rate 0.03 (see README).
 */
export const DEFAULT_LEAD_PARAMS: Partial<TrainParams> = {
  trees: 1000,
  maxDepth: 2,
  learningRate: 0.1,
  minChildWeight: 20,
  lambda: 5,
  subsample: 1,
  colsampleByTree: 1,
  earlyStoppingRounds: 40,
  seed: 0,
};

export interface TrainingRow {
  leadId: string;
  cutoff: number;
  features: LeadFeatures;
  label: 0 | 1;
}

export interface RowOptions {
  context?: OrgContext;
  horizonDays?: number;
  /** "Now" for the data: rows whose label window has not ended by then are left out. Default: the latest event or creation time. */
  asOf?: number;
  /** The cutoffs at which to score each lead (default: SNAPSHOT_AGES_DAYS after creation). */
  cutoffs?: (history: LeadHistory) => number[];
}

export interface LeadConversionOptions extends RowOptions {
  /** GBDT parameters merged over DEFAULT_LEAD_PARAMS (the objective is always binary). */
  params?: Partial<TrainParams>;
  /** Share of rows (by cutoff order) in the validation and test windows; defaults 0.25 and 0.2. */
  validationFraction?: number;
  testFraction?: number;
}

/** Size, positives, AUC, log-loss, Brier and ECE on one window. */
export type WindowMetrics = ClassificationSummary;

export interface TrainedLeadModel {
  status: "trained";
  model: ModelJson;
  horizonDays: number;
  split: { validationStart: number; testStart: number; trainRows: number; validationRows: number; testRows: number; embargoedRows: number };
  metrics: { test: WindowMetrics; testUncalibrated: WindowMetrics; validation: WindowMetrics };
  /** The calibration chosen on the validation window (none, Platt or isotonic) and each method's cross-validated log-loss. */
  calibrationChoice: CalibrationChoice;
  importance: FeatureImportance[];
  /** The test window's rows and calibrated predictions (for diagnostics and reliability plots). */
  heldOut: { leadIds: string[]; cutoffs: number[]; labels: Float64Array; probabilities: Float64Array };
}

export interface NotEnoughData {
  status: "not_enough_data";
  rows: number;
  positives: number;
  needed: { rows: number; positives: number };
  reason: string;
}

export type LeadConversionResult = TrainedLeadModel | NotEnoughData;

/** The default cutoffs of a lead: SNAPSHOT_AGES_DAYS after its creation. */
export function snapshotCutoffs(history: LeadHistory): number[] {
  return SNAPSHOT_AGES_DAYS.map((d) => history.createdAt + d * DAY_MS);
}

function latestTime(histories: LeadHistory[]): number {
  let t = -Infinity;
  for (const h of histories) {
    if (h.createdAt > t) t = h.createdAt;
    for (const e of h.events) if (e.at > t) t = e.at;
  }
  return t;
}

/** Point-in-time training rows, ordered by cutoff (then lead id). */
export function buildTrainingRows(histories: LeadHistory[], options: RowOptions = {}): TrainingRow[] {
  const horizonDays = options.horizonDays ?? DEFAULT_HORIZON_DAYS;
  const asOf = options.asOf ?? latestTime(histories);
  const cutoffsOf = options.cutoffs ?? snapshotCutoffs;
  const context = options.context ?? { buyBoxes: [] };
  const rows: TrainingRow[] = [];
  for (const h of histories) {
    for (const cutoff of cutoffsOf(h)) {
      if (cutoff + horizonDays * DAY_MS > asOf || !isOpenAt(h, cutoff)) continue;
      rows.push({ leadId: h.leadId, cutoff, features: buildLeadFeatures(h, cutoff, context), label: labelAt(h, cutoff, horizonDays) });
    }
  }
  return rows.sort((a, b) => a.cutoff - b.cutoff || (a.leadId < b.leadId ? -1 : a.leadId > b.leadId ? 1 : 0));
}

/** Category labels of each categorical feature as seen in `rows` (sorted), null for numeric features. */
export function categoriesOf(rows: TrainingRow[]): (string[] | null)[] {
  return FEATURE_SPEC.map((f) => {
    if (f.type !== "categorical") return null;
    const seen = new Set<string>();
    for (const r of rows) {
      const v = r.features[f.name];
      if (typeof v === "string") seen.add(v);
    }
    return [...seen].sort();
  });
}

/** Rows → the trainer's column-major dataset (category codes from `categories`; unknown categories → NaN). */
export function rowsToDataset(rows: TrainingRow[], categories: (string[] | null)[]): { data: Dataset; labels: Labels } {
  const index = categories.map((c) => (c ? new Map(c.map((label, i) => [label, i])) : null));
  const columns = FEATURE_SPEC.map((f, j) => {
    const col = new Float64Array(rows.length);
    for (let r = 0; r < rows.length; r++) {
      const v = rows[r].features[f.name];
      col[r] = f.type === "categorical" ? (typeof v === "string" ? (index[j]!.get(v) ?? NaN) : NaN) : typeof v === "number" ? v : NaN;
    }
    return col;
  });
  return {
    data: {
      rows: rows.length,
      featureNames: FEATURE_SPEC.map((f) => f.name),
      featureTypes: FEATURE_SPEC.map((f) => f.type as FeatureType),
      categories,
      columns,
    },
    labels: { y: Float64Array.from(rows, (r) => r.label) },
  };
}

export interface TimeSplit {
  validationStart: number;
  testStart: number;
  train: TrainingRow[];
  validation: TrainingRow[];
  test: TrainingRow[];
}

/**
 * Splits rows by time (keeping their order): the window starts are the cutoffs at quantiles 1 − validation − test and
 * 1 − test. Test = cutoff ≥ testStart; validation = validationStart ≤ cutoff and cutoff + horizon ≤ testStart;
 * train = cutoff + horizon ≤ validationStart. Rows whose label window straddles a window start are dropped.
 */
export function splitByTime(rows: TrainingRow[], horizonDays: number, validationFraction: number, testFraction: number): TimeSplit {
  const horizon = horizonDays * DAY_MS;
  const sorted = Float64Array.from(rows, (r) => r.cutoff).sort();
  const at = (q: number) => sorted[Math.min(rows.length - 1, Math.max(0, Math.floor(q * rows.length)))];
  const validationStart = at(1 - validationFraction - testFraction);
  const testStart = at(1 - testFraction);
  const out: TimeSplit = { validationStart, testStart, train: [], validation: [], test: [] };
  for (const r of rows) {
    if (r.cutoff >= testStart) out.test.push(r);
    else if (r.cutoff >= validationStart) {
      if (r.cutoff + horizon <= testStart) out.validation.push(r);
    } else if (r.cutoff + horizon <= validationStart) out.train.push(r);
  }
  return out;
}

const countPositives = (rows: TrainingRow[]) => rows.reduce((s, r) => s + r.label, 0);

/** Trains, calibrates and evaluates the lead-to-deal model, or says there is not enough data. */
export function trainLeadConversion(histories: LeadHistory[], options: LeadConversionOptions = {}): LeadConversionResult {
  const horizonDays = options.horizonDays ?? DEFAULT_HORIZON_DAYS;
  const rows = buildTrainingRows(histories, options);
  const positives = countPositives(rows);
  const needed = { rows: MIN_TRAINING_ROWS, positives: MIN_POSITIVES };
  const notEnough = (reason: string): NotEnoughData => ({ status: "not_enough_data", rows: rows.length, positives, needed, reason });
  if (rows.length < MIN_TRAINING_ROWS || positives < MIN_POSITIVES) {
    return notEnough(`${rows.length} labelled rows with ${positives} conversions; need at least ${MIN_TRAINING_ROWS} rows and ${MIN_POSITIVES} conversions`);
  }

  const { validationStart, testStart, train: trainRows, validation: validRows, test: testRows } = splitByTime(
    rows,
    horizonDays,
    options.validationFraction ?? 0.25,
    options.testFraction ?? 0.2,
  );
  for (const [name, w] of [["training", trainRows], ["validation", validRows], ["test", testRows]] as const) {
    const pos = countPositives(w);
    if (pos === 0 || pos === w.length) return notEnough(`the ${name} window (${w.length} rows) has ${pos === 0 ? "no conversions" : "only conversions"}`);
  }

  const categories = categoriesOf(trainRows);
  const fit = rowsToDataset(trainRows, categories);
  const valid = rowsToDataset(validRows, categories);
  const test = rowsToDataset(testRows, categories);
  const params: Partial<TrainParams> = { ...DEFAULT_LEAD_PARAMS, ...options.params, objective: "binary" };
  const { model } = train(fit.data, fit.labels, params, { validation: valid });

  const uncalibrated = loadModel(model);
  const validMargins = batchMargins(uncalibrated, valid.data);
  // None, Platt or isotonic: whichever predicts the validation window's held-out folds best (chooseCalibration.ts).
  const calibrationChoice = chooseCalibration(validMargins, valid.labels.y);
  model.calibration = calibrationChoice.calibration;
  const scorer = loadModel(model);
  const testProbabilities = scorer.predictBatch(toRowMajor(test.data), test.data.rows);
  const testRaw = batchMargins(uncalibrated, test.data).map((m) => 1 / (1 + Math.exp(-m)));

  const metrics = {
    test: classificationSummary(testProbabilities, test.labels.y),
    testUncalibrated: classificationSummary(testRaw, test.labels.y),
    validation: classificationSummary(scorer.predictBatch(toRowMajor(valid.data), valid.data.rows), valid.labels.y),
  };
  for (const [k, v] of Object.entries(metrics.test)) model.training.metrics[`test_${k}`] = v;
  model.training.metrics.horizonDays = horizonDays;
  for (const [method, loss] of Object.entries(calibrationChoice.crossValidatedLogLoss)) model.training.metrics[`calibration_cv_logloss_${method}`] = loss;

  return {
    status: "trained",
    model,
    horizonDays,
    split: {
      validationStart,
      testStart,
      trainRows: trainRows.length,
      validationRows: validRows.length,
      testRows: testRows.length,
      embargoedRows: rows.length - trainRows.length - validRows.length - testRows.length,
    },
    metrics,
    calibrationChoice,
    importance: gainImportance(model),
    heldOut: { leadIds: testRows.map((r) => r.leadId), cutoffs: testRows.map((r) => r.cutoff), labels: test.labels.y, probabilities: testProbabilities },
  };
}

function batchMargins(scorer: Scorer, data: Dataset): Float64Array {
  return scorer.predictMarginBatch(toRowMajor(data), data.rows);
}

// ---- Scoring ----------------------------------------------------------------------------------------------------

export type Grade = "A" | "B" | "C" | "D" | "F";
/** Grade by calibrated probability of converting within the horizon: the first grade whose `min` it reaches. */
export const GRADE_CUTOFFS: readonly { grade: Grade; min: number }[] = [
  { grade: "A", min: 0.4 },
  { grade: "B", min: 0.2 },
  { grade: "C", min: 0.1 },
  { grade: "D", min: 0.04 },
  { grade: "F", min: 0 },
];

export function gradeOf(probability: number): Grade {
  for (const g of GRADE_CUTOFFS) if (probability >= g.min) return g.grade;
  return "F";
}

export interface Factor {
  feature: FeatureName;
  value: number | string | null;
  /** TreeSHAP contribution to the raw margin (log-odds). */
  contribution: number;
  direction: "up" | "down";
}

export interface LeadScore {
  probability: number;
  grade: Grade;
  /** Raw margin (uncalibrated log-odds) = baseValue + Σ all contributions. */
  margin: number;
  baseValue: number;
  /** The largest |contribution| first, at most `maxFactors`, zero contributions left out. */
  factors: Factor[];
  /** Sum of the contributions not listed in `factors`. */
  otherContribution: number;
}

/** Scores one lead's features (from buildLeadFeatures) with a trained model or its loaded scorer. */
export function scoreLead(model: ModelJson | Scorer, features: LeadFeatures, options: { maxFactors?: number } = {}): LeadScore {
  const scorer = "predictMargin" in model ? model : loadModel(model);
  for (const name of scorer.featureNames) {
    if (!(name in features)) throw new Error(`the model needs feature "${name}", which the features do not have`);
  }
  const row = scorer.encodeRecord(features);
  const { baseValue, values } = scorer.contributions(row);
  const margin = scorer.predictMargin(row);
  const all: Factor[] = [];
  values.forEach((c, i) => {
    if (c === 0) return;
    const feature = scorer.featureNames[i] as FeatureName;
    all.push({ feature, value: features[feature], contribution: c, direction: c > 0 ? "up" : "down" });
  });
  all.sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution) || (a.feature < b.feature ? -1 : 1));
  const factors = all.slice(0, options.maxFactors ?? 5);
  const otherContribution = all.slice(factors.length).reduce((s, f) => s + f.contribution, 0);
  const probability = scorer.predict(row);
  return { probability, grade: gradeOf(probability), margin, baseValue, factors, otherContribution };
}
