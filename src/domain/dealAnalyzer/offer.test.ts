// Maximum allowable offer: 70% rule, custom percentage, wholesale fee, negative MAO.
import { describe, expect, it } from "vitest";
import { maxAllowableOffer } from "./offer";

describe("maxAllowableOffer", () => {
  it("applies the 70% rule by default", () => {
    // 200,000 × 0.70 − 30,000 = 140,000 − 30,000 = 110,000
    expect(maxAllowableOffer({ arv: 200_000, repairs: 30_000 })).toBeCloseTo(110_000, 6);
  });

  it("takes a custom percentage and a wholesale fee", () => {
    // 200,000 × 0.65 − 30,000 = 100,000; − 10,000 fee = 90,000
    expect(maxAllowableOffer({ arv: 200_000, repairs: 30_000, percent: 0.65 })).toBeCloseTo(100_000, 6);
    expect(maxAllowableOffer({ arv: 200_000, repairs: 30_000, percent: 0.65, wholesaleFee: 10_000 })).toBeCloseTo(90_000, 6);
  });

  it("goes negative instead of clamping when repairs swamp the ARV", () => {
    // 50,000 × 0.70 − 40,000 = 35,000 − 40,000 = −5,000
    expect(maxAllowableOffer({ arv: 50_000, repairs: 40_000 })).toBeCloseTo(-5_000, 6);
  });
});
