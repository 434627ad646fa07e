// The reverse direction, with the rule-based matcher and a stand-in model.
import { describe, expect, it } from "vitest";
import { matchDealsForInvestor } from "./matchDealsForInvestor";
import type { DealFacts, DealMatcher, InvestorProfile } from "./types";

const investor: InvestorProfile = {
  id: "inv",
  name: "Ann",
  propertyTypes: ["multifamily", "single_family"],
  markets: { states: ["TX"], cities: [], zips: ["78704"] },
  minInvestment: 50_000,
  maxInvestment: 250_000,
  capitalAvailable: 400_000,
  targetReturn: 0.12,
  riskTolerance: 7,
  holdPeriodMonths: 36,
  leveragePreference: "moderate",
  accredited: true,
};

const deal = (id: string, overrides: Partial<DealFacts> = {}): DealFacts => ({
  id,
  propertyType: "multifamily",
  state: "TX",
  city: "Austin",
  zip: "78704",
  askingAmount: 100_000,
  expectedReturn: 0.14,
  riskScore: 6,
  holdPeriodMonths: 36,
  leverageRatio: 0.7,
  ...overrides,
});

// zip match (market 1) scores above a state-only match in Dallas (0.7): 96.25 vs 100 × (0.9625 − 0.15 × 0.3) = 91.75
const inAustin = deal("austin");
const inDallas = deal("dallas", { city: "Dallas", zip: "75201" });
const condo = deal("condo", { propertyType: "condo" });
const tooBig = deal("big", { askingAmount: 300_000 });

describe("matchDealsForInvestor", () => {
  it("ranks the deals that fit", () => {
    const results = matchDealsForInvestor(investor, [inDallas, condo, inAustin, tooBig]);
    expect(results.map((r) => [r.dealId, r.score])).toEqual([
      ["austin", expect.closeTo(96.25, 10)],
      ["dallas", expect.closeTo(91.75, 10)],
    ]);
    expect(results.every((r) => r.investorId === "inv")).toBe(true);
    expect(results[1].reasons[0]).toBe("matches multifamily in TX");
  });

  it("lists the misfits last when asked, and honours limit", () => {
    const results = matchDealsForInvestor(investor, [tooBig, condo, inDallas, inAustin], { includeExcluded: true });
    expect(results.map((r) => [r.dealId, r.failed])).toEqual([
      ["austin", []],
      ["dallas", []],
      ["big", ["amount_above_maximum"]],
      ["condo", ["property_type"]],
    ]);
    expect(matchDealsForInvestor(investor, [inDallas, inAustin], { limit: 1 }).map((r) => r.dealId)).toEqual(["austin"]);
  });

  it("works with any DealMatcher (the learned model's seat)", () => {
    // A stand-in model that scores by expected return alone
    const model: DealMatcher = {
      version: "stub-model",
      match: (d, investors) => investors.map((i) => ({ investorId: i.id, dealId: d.id, eligible: true, score: d.expectedReturn * 100, reasons: ["model"], components: null, failed: [], marketMatch: null })),
    };
    const results = matchDealsForInvestor(investor, [deal("low", { expectedReturn: 0.05 }), deal("high", { expectedReturn: 0.2 })], {}, model);
    expect(results.map((r) => r.dealId)).toEqual(["high", "low"]);
  });
});
