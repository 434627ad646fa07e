import { beforeAll, describe, expect, it } from "vitest";
import { generateDealHistories, type SyntheticDeals } from "../data/syntheticDeals";
import { buildMatchFeatures, DAY_MS, MATCH_FEATURE_SPEC } from "../features/dealFeatures";
import type { ModelJson } from "../gbdt/modelFormat";
import { loadModel } from "../gbdt/scorer";
import { auc } from "../metrics/classification";
import {
  blendWithRules,
  buildMatchRows,
  MIN_MATCH_ROWS,
  scoreInvestorMatch,
  trainInvestorMatch,
  type TrainedMatchModel,
} from "./investorMatch";

describe("trainInvestorMatch on synthetic shares", () => {
  let g: SyntheticDeals;
  let result: TrainedMatchModel;
  let trueP: number[];

  beforeAll(() => {
    g = generateDealHistories({ deals: 4000, seed: 1 });
    const r = trainInvestorMatch(g, { asOf: g.asOf });
    if (r.status !== "trained") throw new Error(JSON.stringify(r));
    result = r;
    const key = (d: string, i: string, t: number) => `${d}|${i}|${t}`;
    const truth = new Map(g.shareTruth.map((s) => [key(s.dealId, s.investorId, s.sharedAt), s.probability]));
    trueP = result.heldOut.dealIds.map((d, k) => truth.get(key(d, result.heldOut.investorIds[k], result.heldOut.sharedAt[k]))!);
  });

  it("recovers the true match probabilities: held-out AUC within 0.02 of the truth's", () => {
    const { test } = result.metrics;
    const trueAuc = auc(trueP, result.heldOut.labels);
    console.info(
      `investor match: ${test.rows} test pairs (${test.positives} interested), AUC ${test.auc.toFixed(4)} vs truth ${trueAuc.toFixed(4)} ` +
        `(uncalibrated ${result.metrics.testUncalibrated.auc.toFixed(4)}), ECE ${test.ece.toFixed(4)}, log-loss ${test.logLoss.toFixed(4)}, ` +
        `${result.model.trees.length} trees, split ${JSON.stringify(result.split)}`,
    );
    expect(test.rows).toBeGreaterThan(2000);
    expect(Math.abs(test.auc - trueAuc)).toBeLessThan(0.02);
    expect(test.ece).toBeLessThan(0.05);
    // The calibration kept is the one that did best on held-out folds of the validation window, and it is stored.
    const cv = result.calibrationChoice.crossValidatedLogLoss;
    expect(cv[result.calibrationChoice.method]).toBeLessThanOrEqual(Math.min(...Object.values(cv)) * 1.001 + 1e-12);
    expect(cv[result.calibrationChoice.method]).toBeLessThanOrEqual(cv.none);
    expect(result.model.calibration?.method ?? "none").toBe(result.calibrationChoice.method);
    expect(result.model.training.metrics.test_auc).toBe(test.auc);
  });

  it("learns from the fit features the truth depends on", () => {
    const top = result.importance.slice(0, 5).map((f) => f.feature);
    for (const f of ["marketMatch", "priceInRange", "returnVsTarget"]) expect(top).toContain(f);
  });

  it("uses business fields only: no protected attribute or ZIP-derived field among the features", () => {
    const deny = /(^|[^a-z])(name|first ?name|last ?name|age|birth|race|racial|ethnic|ethnicity|religion|religious|sex|gender|familial|family|marital|children|disability|national|origin|zip|postal|census|tract|neighborhood|demographic)([^a-z]|$)/;
    const words = (n: string) => n.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
    for (const f of MATCH_FEATURE_SPEC) expect(words(f.name), f.name).not.toMatch(deny);
    expect(result.model.features.map((f) => f.name)).toEqual(MATCH_FEATURE_SPEC.map((f) => f.name));
    // Changing the investor's name, age and ZIP and the property's ZIP changes no feature.
    const s = g.shares[0];
    const deal = g.deals.find((d) => d.dealId === s.dealId)!;
    const investor = g.investors.find((i) => i.investorId === s.investorId)!;
    const other = buildMatchFeatures(
      { ...deal, property: { ...deal.property, zip: "00000" } },
      { ...investor, person: { firstName: "X", lastName: "Y", age: 99, zip: "99999" } },
      s.sharedAt,
    );
    expect(other).toEqual(buildMatchFeatures(deal, investor, s.sharedAt));
  });

  it("labels only shares whose answer window has ended, and splits them by time with an embargo", () => {
    const rows = buildMatchRows(g, { asOf: g.asOf });
    for (const r of rows) expect(r.knownAt).toBe(r.cutoff + 14 * DAY_MS);
    expect(Math.max(...rows.map((r) => r.knownAt))).toBeLessThanOrEqual(g.asOf);
    expect(Math.min(...result.heldOut.sharedAt)).toBeGreaterThanOrEqual(result.split.testStart);
    const { trainRows, validationRows, testRows, embargoedRows } = result.split;
    expect(trainRows + validationRows + testRows + embargoedRows).toBe(rows.length);
  });

  it("scores through the exported JSON (scorer only) as in training, with factors that add up", () => {
    const scorer = loadModel(JSON.parse(JSON.stringify(result.model)) as ModelJson);
    const deals = new Map(g.deals.map((d) => [d.dealId, d]));
    const investors = new Map(g.investors.map((i) => [i.investorId, i]));
    for (let k = 0; k < 40; k++) {
      const f = buildMatchFeatures(deals.get(result.heldOut.dealIds[k])!, investors.get(result.heldOut.investorIds[k])!, result.heldOut.sharedAt[k]);
      const s = scoreInvestorMatch(scorer, f);
      expect(s.probability).toBe(result.heldOut.probabilities[k]);
      expect(s.baseValue + s.factors.reduce((a, x) => a + x.contribution, 0) + s.otherContribution).toBeCloseTo(s.margin, 9);
    }
  });

  it("says not enough data below the threshold", () => {
    const small = generateDealHistories({ deals: 150, seed: 4 });
    const r = trainInvestorMatch(small, { asOf: small.asOf });
    expect(r.status).toBe("not_enough_data");
    if (r.status === "not_enough_data") expect(r.reason).toMatch(new RegExp(`need at least ${MIN_MATCH_ROWS}`));
  });
});

describe("blendWithRules", () => {
  it("mixes the rule score (0–100) with the model probability on the 0–100 scale", () => {
    expect(blendWithRules(80, 0.2, 0)).toBe(80);
    expect(blendWithRules(80, 0.2, 1)).toBeCloseTo(20, 12);
    expect(blendWithRules(80, 0.2, 0.5)).toBeCloseTo(50, 12);
    expect(blendWithRules(140, 1.5, 0.25)).toBe(100);
    expect(blendWithRules(-5, -0.1, 0.5)).toBe(0);
    expect(() => blendWithRules(50, 0.5, 1.2)).toThrow(/weight/);
    expect(() => blendWithRules(NaN, 0.5, 0.5)).toThrow(/finite/);
  });
});
