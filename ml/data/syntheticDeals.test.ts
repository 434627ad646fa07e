import { describe, expect, it } from "vitest";
import { DAY_MS, matchLabel, outcomeOf, stageTime, underwritingAt } from "../features/dealFeatures";
import {
  CLOSE_SCALE_DAYS,
  generateDealHistories,
  trueCloseLogHazard,
  trueCloseProbability,
  trueMatchLogit,
  trueReturnMean,
  trueReturnSd,
  type DealTruthFacts,
} from "./syntheticDeals";

const g = generateDealHistories({ deals: 3000, seed: 7 });

describe("generateDealHistories", () => {
  it("is deterministic per seed and differs between seeds", () => {
    const again = generateDealHistories({ deals: 3000, seed: 7 });
    expect(JSON.stringify(again)).toBe(JSON.stringify(g));
    expect(JSON.stringify(generateDealHistories({ deals: 3000, seed: 8 }).truth)).not.toBe(JSON.stringify(g.truth));
  });

  it("records nothing at or after asOf, and every deal's first underwriting before its cutoff", () => {
    for (const d of g.deals) for (const e of d.events) expect(e.at).toBeLessThan(g.asOf);
    for (const s of g.shares) {
      expect(s.sharedAt).toBeLessThan(g.asOf);
      if (s.response) expect(s.response.at).toBeLessThan(g.asOf);
    }
    g.deals.forEach((d, i) => {
      const t = g.truth[i];
      expect(t.dealId).toBe(d.dealId);
      if (t.cutoff >= g.asOf) return;
      expect(underwritingAt(d, t.cutoff).underwriting).toEqual(t.facts.underwriting);
    });
  });

  it("truth functions have the documented values", () => {
    const facts: DealTruthFacts = {
      market: "Houston, TX",
      propertyType: "single_family",
      condition: 5,
      underwriting: { purchasePrice: 150_000, repairEstimate: 50_000, arv: 250_000, monthlyRent: 2000 },
    };
    // margin 0.25, yield 0.12, discount 0.2: μ = −0.05 + 0.225 + 0 + 0 − 0 + 0.016.
    expect(trueReturnMean(facts)).toBeCloseTo(0.191, 12);
    expect(trueReturnSd(facts)).toBeCloseTo(0.04, 12);
    expect(trueReturnSd({ ...facts, condition: 1, propertyType: "land" })).toBeCloseTo(0.13, 12);
    // η = 5·0 + 0.2 (Houston) + 0.2 (single family) − 0.8·ln 1 − 0.
    expect(trueCloseLogHazard(facts)).toBeCloseTo(0.4, 12);
    expect(trueCloseProbability(0, CLOSE_SCALE_DAYS)).toBeCloseTo(1 - Math.exp(-1), 12);
    const prefs = { markets: ["Houston, TX"], propertyTypes: ["single_family"], minPrice: 100_000, maxPrice: 200_000, targetReturn: 0.2 };
    // −2.2 + 1.4 + 0.9 + 0.4 + 0.8 + 8·0.05 + 0.7 + 0.25·ln(2).
    expect(trueMatchLogit({ ...facts, preferences: prefs, capital: 300_000 })).toBeCloseTo(2.4 + 0.25 * Math.log(2), 12);
  });

  it("draws outcomes from the truth: interest rate, returns and closing times match their true distributions", () => {
    const y: number[] = g.shares.map((s) => matchLabel(s, 30));
    const meanTruth = g.shareTruth.reduce((s, t) => s + t.probability, 0) / g.shareTruth.length;
    expect(Math.abs(y.reduce((a, b) => a + b, 0) / y.length - meanTruth)).toBeLessThan(0.02);
    // Standardized realized returns: mean ≈ 0, sd ≈ 1.
    const z: number[] = [];
    g.deals.forEach((d, i) => {
      const o = outcomeOf(d);
      if (o) z.push((o.realizedReturn - g.truth[i].expectedReturn) / g.truth[i].returnSd);
    });
    const mz = z.reduce((a, b) => a + b, 0) / z.length;
    expect(Math.abs(mz)).toBeLessThan(0.08);
    expect(Math.abs(Math.sqrt(z.reduce((a, b) => a + (b - mz) ** 2, 0) / z.length) - 1)).toBeLessThan(0.08);
    // Latent closing times follow the Weibull hazard.
    for (const h of [30, 60, 90]) {
      const empirical = g.truth.filter((t) => t.closeAt - t.cutoff < h * DAY_MS).length / g.truth.length;
      const expected = g.truth.reduce((s, t) => s + trueCloseProbability(t.closeLogHazard, h), 0) / g.truth.length;
      expect(Math.abs(empirical - expected)).toBeLessThan(0.03);
    }
  });

  it("closes or loses each deal at its latent time and shares only open deals", () => {
    const byId = new Map(g.deals.map((d) => [d.dealId, d]));
    g.truth.forEach((t, i) => {
      const d = g.deals[i];
      const closed = stageTime(d, "closed");
      const lost = stageTime(d, "lost");
      expect(closed !== null && lost !== null).toBe(false);
      if (closed !== null) expect(closed).toBe(t.closeAt);
      if (lost !== null) expect(lost).toBe(t.lostAt);
    });
    for (const s of g.shares) {
      const d = byId.get(s.dealId)!;
      const end = Math.min(stageTime(d, "closed") ?? Infinity, stageTime(d, "lost") ?? Infinity);
      expect(s.sharedAt).toBeLessThan(end);
    }
  });
});
