// Key normalisation and investor preparation.
import { describe, expect, it } from "vitest";
import { cityKey, prepareDeal, preparedInvestor, prepareInvestor, propertyTypeKey, stateKey, zipKey } from "./normalize";
import type { InvestorProfile } from "./types";

const investor = (markets: Partial<InvestorProfile["markets"]>, propertyTypes: string[] = []): InvestorProfile => ({
  id: "i",
  name: "I",
  propertyTypes,
  markets: { states: [], cities: [], zips: [], ...markets },
  minInvestment: 0,
  maxInvestment: 1e9,
  capitalAvailable: 1e9,
  targetReturn: 0.1,
  riskTolerance: 5,
  holdPeriodMonths: 36,
  leveragePreference: "moderate",
  accredited: true,
});

describe("keys", () => {
  it("normalise case, spacing, state names and ZIP+4", () => {
    expect(propertyTypeKey(" Single Family ")).toBe("single_family");
    expect(propertyTypeKey("mixed-use")).toBe("mixed_use");
    expect(stateKey("texas")).toBe("TX");
    expect(stateKey("tx")).toBe("TX");
    expect(cityKey(" San  Antonio ")).toBe("san antonio");
    expect(zipKey("78704-1234")).toBe("78704");
  });
});

describe("prepareInvestor", () => {
  it("splits state-qualified cities from bare ones", () => {
    const p = prepareInvestor(investor({ cities: ["Austin, Texas", "Round Rock", "Springfield, IL"], states: ["tx"], zips: ["78704-0001"] }, ["Multifamily"]));
    expect([...p.citiesInState]).toEqual(["austin|TX", "springfield|IL"]);
    expect([...p.cities]).toEqual(["round rock"]);
    expect([...p.states]).toEqual(["TX"]);
    expect([...p.zips]).toEqual(["78704"]);
    expect([...(p.propertyTypes ?? [])]).toEqual(["multifamily"]);
    expect(p.anyMarket).toBe(false);
  });

  it("treats empty preferences as any", () => {
    const p = prepareInvestor(investor({}));
    expect(p.propertyTypes).toBeNull();
    expect(p.anyMarket).toBe(true);
  });

  it("is cached per profile object", () => {
    const profile = investor({ states: ["TX"] });
    expect(preparedInvestor(profile)).toBe(preparedInvestor(profile));
    expect(preparedInvestor({ ...profile })).not.toBe(preparedInvestor(profile));
  });
});

describe("prepareDeal", () => {
  it("builds the city-in-state key", () => {
    expect(prepareDeal({ id: "d", propertyType: "Condo", state: "Texas", city: " Austin", zip: "78704-1234", askingAmount: 1, expectedReturn: 0, riskScore: 1, holdPeriodMonths: 1, leverageRatio: 0 })).toEqual({
      propertyType: "condo",
      state: "TX",
      city: "austin",
      cityInState: "austin|TX",
      zip: "78704",
    });
  });
});
