import { beforeAll, describe, expect, it } from "vitest";
import { generateDealHistories, Z90, type SyntheticDeals } from "../data/syntheticDeals";
import { buildDealFeatures, DAY_MS, defaultDealCutoff, stageTime } from "../features/dealFeatures";
import { rmse } from "../metrics/regression";
import {
  buildReturnRows,
  loadExpectedReturnModel,
  MIN_RETURN_ROWS,
  scoreExpectedReturn,
  trainExpectedReturn,
  type ExpectedReturnModelJson,
  type TrainedReturnModel,
} from "./expectedReturn";

describe("trainExpectedReturn on synthetic deals", () => {
  let g: SyntheticDeals;
  let result: TrainedReturnModel;
  let truthMean: number[];

  beforeAll(() => {
    g = generateDealHistories({ deals: 6000, seed: 1 });
    const r = trainExpectedReturn(g.deals, { asOf: g.asOf });
    if (r.status !== "trained") throw new Error(JSON.stringify(r));
    result = r;
    const byId = new Map(g.truth.map((t) => [t.dealId, t]));
    truthMean = result.heldOut.dealIds.map((id) => byId.get(id)!.expectedReturn);
  });

  it("beats predicting the mean clearly and comes close to the true expected return", () => {
    const { test } = result.metrics;
    const truthRmse = rmse(truthMean, result.heldOut.realized);
    console.info(
      `expected return: ${test.rows} test deals, RMSE ${test.rmse.toFixed(4)} vs mean-baseline ${test.baselineRmse.toFixed(4)} vs truth ${truthRmse.toFixed(4)}; ` +
        `10–90% coverage ${test.coverage.toFixed(3)} (unconformalized ${result.metrics.testUnconformalized.coverage.toFixed(3)}), width ${test.meanWidth.toFixed(3)}, ` +
        `trees ${result.model.point.trees.length}/${result.model.low.trees.length}/${result.model.high.trees.length}, split ${JSON.stringify(result.split)}`,
    );
    expect(test.rows).toBeGreaterThan(500);
    expect(test.rmse).toBeLessThan(0.7 * test.baselineRmse);
    expect(test.rmse).toBeLessThan(truthRmse + 0.015);
    expect(rmse(result.heldOut.expected, truthMean)).toBeLessThan(0.035);
    expect(result.model.point.training.metrics.test_rmse).toBe(test.rmse);
  });

  it("cannot beat the truth, while a builder peeking past the cutoff (at the re-underwriting) would", () => {
    const truthRmse = rmse(truthMean, result.heldOut.realized);
    expect(result.metrics.test.rmse).toBeGreaterThan(truthRmse - 0.005);
    const leaky = trainExpectedReturn(g.deals, { asOf: g.asOf, cutoffOf: (d) => (stageTime(d, "closed") ?? defaultDealCutoff(d)) + 1 });
    if (leaky.status !== "trained") throw new Error(leaky.reason);
    const byId = new Map(g.truth.map((t) => [t.dealId, t.expectedReturn]));
    const leakyTruthRmse = rmse(leaky.heldOut.dealIds.map((id) => byId.get(id)!), leaky.heldOut.realized);
    console.info(`expected return, leaky builder: RMSE ${leaky.metrics.test.rmse.toFixed(4)} vs truth ${leakyTruthRmse.toFixed(4)} on its test rows`);
    expect(leaky.metrics.test.rmse).toBeLessThan(leakyTruthRmse - 0.005);
  });

  it("the 10–90% interval covers about 80% of held-out deals, with about 10% on each side", () => {
    const { test } = result.metrics;
    expect(test.coverage).toBeGreaterThanOrEqual(0.72);
    expect(test.coverage).toBeLessThanOrEqual(0.88);
    expect(test.belowLow).toBeGreaterThan(0.04);
    expect(test.belowLow).toBeLessThan(0.16);
    expect(test.aboveHigh).toBeGreaterThan(0.04);
    expect(test.aboveHigh).toBeLessThan(0.16);
    // The true interval's width is 2·Z90·σ; the model's is of the same size on average.
    const byId = new Map(g.truth.map((t) => [t.dealId, t]));
    const trueWidth = result.heldOut.dealIds.reduce((s, id) => s + 2 * Z90 * byId.get(id)!.returnSd, 0) / result.heldOut.dealIds.length;
    expect(test.meanWidth / trueWidth).toBeGreaterThan(0.8);
    expect(test.meanWidth / trueWidth).toBeLessThan(1.4);
    for (let i = 0; i < result.heldOut.low.length; i++) expect(result.heldOut.low[i]).toBeLessThanOrEqual(result.heldOut.high[i]);
  });

  it("ranks the underwriting above the pure noise features", () => {
    const rank = (name: string) => result.importance.findIndex((f) => f.feature === name);
    for (const noise of ["beds", "baths", "yearBuilt"]) expect(rank("arvMargin")).toBeLessThan(rank(noise) < 0 ? Infinity : rank(noise));
  });

  it("splits by time: no training or validation return was recorded after the next window began", () => {
    const rows = buildReturnRows(g.deals, { asOf: g.asOf });
    const byId = new Map(rows.map((r) => [r.dealId, r]));
    expect(Math.min(...result.heldOut.dealIds.map((id) => byId.get(id)!.cutoff))).toBeGreaterThanOrEqual(result.split.testStart);
    expect(result.split.trainRows + result.split.validationRows + result.split.testRows + result.split.embargoedRows).toBe(rows.length);
    for (const r of rows) expect(r.knownAt).toBeGreaterThan(r.cutoff);
  });

  it("scores through the exported JSON (scorer only) exactly as in training, with factors that add up", () => {
    const json = JSON.parse(JSON.stringify(result.model)) as ExpectedReturnModelJson;
    const loaded = loadExpectedReturnModel(json);
    const deals = new Map(g.deals.map((d) => [d.dealId, d]));
    for (const [k, id] of result.heldOut.dealIds.slice(0, 40).entries()) {
      const d = deals.get(id)!;
      const s = scoreExpectedReturn(loaded, buildDealFeatures(d, defaultDealCutoff(d)));
      expect(s.expected).toBe(result.heldOut.expected[k]);
      expect(s.low).toBe(result.heldOut.low[k]);
      expect(s.high).toBe(result.heldOut.high[k]);
      expect(s.baseValue + s.factors.reduce((a, f) => a + f.contribution, 0) + s.otherContribution).toBeCloseTo(s.expected, 9);
      expect(s.factors.length).toBeLessThanOrEqual(5);
    }
    const d = g.deals[0];
    expect(scoreExpectedReturn(json, buildDealFeatures(d, d.createdAt + DAY_MS)).lowAlpha).toBe(0.1);
    expect(() => loadExpectedReturnModel({ ...json, kind: "other" } as unknown as ExpectedReturnModelJson)).toThrow(/expected-return/);
  });
});

describe("trainExpectedReturn below the threshold", () => {
  it("says not enough data instead of training", () => {
    const g = generateDealHistories({ deals: 400, seed: 2 });
    const r = trainExpectedReturn(g.deals, { asOf: g.asOf });
    expect(r.status).toBe("not_enough_data");
    if (r.status === "not_enough_data") {
      expect(r.rows).toBeLessThan(MIN_RETURN_ROWS);
      expect(r.reason).toMatch(/need at least 300/);
    }
  });
});
