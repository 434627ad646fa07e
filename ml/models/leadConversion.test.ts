import { beforeAll, describe, expect, it } from "vitest";
import { generateLeadHistories, type SyntheticHistories } from "../data/syntheticHistories";
import { buildLeadFeatures, FEATURE_SPEC, isOpenAt } from "../features/leadFeatures";
import { DAY_MS, type LeadHistory } from "../features/leadHistory";
import { loadModel } from "../gbdt/scorer";
import { auc, expectedCalibrationError } from "../metrics/classification";
import {
  buildTrainingRows,
  gradeOf,
  GRADE_CUTOFFS,
  MIN_POSITIVES,
  MIN_TRAINING_ROWS,
  scoreLead,
  splitByTime,
  trainLeadConversion,
  type LeadConversionResult,
  type TrainedLeadModel,
} from "./leadConversion";

/** Train at each lead's generated scoring cutoff, the one its true probability is defined for. */
function trainOnTruthCutoffs(g: SyntheticHistories, params = {}): LeadConversionResult {
  const cutoff = new Map(g.truth.map((t) => [t.leadId, t.cutoff]));
  return trainLeadConversion(g.histories, { context: g.context, asOf: g.asOf, horizonDays: g.horizonDays, cutoffs: (h) => [cutoff.get(h.leadId)!], params });
}

function trained(r: LeadConversionResult): TrainedLeadModel {
  if (r.status !== "trained") throw new Error(`expected a model, got ${JSON.stringify(r)}`);
  return r;
}

describe("trainLeadConversion on synthetic histories", () => {
  let g: SyntheticHistories;
  let result: TrainedLeadModel;
  let trueP: number[];

  beforeAll(() => {
    g = generateLeadHistories({ leads: 60_000, seed: 1 });
    result = trained(trainOnTruthCutoffs(g));
    const byId = new Map(g.truth.map((t) => [t.leadId, t.probability]));
    trueP = result.heldOut.leadIds.map((id) => byId.get(id)!);
  });

  it("recovers the ground truth: test AUC within 0.01 of the true probabilities' AUC, ECE < 0.02", () => {
    const { test } = result.metrics;
    const trueAuc = auc(trueP, result.heldOut.labels);
    console.info(
      `lead model: test rows ${test.rows} (${test.positives} conversions), AUC ${test.auc.toFixed(4)} vs truth ${trueAuc.toFixed(4)}, ` +
        `ECE ${test.ece.toFixed(4)} (uncalibrated ${result.metrics.testUncalibrated.ece.toFixed(4)}, truth ${expectedCalibrationError(trueP, result.heldOut.labels).toFixed(4)}), ` +
        `log-loss ${test.logLoss.toFixed(4)}, Brier ${test.brier.toFixed(4)}, ${result.model.trees.length} trees, split ${JSON.stringify(result.split)}`,
    );
    expect(test.rows).toBeGreaterThan(10_000);
    expect(Math.abs(test.auc - trueAuc)).toBeLessThan(0.01);
    expect(test.ece).toBeLessThan(0.02);
    // The stored metrics are the ones reported.
    expect(result.model.training.metrics.test_auc).toBe(test.auc);
    // The calibration kept is the one that did best on held-out folds of the validation window, and it is stored.
    const cv = result.calibrationChoice.crossValidatedLogLoss;
    expect(cv[result.calibrationChoice.method]).toBeLessThanOrEqual(Math.min(...Object.values(cv)) * 1.001 + 1e-12);
    expect(cv[result.calibrationChoice.method]).toBeLessThanOrEqual(cv.none);
    expect(result.model.calibration?.method ?? "none").toBe(result.calibrationChoice.method);
  });

  it("ranks the features the truth depends on above pure noise features", () => {
    const rank = (name: string) => result.importance.findIndex((f) => f.feature === name);
    for (const signal of ["firstResponseMinutes", "source", "equityPercent", "status"]) {
      for (const noise of ["createdDayOfWeek", "createdHourUtc", "sqft", "baths"]) expect(rank(signal)).toBeLessThan(rank(noise));
    }
  });

  it("splits by time with an embargo: no label window of an earlier window reaches into a later one", () => {
    const { split, heldOut, horizonDays } = result;
    const horizon = horizonDays * DAY_MS;
    expect(Math.min(...heldOut.cutoffs)).toBeGreaterThanOrEqual(split.testStart);
    const rows = buildTrainingRows(g.histories, { context: g.context, asOf: g.asOf, cutoffs: (h) => [g.truth[Number(h.leadId.slice(5)) - 1].cutoff] });
    const s = splitByTime(rows, horizonDays, 0.25, 0.2);
    expect(s.validationStart).toBe(split.validationStart);
    expect(s.train.length).toBe(split.trainRows);
    expect(Math.max(...s.train.map((r) => r.cutoff + horizon))).toBeLessThanOrEqual(s.validationStart);
    expect(Math.min(...s.validation.map((r) => r.cutoff))).toBeGreaterThanOrEqual(s.validationStart);
    expect(Math.max(...s.validation.map((r) => r.cutoff + horizon))).toBeLessThanOrEqual(s.testStart);
    expect(split.embargoedRows).toBe(rows.length - s.train.length - s.validation.length - s.test.length);
    expect(split.embargoedRows).toBeGreaterThan(0);
  });

  it("scores a lead: TreeSHAP factors plus the base value sum to the raw margin; grade follows the cutoffs", () => {
    const scorer = loadModel(result.model);
    const byId = new Map(g.histories.map((h) => [h.leadId, h]));
    for (let i = 0; i < 20; i++) {
      const k = Math.floor((i * result.heldOut.leadIds.length) / 20);
      const features = buildLeadFeatures(byId.get(result.heldOut.leadIds[k])!, result.heldOut.cutoffs[k], g.context);
      const all = scoreLead(scorer, features, { maxFactors: Infinity });
      const sum = all.factors.reduce((s, f) => s + f.contribution, all.baseValue);
      expect(sum).toBeCloseTo(all.margin, 9);
      expect(all.margin).toBeCloseTo(scorer.predictMargin(scorer.encodeRecord(features)), 12);
      expect(all.probability).toBeCloseTo(result.heldOut.probabilities[k], 12);
      expect(all.grade).toBe(gradeOf(all.probability));
      const top = scoreLead(result.model, features);
      expect(top.factors.length).toBeLessThanOrEqual(5);
      expect(top.factors).toEqual(all.factors.slice(0, 5));
      expect(top.baseValue + top.factors.reduce((s, f) => s + f.contribution, 0) + top.otherContribution).toBeCloseTo(top.margin, 9);
      for (const f of top.factors) {
        expect(f.direction).toBe(f.contribution > 0 ? "up" : "down");
        expect(f.value).toEqual(features[f.feature]);
      }
      for (let j = 1; j < all.factors.length; j++) expect(Math.abs(all.factors[j - 1].contribution)).toBeGreaterThanOrEqual(Math.abs(all.factors[j].contribution));
    }
  });

  it("explains response time the way the truth works: a slow first response pushes the score down", () => {
    const base = buildLeadFeatures(g.histories[100], g.truth[100].cutoff, g.context);
    const fast = scoreLead(result.model, { ...base, source: "web_form", firstResponseMinutes: 3 }, { maxFactors: Infinity });
    const slow = scoreLead(result.model, { ...base, source: "web_form", firstResponseMinutes: 3000 }, { maxFactors: Infinity });
    expect(slow.probability).toBeLessThan(fast.probability);
    const c = (s: typeof fast) => s.factors.find((f) => f.feature === "firstResponseMinutes")?.contribution ?? 0;
    expect(c(slow)).toBeLessThan(0);
    expect(c(fast)).toBeGreaterThan(c(slow));
  });

  it("refuses features from a different spec", () => {
    const features = buildLeadFeatures(g.histories[0], g.truth[0].cutoff, g.context);
    const partial = { ...features } as Record<string, unknown>;
    delete partial.replies;
    expect(() => scoreLead(result.model, partial as typeof features)).toThrow(/replies/);
  });
});

describe("trainLeadConversion thresholds and determinism", () => {
  it("says not enough data below MIN_TRAINING_ROWS, and below MIN_POSITIVES", () => {
    const small = trainOnTruthCutoffs(generateLeadHistories({ leads: 1500, seed: 2 }));
    expect(small).toMatchObject({ status: "not_enough_data", rows: 1500, needed: { rows: MIN_TRAINING_ROWS, positives: MIN_POSITIVES } });
    const rare = generateLeadHistories({ leads: 6000, seed: 2, intercept: -9 });
    const result = trainOnTruthCutoffs(rare);
    const positives = rare.truth.filter((t) => t.converted).length;
    expect(positives).toBeLessThan(MIN_POSITIVES);
    expect(result).toMatchObject({ status: "not_enough_data", rows: 6000, positives, reason: expect.stringMatching(/conversions/) });
    expect("model" in result).toBe(false);
  });

  it("trains once there is enough data (4,000 leads)", () => {
    const g = generateLeadHistories({ leads: MIN_TRAINING_ROWS * 2, seed: 4 });
    expect(trainOnTruthCutoffs(g).status).toBe("trained");
  });

  it("gives identical metrics and model for the same seed, different ones for another", () => {
    const run = (seed: number) => trained(trainOnTruthCutoffs(generateLeadHistories({ leads: 8000, seed }), { seed: 3, subsample: 0.8, colsampleByTree: 0.8 }));
    const a = run(5);
    const b = run(5);
    const c = run(6);
    expect(b.metrics).toEqual(a.metrics);
    expect(b.model.trees).toEqual(a.model.trees);
    expect(b.model.calibration).toEqual(a.model.calibration);
    expect(c.metrics.test.auc).not.toBe(a.metrics.test.auc);
  });

  it("builds default snapshot rows only for open leads whose label window has ended", () => {
    const g = generateLeadHistories({ leads: 3000, seed: 8 });
    const rows = buildTrainingRows(g.histories, { context: g.context });
    const byId = new Map<string, LeadHistory>(g.histories.map((h) => [h.leadId, h]));
    const latest = Math.max(...g.histories.flatMap((h) => h.events.map((e) => e.at)));
    expect(rows.length).toBeGreaterThan(g.histories.length); // several snapshots per lead
    for (const r of rows) {
      expect(isOpenAt(byId.get(r.leadId)!, r.cutoff)).toBe(true);
      expect(r.cutoff + 90 * DAY_MS).toBeLessThanOrEqual(latest);
    }
    for (let i = 1; i < rows.length; i++) expect(rows[i].cutoff).toBeGreaterThanOrEqual(rows[i - 1].cutoff);
    const result = trained(trainLeadConversion(g.histories, { context: g.context }));
    expect(result.model.features.map((f) => f.name)).toEqual(FEATURE_SPEC.map((f) => f.name));
    expect(result.metrics.test.auc).toBeGreaterThan(0.7);
  });
});

describe("grades", () => {
  it("follows the documented cutoffs", () => {
    expect(GRADE_CUTOFFS.map((g) => g.grade)).toEqual(["A", "B", "C", "D", "F"]);
    expect([0.9, 0.4, 0.3999, 0.2, 0.15, 0.1, 0.05, 0.04, 0.0399, 0].map(gradeOf)).toEqual(["A", "A", "B", "B", "C", "C", "D", "D", "F", "F"]);
  });
});
