// Score components and the weighted score, worked by hand.
import { describe, expect, it } from "vitest";
import { capitalFit, DEFAULT_WEIGHTS, holdFit, leverageFit, marketFit, returnFit, riskFit, weightedScore } from "./score";

describe("score components", () => {
  it("returnFit: full at or above target, proportional below", () => {
    expect(returnFit(0.14, 0.12)).toBe(1);
    expect(returnFit(0.12, 0.12)).toBe(1);
    expect(returnFit(0.14, 0.16)).toBeCloseTo(0.875, 12); // 14 / 16
    expect(returnFit(-0.02, 0.1)).toBe(0);
    expect(returnFit(-0.02, 0)).toBe(0);
  });

  it("riskFit: full within tolerance, −0.2 per point above", () => {
    expect(riskFit(5, 7)).toBe(1);
    expect(riskFit(6, 5)).toBeCloseTo(0.8, 12); // 1 − 1/5
    expect(riskFit(10, 2)).toBe(0); // 1 − 8/5 < 0
  });

  it("holdFit: relative closeness", () => {
    expect(holdFit(36, 36)).toBe(1);
    expect(holdFit(36, 60)).toBeCloseTo(0.6, 12); // 1 − 24/60
    expect(holdFit(60, 36)).toBeCloseTo(0.6, 12);
    expect(holdFit(0, 0)).toBe(1);
  });

  it("leverageFit: 1 inside the band, falling to 0 a quarter outside", () => {
    expect(leverageFit(0.7, "moderate")).toBe(1);
    expect(leverageFit(0.7, "low")).toBeCloseTo(0.2, 12); // 0.2 above 0.5: 1 − 0.2/0.25
    expect(leverageFit(0.1, "none")).toBeCloseTo(0.6, 12); // 1 − 0.1/0.25
    expect(leverageFit(0, "high")).toBe(0);
  });

  it("capitalFit: share of capital left", () => {
    expect(capitalFit(100_000, 400_000)).toBeCloseTo(0.75, 12);
    expect(capitalFit(400_000, 400_000)).toBe(0);
    expect(capitalFit(0, 0)).toBe(0);
  });

  it("marketFit ranks zip over city over state over anywhere", () => {
    expect(marketFit("zip")).toBeGreaterThan(marketFit("city"));
    expect(marketFit("city")).toBeGreaterThan(marketFit("state"));
    expect(marketFit("state")).toBeGreaterThan(marketFit("any"));
  });
});

describe("weightedScore", () => {
  it("is the weighted mean × 100", () => {
    // 100 × (0.3×1 + 0.2×1 + 0.1×1 + 0.1×1 + 0.15×0.75 + 0.15×1) = 100 × 0.9625 = 96.25
    const c = { return: 1, risk: 1, holdPeriod: 1, leverage: 1, capital: 0.75, market: 1 };
    expect(weightedScore(c, DEFAULT_WEIGHTS)).toBeCloseTo(96.25, 10);
  });

  it("normalises weights that do not sum to 1, and is 0 with no weight", () => {
    const c = { return: 1, risk: 0, holdPeriod: 0, leverage: 0, capital: 0, market: 0 };
    // return weight 2 of 4 in total → 50
    expect(weightedScore(c, { return: 2, risk: 2, holdPeriod: 0, leverage: 0, capital: 0, market: 0 })).toBe(50);
    expect(weightedScore(c, { return: 0, risk: 0, holdPeriod: 0, leverage: 0, capital: 0, market: 0 })).toBe(0);
  });
});
