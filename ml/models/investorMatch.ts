// The investor–deal match model: the probability that an investor answers "interested" (or invests) when a deal is
// shared with them, from the pair's fit at the share time — market and property-type match, price within the
// investor's range, underwritten return vs their target, capital available — plus a few deal facts. Business fields
// only: no name, age, ZIP or other protected attribute of the investor or the property is a feature (tested).
//
// Rows: one per share whose answer window (`windowDays`, default 14) ended by `asOf`; features at the share time
// (point in time: the deal's latest underwriting and the investor's preferences and capital recorded before it);
// label 1 if the investor said "interested" or invested within the window, else 0 (a pass or no answer). Split by
// share time with an embargo (`splitWindows`); early stopping and calibration (none, Platt or isotonic, by cross-validation) on the validation window,
// metrics on the test window. Below MIN_MATCH_ROWS shares or MIN_MATCH_POSITIVES / negatives: `not_enough_data`.
//
// `blendWithRules` mixes the model's probability with the rule-based matcher's 0–100 score (src/domain/matching).

import { chooseCalibration, type CalibrationChoice } from "../calibration/chooseCalibration";
import { toRowMajor } from "../data/dataset";
import {
  buildMatchFeatures,
  categoriesOfRecords,
  DAY_MS,
  explainRecord,
  MATCH_FEATURE_SPEC,
  matchLabel,
  recordsToDataset,
  splitWindows,
  type DealHistory,
  type DealShare,
  type Factor,
  type InvestorHistory,
  type MatchFeatures,
} from "../features/dealFeatures";
import { gainImportance, type FeatureImportance } from "../gbdt/importance";
import type { ModelJson } from "../gbdt/modelFormat";
import type { TrainParams } from "../gbdt/params";
import { loadModel, type Scorer } from "../gbdt/scorer";
import { train } from "../gbdt/train";
import { type ClassificationSummary, classificationSummary } from "../metrics/classification";

export const MIN_MATCH_ROWS = 1000;
/** Fewer interested (or, separately, fewer passed) shares than this: not enough data. */
export const MIN_MATCH_POSITIVES = 100;
export const DEFAULT_ANSWER_WINDOW_DAYS = 14;

export const DEFAULT_MATCH_PARAMS: Partial<TrainParams> = {
  trees: 800,
  maxDepth: 3,
  learningRate: 0.05,
  minChildWeight: 10,
  lambda: 5,
  earlyStoppingRounds: 40,
  seed: 0,
};

export interface MatchRow {
  dealId: string;
  investorId: string;
  /** The share time (the features' cutoff). */
  cutoff: number;
  /** End of the answer window (when the label is known). */
  knownAt: number;
  features: MatchFeatures;
  label: 0 | 1;
}

export interface MatchData {
  deals: DealHistory[];
  investors: InvestorHistory[];
  shares: DealShare[];
}

export interface MatchRowOptions {
  asOf?: number;
  windowDays?: number;
}

export interface InvestorMatchOptions extends MatchRowOptions {
  params?: Partial<TrainParams>;
  validationFraction?: number;
  testFraction?: number;
}

/** Size, positives, AUC, log-loss, Brier and ECE on one window. */
export type MatchWindowMetrics = ClassificationSummary;

export interface TrainedMatchModel {
  status: "trained";
  /** A binary GBDT in the standard model format, carrying its calibration (if one beat none). */
  model: ModelJson;
  windowDays: number;
  split: { validationStart: number; testStart: number; trainRows: number; validationRows: number; testRows: number; embargoedRows: number };
  metrics: { test: MatchWindowMetrics; testUncalibrated: MatchWindowMetrics; validation: MatchWindowMetrics };
  /** The calibration chosen on the validation window and each method's cross-validated log-loss. */
  calibrationChoice: CalibrationChoice;
  importance: FeatureImportance[];
  heldOut: { dealIds: string[]; investorIds: string[]; sharedAt: number[]; labels: Float64Array; probabilities: Float64Array };
}

export interface NotEnoughMatchData {
  status: "not_enough_data";
  rows: number;
  positives: number;
  needed: { rows: number; positives: number };
  reason: string;
}

export type InvestorMatchResult = TrainedMatchModel | NotEnoughMatchData;

/** Point-in-time rows of the shares whose answer window ended by `asOf`, ordered by share time. */
export function buildMatchRows(data: MatchData, options: MatchRowOptions = {}): MatchRow[] {
  const windowDays = options.windowDays ?? DEFAULT_ANSWER_WINDOW_DAYS;
  let asOf = options.asOf ?? -Infinity;
  if (options.asOf === undefined) {
    for (const s of data.shares) asOf = Math.max(asOf, s.sharedAt, s.response?.at ?? -Infinity, s.investment?.at ?? -Infinity);
  }
  const deals = new Map(data.deals.map((d) => [d.dealId, d]));
  const investors = new Map(data.investors.map((i) => [i.investorId, i]));
  const rows: MatchRow[] = [];
  for (const s of data.shares) {
    const knownAt = s.sharedAt + windowDays * DAY_MS;
    const deal = deals.get(s.dealId);
    const investor = investors.get(s.investorId);
    if (knownAt > asOf || !deal || !investor) continue;
    rows.push({ dealId: s.dealId, investorId: s.investorId, cutoff: s.sharedAt, knownAt, features: buildMatchFeatures(deal, investor, s.sharedAt), label: matchLabel(s, windowDays) });
  }
  return rows.sort((a, b) => a.cutoff - b.cutoff || (a.dealId < b.dealId ? -1 : a.dealId > b.dealId ? 1 : a.investorId < b.investorId ? -1 : 1));
}

const countPositives = (rows: MatchRow[]) => rows.reduce((s, r) => s + r.label, 0);

/** Trains, calibrates and evaluates the match model, or says there is not enough data. */
export function trainInvestorMatch(data: MatchData, options: InvestorMatchOptions = {}): InvestorMatchResult {
  const windowDays = options.windowDays ?? DEFAULT_ANSWER_WINDOW_DAYS;
  const rows = buildMatchRows(data, options);
  const positives = countPositives(rows);
  const needed = { rows: MIN_MATCH_ROWS, positives: MIN_MATCH_POSITIVES };
  const notEnough = (reason: string): NotEnoughMatchData => ({ status: "not_enough_data", rows: rows.length, positives, needed, reason });
  if (rows.length < MIN_MATCH_ROWS || positives < MIN_MATCH_POSITIVES || rows.length - positives < MIN_MATCH_POSITIVES) {
    return notEnough(
      `${rows.length} answered shares with ${positives} interested; need at least ${MIN_MATCH_ROWS} shares and ${MIN_MATCH_POSITIVES} interested and passed each`,
    );
  }
  const split = splitWindows(rows, options.validationFraction ?? 0.25, options.testFraction ?? 0.2);
  for (const [name, w] of [["training", split.train], ["validation", split.validation], ["test", split.test]] as const) {
    const pos = countPositives(w);
    if (pos === 0 || pos === w.length) return notEnough(`the ${name} window (${w.length} shares) has ${pos === 0 ? "no interested answers" : "only interested answers"}`);
  }

  const categories = categoriesOfRecords(MATCH_FEATURE_SPEC, split.train.map((r) => r.features));
  const dataset = (w: MatchRow[]) => ({
    data: recordsToDataset(MATCH_FEATURE_SPEC, w.map((r) => r.features), categories),
    labels: { y: Float64Array.from(w, (r) => r.label) },
  });
  const fit = dataset(split.train);
  const valid = dataset(split.validation);
  const test = dataset(split.test);
  const params: Partial<TrainParams> = { ...DEFAULT_MATCH_PARAMS, ...options.params, objective: "binary" };
  const { model } = train(fit.data, fit.labels, params, { validation: valid });

  const uncalibrated = loadModel(model);
  const sigmoid = (m: number) => 1 / (1 + Math.exp(-m));
  // None, Platt or isotonic: whichever predicts the validation window's held-out folds best (chooseCalibration.ts).
  const calibrationChoice = chooseCalibration(uncalibrated.predictMarginBatch(toRowMajor(valid.data), valid.data.rows), valid.labels.y);
  model.calibration = calibrationChoice.calibration;
  const scorer = loadModel(model);
  const testProbabilities = scorer.predictBatch(toRowMajor(test.data), test.data.rows);
  const testRaw = uncalibrated.predictMarginBatch(toRowMajor(test.data), test.data.rows).map(sigmoid);
  const metrics = {
    test: classificationSummary(testProbabilities, test.labels.y),
    testUncalibrated: classificationSummary(testRaw, test.labels.y),
    validation: classificationSummary(scorer.predictBatch(toRowMajor(valid.data), valid.data.rows), valid.labels.y),
  };
  for (const [k, v] of Object.entries(metrics.test)) model.training.metrics[`test_${k}`] = v;
  model.training.metrics.windowDays = windowDays;

  return {
    status: "trained",
    model,
    windowDays,
    split: {
      validationStart: split.validationStart,
      testStart: split.testStart,
      trainRows: split.train.length,
      validationRows: split.validation.length,
      testRows: split.test.length,
      embargoedRows: split.embargoed,
    },
    metrics,
    calibrationChoice,
    importance: gainImportance(model),
    heldOut: {
      dealIds: split.test.map((r) => r.dealId),
      investorIds: split.test.map((r) => r.investorId),
      sharedAt: split.test.map((r) => r.cutoff),
      labels: test.labels.y,
      probabilities: testProbabilities,
    },
  };
}

// ---- Scoring (scorer only) --------------------------------------------------------------------------------------

export interface MatchScore {
  /** Calibrated probability that the investor is interested. */
  probability: number;
  /** Raw margin (uncalibrated log-odds) = baseValue + Σ factors + otherContribution. */
  margin: number;
  baseValue: number;
  factors: Factor[];
  otherContribution: number;
}

/** Scores one investor × deal pair's features (from buildMatchFeatures at the time of scoring). */
export function scoreInvestorMatch(model: ModelJson | Scorer, features: MatchFeatures, options: { maxFactors?: number } = {}): MatchScore {
  const scorer = "predictMargin" in model ? model : loadModel(model);
  const { row, baseValue, factors, otherContribution } = explainRecord(scorer, features, options.maxFactors);
  return { probability: scorer.predict(row), margin: scorer.predictMargin(row), baseValue, factors, otherContribution };
}

/**
 * Blends the rule-based matcher's score (0–100) with the model's probability: (1 − weight)·rule + weight·100·p,
 * on the 0–100 scale. weight 0 = rules only, 1 = model only. Non-finite inputs are rejected; the rule score is
 * clamped to 0–100 and the probability to 0–1.
 */
export function blendWithRules(ruleScore0to100: number, modelProbability: number, weight: number): number {
  if (!Number.isFinite(ruleScore0to100) || !Number.isFinite(modelProbability) || !Number.isFinite(weight)) {
    throw new Error("blendWithRules needs finite numbers");
  }
  if (weight < 0 || weight > 1) throw new Error(`blend weight must be in [0, 1], got ${weight}`);
  const rule = Math.min(100, Math.max(0, ruleScore0to100));
  const p = Math.min(1, Math.max(0, modelProbability));
  return (1 - weight) * rule + weight * 100 * p;
}
