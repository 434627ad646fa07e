// The time-to-close model: a Cox proportional-hazards GBDT (objective "cox") on deals' features at their scoring
// time, with deals still open or lost treated as censored, plus a Breslow baseline cumulative hazard, giving
// P(close within h days) = 1 − exp(−H₀(h) · exp(margin)) for h = 30, 60, 90 (monotone in h because H₀ is).
//
// Rows: one per deal, scored at its cutoff (default: a day after creation). Split by time (cutoff quantiles 0.55
// and 0.8) and each window's follow-up ends where the next window begins: a training deal's time is measured to its
// close, its loss or the validation start, whichever comes first (event = closed before the validation start); a
// validation deal's to the test start; a test deal's to `asOf`. So nothing fitted saw an outcome that happened after
// the window it was fitted in; no embargo is needed. Early stopping and the Breslow baseline use the validation
// window (the trained margins on the training rows are over-fitted, which would bias the baseline); concordance and a
// Kaplan–Meier calibration check are reported on the test window.
//
// The probability is the net one: closing in the absence of losing the deal (lost deals are censored, as the Cox
// partial likelihood needs). The GBDT model format has no slot for a baseline hazard, so the exported model wraps
// the standard model JSON with the baseline (`TimeToCloseModelJson`).

import { toRowMajor } from "../data/dataset";
import {
  buildDealFeatures,
  categoriesOfRecords,
  DAY_MS,
  DEAL_FEATURE_SPEC,
  defaultDealCutoff,
  explainRecord,
  isDealOpenAt,
  latestDealTime,
  recordsToDataset,
  stageTime,
  type DealFeatures,
  type DealHistory,
  type Factor,
} from "../features/dealFeatures";
import { gainImportance, type FeatureImportance } from "../gbdt/importance";
import type { ModelJson } from "../gbdt/modelFormat";
import type { TrainParams } from "../gbdt/params";
import { loadModel, type Scorer } from "../gbdt/scorer";
import { train } from "../gbdt/train";
import { concordanceIndex } from "../metrics/concordance";

/** Fewer deals than this, or fewer closings in the training window than MIN_CLOSES: not enough data. */
export const MIN_DEALS = 300;
export const MIN_CLOSES = 100;
/** Fewer closings than this in the validation or test window: not enough data. */
export const MIN_WINDOW_CLOSES = 20;
export const DEFAULT_HORIZONS_DAYS = [30, 60, 90] as const;

export const DEFAULT_CLOSE_PARAMS: Partial<TrainParams> = {
  trees: 600,
  maxDepth: 2,
  learningRate: 0.05,
  minChildWeight: 5,
  lambda: 5,
  earlyStoppingRounds: 30,
  seed: 0,
};

export interface CloseDeal {
  dealId: string;
  cutoff: number;
  features: DealFeatures;
  /** First closed / lost stage times (epoch ms), null if none recorded. */
  closedAt: number | null;
  lostAt: number | null;
}

export interface SurvivalRow extends CloseDeal {
  /** Days from the cutoff to the close, the loss or the end of follow-up. */
  days: number;
  /** 1 = closed at `days`, 0 = censored (lost or still open at the end of follow-up). */
  closed: 0 | 1;
}

export interface CloseRowOptions {
  asOf?: number;
  cutoffOf?: (deal: DealHistory) => number;
}

export interface TimeToCloseOptions extends CloseRowOptions {
  params?: Partial<TrainParams>;
  horizonsDays?: number[];
  validationFraction?: number;
  testFraction?: number;
}

export interface TimeToCloseModelJson {
  kind: "time_to_close";
  version: 1;
  model: ModelJson;
  /** Breslow cumulative baseline hazard H₀(d) at whole days d = 0, 1, …, maxDays (hazard ratio exp(margin) = 1). */
  baseline: { cumulativeHazard: number[]; maxDays: number };
  horizonsDays: number[];
}

export interface HorizonCalibration {
  days: number;
  /** Mean predicted P(close within days). */
  predicted: number;
  /** 1 − Kaplan–Meier survival at `days` (lost deals censored). */
  observed: number;
}

export interface TrainedCloseModel {
  status: "trained";
  model: TimeToCloseModelJson;
  split: { validationStart: number; testStart: number; trainRows: number; validationRows: number; testRows: number };
  metrics: {
    test: { rows: number; closes: number; concordance: number; calibration: HorizonCalibration[] };
    validation: { rows: number; closes: number; concordance: number };
    train: { rows: number; closes: number };
  };
  importance: FeatureImportance[];
  heldOut: { dealIds: string[]; days: Float64Array; closed: Uint8Array; margins: Float64Array; probabilities: Float64Array[] };
}

export interface NotEnoughCloseData {
  status: "not_enough_data";
  rows: number;
  closes: number;
  needed: { rows: number; closes: number };
  reason: string;
}

export type TimeToCloseResult = TrainedCloseModel | NotEnoughCloseData;

/** Deals open at their cutoff (before `asOf`), with features at the cutoff, ordered by cutoff. */
export function buildCloseDeals(deals: DealHistory[], options: CloseRowOptions = {}): CloseDeal[] {
  const asOf = options.asOf ?? latestDealTime(deals);
  const cutoffOf = options.cutoffOf ?? defaultDealCutoff;
  const out: CloseDeal[] = [];
  for (const d of deals) {
    const cutoff = cutoffOf(d);
    if (cutoff >= asOf || !isDealOpenAt(d, cutoff)) continue;
    out.push({ dealId: d.dealId, cutoff, features: buildDealFeatures(d, cutoff), closedAt: stageTime(d, "closed"), lostAt: stageTime(d, "lost") });
  }
  return out.sort((a, b) => a.cutoff - b.cutoff || (a.dealId < b.dealId ? -1 : 1));
}

/** The survival label of a deal with follow-up ending at `end` (only events before `end` count); null if none. */
export function survivalLabel(d: CloseDeal, end: number): SurvivalRow | null {
  if (d.cutoff >= end) return null;
  const closed = d.closedAt !== null && d.closedAt < end ? 1 : 0;
  const stop = closed ? d.closedAt! : Math.min(end, d.lostAt !== null && d.lostAt < end ? d.lostAt : end);
  const days = (stop - d.cutoff) / DAY_MS;
  return days > 0 ? { ...d, days, closed } : null;
}

/** Breslow estimator of H₀ at whole days 0..maxDays from margins f: H₀(t) = Σ_{closings tᵢ ≤ t} 1 / Σ_{tⱼ ≥ tᵢ} e^{fⱼ}. */
export function breslowBaseline(days: ArrayLike<number>, closed: ArrayLike<number>, margins: ArrayLike<number>, maxDays: number): number[] {
  const n = days.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => days[a] - days[b]);
  let shift = -Infinity;
  for (let i = 0; i < n; i++) shift = Math.max(shift, margins[i]);
  let atRisk = 0;
  for (let i = 0; i < n; i++) atRisk += Math.exp(margins[i] - shift);
  const H = new Array<number>(maxDays + 1).fill(0);
  let acc = 0;
  let day = 0;
  for (let k = 0; k < n; ) {
    let end = k;
    while (end + 1 < n && days[order[end + 1]] === days[order[k]]) end++;
    const t = days[order[k]];
    let events = 0;
    for (let m = k; m <= end; m++) events += closed[order[m]];
    // Whole days d < t get the hazard accumulated before t (so H[d] counts the closings at times ≤ d).
    while (day < Math.min(maxDays + 1, Math.ceil(t))) H[day++] = acc;
    if (events > 0 && atRisk > 0) acc += events / (atRisk * Math.exp(shift));
    for (let m = k; m <= end; m++) atRisk -= Math.exp(margins[order[m]] - shift);
    k = end + 1;
  }
  while (day <= maxDays) H[day++] = acc;
  return H;
}

/** 1 − Kaplan–Meier survival at `at` days. */
export function kaplanMeierClosed(days: ArrayLike<number>, closed: ArrayLike<number>, at: number): number {
  const order = Array.from({ length: days.length }, (_, i) => i).sort((a, b) => days[a] - days[b]);
  let atRisk = days.length;
  let s = 1;
  for (let k = 0; k < order.length; ) {
    const t = days[order[k]];
    if (t > at) break;
    let end = k;
    while (end + 1 < order.length && days[order[end + 1]] === t) end++;
    let events = 0;
    for (let m = k; m <= end; m++) events += closed[order[m]];
    if (atRisk > 0) s *= 1 - events / atRisk;
    atRisk -= end - k + 1;
    k = end + 1;
  }
  return 1 - s;
}

const countCloses = (rows: SurvivalRow[]) => rows.reduce((s, r) => s + r.closed, 0);

/** Trains the time-to-close model and evaluates it on the test window, or says there is not enough data. */
export function trainTimeToClose(deals: DealHistory[], options: TimeToCloseOptions = {}): TimeToCloseResult {
  const asOf = options.asOf ?? latestDealTime(deals);
  const all = buildCloseDeals(deals, { ...options, asOf });
  const horizons = options.horizonsDays ?? [...DEFAULT_HORIZONS_DAYS];
  const sorted = Float64Array.from(all, (r) => r.cutoff).sort();
  const at = (q: number) => sorted[Math.min(all.length - 1, Math.max(0, Math.floor(q * all.length)))];
  const validationFraction = options.validationFraction ?? 0.25;
  const testFraction = options.testFraction ?? 0.2;
  const validationStart = all.length ? at(1 - validationFraction - testFraction) : 0;
  const testStart = all.length ? at(1 - testFraction) : 0;
  const label = (rows: CloseDeal[], end: number) => rows.map((d) => survivalLabel(d, end)).filter((r): r is SurvivalRow => r !== null);
  const trainRows = label(all.filter((d) => d.cutoff < validationStart), validationStart);
  const validRows = label(all.filter((d) => d.cutoff >= validationStart && d.cutoff < testStart), testStart);
  const testRows = label(all.filter((d) => d.cutoff >= testStart), asOf);
  const closes = countCloses(trainRows);
  const needed = { rows: MIN_DEALS, closes: MIN_CLOSES };
  const notEnough = (reason: string): NotEnoughCloseData => ({ status: "not_enough_data", rows: all.length, closes, needed, reason });
  if (all.length < MIN_DEALS || closes < MIN_CLOSES) {
    return notEnough(`${all.length} deals with ${closes} closings in the training window; need at least ${MIN_DEALS} deals and ${MIN_CLOSES} closings`);
  }
  for (const [name, w] of [["validation", validRows], ["test", testRows]] as const) {
    const c = countCloses(w);
    if (c < MIN_WINDOW_CLOSES) return notEnough(`the ${name} window has ${c} closings; need at least ${MIN_WINDOW_CLOSES}`);
  }
  const maxHorizon = Math.max(...horizons);
  const validationFollowUp = (testStart - validationStart) / DAY_MS;
  if (validationFollowUp < maxHorizon) {
    return notEnough(`the validation window spans ${validationFollowUp.toFixed(0)} days; the ${maxHorizon}-day baseline needs at least that`);
  }

  const categories = categoriesOfRecords(DEAL_FEATURE_SPEC, trainRows.map((r) => r.features));
  const dataset = (w: SurvivalRow[]) => ({
    data: recordsToDataset(DEAL_FEATURE_SPEC, w.map((r) => r.features), categories),
    labels: { y: Float64Array.from(w, (r) => r.days), event: Uint8Array.from(w, (r) => r.closed) },
  });
  const fit = dataset(trainRows);
  const valid = dataset(validRows);
  const test = dataset(testRows);
  const params: Partial<TrainParams> = { ...DEFAULT_CLOSE_PARAMS, ...options.params, objective: "cox" };
  const { model: gbdt } = train(fit.data, fit.labels, params, { validation: valid });
  const scorer = loadModel(gbdt);
  const vMargins = scorer.predictMarginBatch(toRowMajor(valid.data), valid.data.rows);
  const maxDays = Math.min(365, Math.floor(validationFollowUp));
  const cumulativeHazard = breslowBaseline(valid.labels.y, valid.labels.event, vMargins, maxDays);
  const model: TimeToCloseModelJson = { kind: "time_to_close", version: 1, model: gbdt, baseline: { cumulativeHazard, maxDays }, horizonsDays: horizons };

  const tMargins = scorer.predictMarginBatch(toRowMajor(test.data), test.data.rows);
  const probabilities = horizons.map((h) => tMargins.map((m) => closeProbability(model, m, h)));
  const calibration = horizons.map((days, k) => ({
    days,
    predicted: probabilities[k].reduce((s, p) => s + p, 0) / probabilities[k].length,
    observed: kaplanMeierClosed(test.labels.y, test.labels.event, days),
  }));
  const metrics = {
    test: { rows: testRows.length, closes: countCloses(testRows), concordance: concordanceIndex(test.labels.y, test.labels.event, tMargins), calibration },
    validation: { rows: validRows.length, closes: countCloses(validRows), concordance: concordanceIndex(valid.labels.y, valid.labels.event, vMargins) },
    train: { rows: trainRows.length, closes },
  };
  gbdt.training.metrics.test_concordance = metrics.test.concordance;
  gbdt.training.metrics.validation_concordance = metrics.validation.concordance;
  for (const c of calibration) {
    gbdt.training.metrics[`test_predicted_${c.days}d`] = c.predicted;
    gbdt.training.metrics[`test_observed_${c.days}d`] = c.observed;
  }
  return {
    status: "trained",
    model,
    split: { validationStart, testStart, trainRows: trainRows.length, validationRows: validRows.length, testRows: testRows.length },
    metrics,
    importance: gainImportance(gbdt),
    heldOut: { dealIds: testRows.map((r) => r.dealId), days: test.labels.y, closed: test.labels.event, margins: tMargins, probabilities },
  };
}

// ---- Scoring (scorer only) --------------------------------------------------------------------------------------

/** P(close within `days`) for a margin (log hazard ratio): 1 − exp(−H₀(⌊days⌋) · e^margin). */
export function closeProbability(model: TimeToCloseModelJson, margin: number, days: number): number {
  const { cumulativeHazard, maxDays } = model.baseline;
  if (!(days >= 0) || days > maxDays) throw new Error(`the baseline hazard covers 0–${maxDays} days, asked for ${days}`);
  return 1 - Math.exp(-cumulativeHazard[Math.floor(days)] * Math.exp(margin));
}

export interface LoadedCloseModel {
  json: TimeToCloseModelJson;
  scorer: Scorer;
}

export function loadTimeToCloseModel(json: string | TimeToCloseModelJson): LoadedCloseModel {
  const m = (typeof json === "string" ? JSON.parse(json) : json) as TimeToCloseModelJson;
  if (m?.kind !== "time_to_close" || m.version !== 1) throw new Error("not a time-to-close model (kind time_to_close, version 1)");
  if (m.model.objective.name !== "cox") throw new Error("a time-to-close model needs the cox objective");
  return { json: m, scorer: loadModel(m.model) };
}

export interface CloseScore {
  /** exp(margin): relative speed of closing (higher = sooner). */
  hazardRatio: number;
  margin: number;
  /** P(close within d days), one per horizon, non-decreasing in d. */
  probabilities: { days: number; probability: number }[];
  /** TreeSHAP of the margin (log hazard ratio). */
  baseValue: number;
  factors: Factor[];
  otherContribution: number;
}

export function scoreTimeToClose(model: TimeToCloseModelJson | LoadedCloseModel, features: DealFeatures, options: { horizonsDays?: number[]; maxFactors?: number } = {}): CloseScore {
  const m = "scorer" in model ? model : loadTimeToCloseModel(model);
  const { row, baseValue, factors, otherContribution } = explainRecord(m.scorer, features, options.maxFactors);
  const margin = m.scorer.predictMargin(row);
  const horizons = [...(options.horizonsDays ?? m.json.horizonsDays)].sort((a, b) => a - b);
  return {
    hazardRatio: Math.exp(margin),
    margin,
    probabilities: horizons.map((days) => ({ days, probability: closeProbability(m.json, margin, days) })),
    baseValue,
    factors,
    otherContribution,
  };
}
