import { beforeAll, describe, expect, it } from "vitest";
import { generateDealHistories, trueCloseProbability, type SyntheticDeals } from "../data/syntheticDeals";
import { buildDealFeatures, DAY_MS, defaultDealCutoff } from "../features/dealFeatures";
import { concordanceIndex } from "../metrics/concordance";
import {
  breslowBaseline,
  buildCloseDeals,
  closeProbability,
  kaplanMeierClosed,
  loadTimeToCloseModel,
  MIN_DEALS,
  scoreTimeToClose,
  survivalLabel,
  trainTimeToClose,
  type TimeToCloseModelJson,
  type TrainedCloseModel,
} from "./timeToClose";

describe("trainTimeToClose on synthetic deals", () => {
  let g: SyntheticDeals;
  let result: TrainedCloseModel;
  let eta: number[];

  beforeAll(() => {
    g = generateDealHistories({ deals: 4000, seed: 1 });
    const r = trainTimeToClose(g.deals, { asOf: g.asOf });
    if (r.status !== "trained") throw new Error(JSON.stringify(r));
    result = r;
    const byId = new Map(g.truth.map((t) => [t.dealId, t]));
    eta = result.heldOut.dealIds.map((id) => byId.get(id)!.closeLogHazard);
  });

  it("ranks deals by closing speed: concordance clearly above 0.5 and close to the truth's", () => {
    const { test } = result.metrics;
    const truthC = concordanceIndex(result.heldOut.days, result.heldOut.closed, eta);
    console.info(
      `time to close: ${test.rows} test deals (${test.closes} closed), C ${test.concordance.toFixed(4)} vs truth ${truthC.toFixed(4)}, ` +
        `calibration ${JSON.stringify(test.calibration.map((c) => [c.days, +c.predicted.toFixed(3), +c.observed.toFixed(3)]))}, ` +
        `${result.model.model.trees.length} trees, split ${JSON.stringify(result.split)}`,
    );
    expect(test.concordance).toBeGreaterThanOrEqual(0.65);
    expect(truthC - test.concordance).toBeLessThan(0.03);
    // A constant prediction ties every pair: C = 0.5.
    expect(concordanceIndex(result.heldOut.days, result.heldOut.closed, new Float64Array(eta.length))).toBe(0.5);
    expect(result.model.model.training.metrics.test_concordance).toBe(test.concordance);
  });

  it("P(close within 30/60/90 days) is monotone in the horizon and roughly calibrated against the truth", () => {
    const [p30, p60, p90] = result.heldOut.probabilities;
    for (let i = 0; i < p30.length; i++) {
      expect(p30[i]).toBeLessThanOrEqual(p60[i]);
      expect(p60[i]).toBeLessThanOrEqual(p90[i]);
    }
    const lines: string[] = [];
    [30, 60, 90].forEach((h, k) => {
      const truth = eta.map((e) => trueCloseProbability(e, h));
      const p = result.heldOut.probabilities[k];
      const meanP = p.reduce((a, b) => a + b, 0) / p.length;
      const meanT = truth.reduce((a, b) => a + b, 0) / truth.length;
      const meanAbs = truth.reduce((s, t, i) => s + Math.abs(t - p[i]), 0) / truth.length;
      // By quintile of the predicted probability: mean predicted vs mean true.
      const order = Array.from(p.keys()).sort((a, b) => p[a] - p[b]);
      let worst = 0;
      for (let q = 0; q < 5; q++) {
        const idx = order.slice(Math.floor((q * order.length) / 5), Math.floor(((q + 1) * order.length) / 5));
        const mp = idx.reduce((s, i) => s + p[i], 0) / idx.length;
        const mt = idx.reduce((s, i) => s + truth[i], 0) / idx.length;
        worst = Math.max(worst, Math.abs(mp - mt));
      }
      lines.push(`${h}d: mean predicted ${meanP.toFixed(3)} vs true ${meanT.toFixed(3)}, mean |error| ${meanAbs.toFixed(3)}, worst quintile gap ${worst.toFixed(3)}`);
      expect(Math.abs(meanP - meanT)).toBeLessThan(0.05);
      expect(meanAbs).toBeLessThan(0.08);
      expect(worst).toBeLessThan(0.08);
      // And against what happened (Kaplan–Meier on the test window, lost deals censored).
      const c = result.metrics.test.calibration[k];
      expect(Math.abs(c.predicted - c.observed)).toBeLessThan(0.06);
    });
    console.info(`time to close calibration vs truth: ${lines.join("; ")}`);
  });

  it("never uses an outcome after the window it is fitted in", () => {
    const all = buildCloseDeals(g.deals, { asOf: g.asOf });
    const { validationStart, testStart } = result.split;
    const train = all.filter((d) => d.cutoff < validationStart).map((d) => survivalLabel(d, validationStart)!);
    expect(train.length).toBe(result.split.trainRows);
    for (const r of train) expect(r.cutoff + r.days * DAY_MS).toBeLessThanOrEqual(validationStart + 1);
    expect(Math.min(...result.heldOut.dealIds.map((id) => all.find((d) => d.dealId === id)!.cutoff))).toBeGreaterThanOrEqual(testStart);
  });

  it("scores through the exported JSON (scorer only) exactly as in training, with factors that add up", () => {
    const json = JSON.parse(JSON.stringify(result.model)) as TimeToCloseModelJson;
    const loaded = loadTimeToCloseModel(json);
    const deals = new Map(g.deals.map((d) => [d.dealId, d]));
    for (const [k, id] of result.heldOut.dealIds.slice(0, 40).entries()) {
      const d = deals.get(id)!;
      const s = scoreTimeToClose(loaded, buildDealFeatures(d, defaultDealCutoff(d)));
      expect(s.margin).toBe(result.heldOut.margins[k]);
      expect(s.probabilities.map((p) => p.days)).toEqual([30, 60, 90]);
      s.probabilities.forEach((p, h) => expect(p.probability).toBe(result.heldOut.probabilities[h][k]));
      expect(s.baseValue + s.factors.reduce((a, f) => a + f.contribution, 0) + s.otherContribution).toBeCloseTo(s.margin, 9);
    }
    expect(() => closeProbability(json, 0, json.baseline.maxDays + 1)).toThrow(/baseline hazard covers/);
  });
});

describe("survival helpers", () => {
  it("Breslow baseline and Kaplan–Meier on a hand-worked example", () => {
    // Times 1, 2 (censored), 3, 3; margins 0: at t=1 four at risk → 1/4; t=3 two at risk, two events → 2/2.
    const H = breslowBaseline([1, 2, 3, 3], [1, 0, 1, 1], [0, 0, 0, 0], 4);
    expect(H).toEqual([0, 0.25, 0.25, 1.25, 1.25]);
    // With margins the risk set is weighted by e^f.
    const H2 = breslowBaseline([1, 2], [1, 1], [Math.log(3), 0], 2);
    expect(H2[1]).toBeCloseTo(1 / 4, 12);
    expect(H2[2]).toBeCloseTo(1 / 4 + 1, 12);
    expect(kaplanMeierClosed([1, 2, 3, 3], [1, 0, 1, 1], 1)).toBeCloseTo(0.25, 12);
    expect(kaplanMeierClosed([1, 2, 3, 3], [1, 0, 1, 1], 3)).toBeCloseTo(1, 12);
  });

  it("survivalLabel censors at the end of follow-up and at a loss", () => {
    const base = { dealId: "d", cutoff: 0, features: {} as never, closedAt: null, lostAt: null };
    expect(survivalLabel({ ...base, closedAt: 10 * DAY_MS }, 20 * DAY_MS)).toMatchObject({ days: 10, closed: 1 });
    expect(survivalLabel({ ...base, closedAt: 30 * DAY_MS }, 20 * DAY_MS)).toMatchObject({ days: 20, closed: 0 });
    expect(survivalLabel({ ...base, lostAt: 5 * DAY_MS }, 20 * DAY_MS)).toMatchObject({ days: 5, closed: 0 });
    expect(survivalLabel({ ...base, cutoff: 20 * DAY_MS }, 20 * DAY_MS)).toBeNull();
  });

  it("says not enough data below the threshold", () => {
    const g = generateDealHistories({ deals: 250, seed: 3 });
    const r = trainTimeToClose(g.deals, { asOf: g.asOf });
    expect(r.status).toBe("not_enough_data");
    if (r.status === "not_enough_data") expect(r.reason).toMatch(new RegExp(`need at least ${MIN_DEALS}`));
  });
});
