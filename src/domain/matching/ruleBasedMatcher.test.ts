// The rule-based matcher: ranking, reasons, exclusions, options, 10,000-investor sanity check.
import { describe, expect, it } from "vitest";
import { createRuleBasedMatcher, ruleBasedMatcher } from "./ruleBasedMatcher";
import type { DealFacts, InvestorProfile } from "./types";

const deal: DealFacts = { id: "deal-1", propertyType: "multifamily", state: "TX", city: "Austin", zip: "78704", askingAmount: 100_000, expectedReturn: 0.14, riskScore: 6, holdPeriodMonths: 36, leverageRatio: 0.7 };

const investor = (id: string, overrides: Partial<InvestorProfile> = {}): InvestorProfile => ({
  id,
  name: id,
  propertyTypes: [],
  markets: { states: [], cities: [], zips: [] },
  minInvestment: 50_000,
  maxInvestment: 250_000,
  capitalAvailable: 400_000,
  targetReturn: 0.12,
  riskTolerance: 7,
  holdPeriodMonths: 36,
  leveragePreference: "moderate",
  accredited: true,
  ...overrides,
});

// A: everything ideal; capital 1 − 100k/400k = 0.75; zip match 1
//    100 × (0.3 + 0.2 + 0.1 + 0.1 + 0.15 × 0.75 + 0.15 × 1) = 96.25
const a = investor("a", { propertyTypes: ["multifamily"], markets: { states: [], cities: [], zips: ["78704"] } });
// B: return 14/16 = 0.875; risk 1 − 1/5 = 0.8; hold 1 − 24/60 = 0.6; LTV 0.7 vs low ≤ 0.5 → 1 − 0.2/0.25 = 0.2;
//    capital 1 − 100k/200k = 0.5; state 0.7
//    100 × (0.3 × 0.875 + 0.2 × 0.8 + 0.1 × 0.6 + 0.1 × 0.2 + 0.15 × 0.5 + 0.15 × 0.7) = 100 × 0.6825 = 68.25
const b = investor("b", {
  markets: { states: ["TX"], cities: [], zips: [] },
  targetReturn: 0.16,
  riskTolerance: 5,
  holdPeriodMonths: 60,
  leveragePreference: "low",
  capitalAvailable: 200_000,
});
// C: three hard failures
const c = investor("c", { maxInvestment: 80_000, propertyTypes: ["single_family"], markets: { states: ["CA"], cities: [], zips: [] } });
// D: not enough capital, and a minimum above the amount
const d = investor("d", { minInvestment: 150_000, capitalAvailable: 50_000 });

describe("ruleBasedMatcher.match", () => {
  it("ranks eligible investors by score with reasons", () => {
    const results = ruleBasedMatcher.match(deal, [b, c, a, d]);
    expect(results.map((r) => r.investorId)).toEqual(["a", "b"]);
    expect(results[0].score).toBeCloseTo(96.25, 10);
    expect(results[1].score).toBeCloseTo(68.25, 10);
    expect(results[0].reasons.slice(0, 2).join("; ")).toBe("matches multifamily in 78704; ROI 14% ≥ target 12%");
    expect(results[0].marketMatch).toBe("zip");
    expect(results[0].components).toEqual({ return: 1, risk: 1, holdPeriod: 1, leverage: 1, capital: 0.75, market: 1 });
  });

  it("explains a weaker fit clause by clause", () => {
    const [, second] = ruleBasedMatcher.match(deal, [a, b]);
    expect(second.reasons).toEqual([
      "matches multifamily (any type) in TX",
      "ROI 14% < target 16%",
      "risk 6 > tolerance 5",
      "hold 36 mo vs preferred 60 mo",
      "LTV 70% above low leverage",
      "uses 50% of $200k available",
    ]);
    expect(second.eligible).toBe(true);
    expect(second.failed).toEqual([]);
  });

  it("returns excluded investors only when asked, after the eligible, with why", () => {
    const results = ruleBasedMatcher.match(deal, [d, c, b, a], { includeExcluded: true });
    expect(results.map((r) => [r.investorId, r.eligible])).toEqual([
      ["a", true],
      ["b", true],
      ["c", false],
      ["d", false],
    ]);
    expect(results[2]).toMatchObject({
      score: 0,
      components: null,
      marketMatch: null,
      failed: ["amount_above_maximum", "property_type", "market"],
      reasons: ["amount $100k above maximum $80k", "multifamily not in single family", "78704 (Austin, TX) outside investor's markets"],
    });
    expect(results[3].reasons).toEqual(["amount $100k below minimum $150k", "amount $100k exceeds available capital $50k"]);
  });

  it("breaks ties by investor id", () => {
    const results = ruleBasedMatcher.match(deal, [investor("z"), investor("m"), investor("b2")]);
    expect(results.map((r) => r.investorId)).toEqual(["b2", "m", "z"]);
    expect(new Set(results.map((r) => r.score)).size).toBe(1);
  });

  it("applies minScore and limit", () => {
    expect(ruleBasedMatcher.match(deal, [a, b], { minScore: 70 }).map((r) => r.investorId)).toEqual(["a"]);
    expect(ruleBasedMatcher.match(deal, [a, b, c], { limit: 1, includeExcluded: true }).map((r) => r.investorId)).toEqual(["a"]);
    expect(ruleBasedMatcher.match(deal, [a, b], { limit: 0 })).toEqual([]);
  });

  it("matches regardless of case, state names and ZIP+4", () => {
    const loose = investor("x", { propertyTypes: ["Multifamily"], markets: { states: [], cities: ["austin, texas"], zips: [] } });
    const [result] = ruleBasedMatcher.match({ ...deal, zip: "78704-1234", state: "tx" }, [loose]);
    expect(result.marketMatch).toBe("city");
    expect(result.reasons[0]).toBe("matches multifamily in Austin, TX");
  });

  it("keeps non-accredited investors out of accredited-only deals", () => {
    const results = ruleBasedMatcher.match({ ...deal, accreditedOnly: true }, [a, investor("n", { accredited: false })], { includeExcluded: true });
    expect(results.map((r) => [r.investorId, r.failed])).toEqual([
      ["a", []],
      ["n", ["accreditation"]],
    ]);
  });

  it("is empty with no investors", () => {
    expect(ruleBasedMatcher.match(deal, [])).toEqual([]);
  });
});

describe("createRuleBasedMatcher", () => {
  it("re-ranks with other weights and says so in its version", () => {
    // Only capital headroom counts: b uses 50% of its capital, e (1M) uses 10% → e first
    const e = investor("e", { capitalAvailable: 1_000_000, targetReturn: 0.3 });
    const capitalOnly = createRuleBasedMatcher({ return: 0, risk: 0, holdPeriod: 0, leverage: 0, market: 0, capital: 1 });
    expect(capitalOnly.match(deal, [b, e]).map((r) => [r.investorId, r.score])).toEqual([
      ["e", expect.closeTo(90, 10)],
      ["b", expect.closeTo(50, 10)],
    ]);
    expect(ruleBasedMatcher.version).toBe("rules-1");
    expect(capitalOnly.version).toBe("rules-1;return=0,risk=0,market=0,capital=1,holdPeriod=0,leverage=0");
  });
});

describe("matching 10,000 investors (sanity, not timed)", () => {
  // Investor i: every 4th wants only land (excluded); every 5th of the rest is in CA only (excluded);
  // the rest are open to any type in TX or anywhere. Eligible = i % 4 ≠ 0 and i % 5 ≠ 0:
  // 10,000 − 2,500 − 2,000 + 500 (multiples of 20 counted twice) = 6,000
  const investors = Array.from({ length: 10_000 }, (_, i) =>
    investor(`inv-${String(i).padStart(5, "0")}`, {
      propertyTypes: i % 4 === 0 ? ["land"] : [],
      markets: { states: i % 5 === 0 ? ["CA"] : i % 2 === 0 ? ["TX"] : [], cities: [], zips: [] },
      targetReturn: (i % 30) / 100,
      riskTolerance: 1 + (i % 10),
    }),
  );

  it("returns every eligible investor, sorted", () => {
    const results = ruleBasedMatcher.match(deal, investors);
    expect(results).toHaveLength(6_000);
    for (let k = 1; k < results.length; k++) {
      const prev = results[k - 1];
      const cur = results[k];
      expect(prev.score > cur.score || (prev.score === cur.score && prev.investorId < cur.investorId)).toBe(true);
    }
  });

  it("returns all 10,000 with the excluded, and the top 10 with a limit", () => {
    expect(ruleBasedMatcher.match(deal, investors, { includeExcluded: true })).toHaveLength(10_000);
    const top = ruleBasedMatcher.match(deal, investors, { limit: 10 });
    expect(top).toHaveLength(10);
    expect(top).toEqual(ruleBasedMatcher.match(deal, investors).slice(0, 10));
  });
});
