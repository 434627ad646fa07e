// Hard constraints: market specificity, amount bounds, type, accreditation.
import { describe, expect, it } from "vitest";
import { CONSTRAINT_BITS, constraintNames, failedConstraints, marketMatch } from "./constraints";
import { prepareDeal, prepareInvestor } from "./normalize";
import type { DealFacts, InvestorProfile } from "./types";

const deal: DealFacts = { id: "d", propertyType: "multifamily", state: "TX", city: "Austin", zip: "78704", askingAmount: 100_000, expectedReturn: 0.14, riskScore: 6, holdPeriodMonths: 36, leverageRatio: 0.7 };
const base: InvestorProfile = {
  id: "i",
  name: "I",
  propertyTypes: [],
  markets: { states: [], cities: [], zips: [] },
  minInvestment: 50_000,
  maxInvestment: 250_000,
  capitalAvailable: 400_000,
  targetReturn: 0.12,
  riskTolerance: 7,
  holdPeriodMonths: 36,
  leveragePreference: "moderate",
  accredited: false,
};
const market = (markets: Partial<InvestorProfile["markets"]>, d: DealFacts = deal) =>
  marketMatch(prepareInvestor({ ...base, markets: { ...base.markets, ...markets } }), prepareDeal(d));

describe("marketMatch", () => {
  it("picks the most specific match", () => {
    expect(market({ zips: ["78704"], cities: ["Austin, TX"], states: ["TX"] })).toBe("zip");
    expect(market({ zips: ["78701"], cities: ["Austin, TX"], states: ["TX"] })).toBe("city");
    expect(market({ zips: ["78701"], cities: ["Dallas, TX"], states: ["TX"] })).toBe("state");
    expect(market({})).toBe("any");
    expect(market({ states: ["CA"], zips: ["90210"] })).toBeNull();
  });

  it("matches a city only in the same state", () => {
    expect(market({ cities: ["Austin, MN"] })).toBeNull();
    // A bare city: any of the investor's states, or any state when none are listed
    expect(market({ cities: ["Austin"] })).toBe("city");
    expect(market({ cities: ["Austin"], states: ["TX"] })).toBe("city");
    expect(market({ cities: ["Austin"], states: ["MN"] })).toBeNull();
  });

  it("compares ZIP+4 by its first five digits", () => {
    expect(market({ zips: ["78704"] }, { ...deal, zip: "78704-1234" })).toBe("zip");
  });
});

describe("failedConstraints", () => {
  const check = (investor: InvestorProfile, d: DealFacts = deal) => {
    const p = prepareInvestor(investor);
    const pd = prepareDeal(d);
    return constraintNames(failedConstraints(investor, p, d, pd, marketMatch(p, pd)));
  };

  it("passes an investor who fits", () => {
    expect(check(base)).toEqual([]);
  });

  it("checks the amount against min, max and capital (bounds inclusive)", () => {
    expect(check({ ...base, minInvestment: 100_000, maxInvestment: 100_000, capitalAvailable: 100_000 })).toEqual([]);
    expect(check({ ...base, minInvestment: 150_000 })).toEqual(["amount_below_minimum"]);
    expect(check({ ...base, maxInvestment: 80_000, capitalAvailable: 90_000 })).toEqual(["amount_above_maximum", "insufficient_capital"]);
  });

  it("checks property type case-insensitively, empty meaning any", () => {
    expect(check({ ...base, propertyTypes: ["Multifamily"] })).toEqual([]);
    expect(check({ ...base, propertyTypes: ["single_family", "condo"] })).toEqual(["property_type"]);
  });

  it("checks market and accreditation", () => {
    expect(check({ ...base, markets: { states: ["CA"], cities: [], zips: [] } })).toEqual(["market"]);
    expect(check(base, { ...deal, accreditedOnly: true })).toEqual(["accreditation"]);
    expect(check({ ...base, accredited: true }, { ...deal, accreditedOnly: true })).toEqual([]);
  });

  it("uses one bit per constraint", () => {
    const bits = Object.values(CONSTRAINT_BITS);
    expect(new Set(bits).size).toBe(bits.length);
    expect(bits.every((b) => (b & (b - 1)) === 0)).toBe(true);
  });
});
