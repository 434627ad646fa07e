// Cash flow, cap rate, cash-on-cash, DSCR and equity multiple, zero denominators included.
import { describe, expect, it } from "vitest";
import { annualCashFlow, capRate, cashOnCash, debtServiceCoverageRatio, equityMultiple, monthlyCashFlow } from "./returns";

describe("cash flow", () => {
  it("is NOI less debt service, per year and per month", () => {
    // 15,000 − 12 × 899.33 = 15,000 − 10,791.96 = 4,208.04 a year, 350.67 a month
    expect(annualCashFlow(15_000, 10_791.96)).toBeCloseTo(4_208.04, 9);
    expect(monthlyCashFlow(15_000, 10_791.96)).toBeCloseTo(350.67, 9);
  });
  it("goes negative when the rent does not carry the loan", () => {
    // (6,000 − 12,000) / 12 = −500
    expect(monthlyCashFlow(6_000, 12_000)).toBe(-500);
  });
});

describe("capRate", () => {
  it("is NOI over price", () => {
    // 15,000 / 200,000 = 0.075
    expect(capRate(15_000, 200_000)).toBeCloseTo(0.075, 12);
  });
  it("is negative with negative NOI and null with no price", () => {
    expect(capRate(-4_680, 200_000)).toBeCloseTo(-0.0234, 12);
    expect(capRate(15_000, 0)).toBeNull();
  });
});

describe("cashOnCash", () => {
  it("is annual cash flow over cash invested", () => {
    // 6,000 / 50,000 = 0.12
    expect(cashOnCash(6_000, 50_000)).toBeCloseTo(0.12, 12);
  });
  it("is negative when the property loses money", () => {
    // −2,400 / 40,000 = −0.06
    expect(cashOnCash(-2_400, 40_000)).toBeCloseTo(-0.06, 12);
  });
  it("is null with 100% financing (nothing invested)", () => {
    expect(cashOnCash(1_000, 0)).toBeNull();
  });
});

describe("debtServiceCoverageRatio", () => {
  it("is NOI over debt service", () => {
    // 15,000 / 12,000 = 1.25
    expect(debtServiceCoverageRatio(15_000, 12_000)).toBeCloseTo(1.25, 12);
    // Below 1: NOI does not cover the loan. 9,000 / 12,000 = 0.75
    expect(debtServiceCoverageRatio(9_000, 12_000)).toBeCloseTo(0.75, 12);
  });
  it("is null with no debt", () => {
    expect(debtServiceCoverageRatio(15_000, 0)).toBeNull();
  });
});

describe("equityMultiple", () => {
  it("is money back over money in", () => {
    // Textbook flows −100, 30, 35, 40, 45: (30 + 35 + 40 + 45) / 100 = 1.5
    expect(equityMultiple([-100, 30, 35, 40, 45])).toBeCloseTo(1.5, 12);
  });
  it("counts a negative year as more equity", () => {
    // in: 100 + 10 = 110; out: 20 + 200 = 220 → 2
    expect(equityMultiple([-100, -10, 20, 200])).toBeCloseTo(2, 12);
  });
  it("is null when nothing was put in", () => {
    expect(equityMultiple([0, 10, 20])).toBeNull();
  });
});
