// Holding costs over N months, loan payments included.
import { describe, expect, it } from "vitest";
import { holdingCosts } from "./holding";

describe("holdingCosts", () => {
  it("multiplies each monthly cost by the months held", () => {
    // 4 × (300 + 100 + 150 + 50) = 4 × 600 = 2,400
    const costs = holdingCosts({ months: 4, monthlyTaxes: 300, monthlyInsurance: 100, monthlyUtilities: 150, monthlyOther: 50 });
    expect(costs).toEqual({ taxes: 1_200, insurance: 400, utilities: 600, other: 200, financing: 0, total: 2_400 });
  });

  it("adds the loan payments made while holding", () => {
    // Interest-only 120,000 at 12% → 120,000 × 0.01 = 1,200 / month; 3 months = 3,600
    const costs = holdingCosts({ months: 3, loan: { principal: 120_000, annualRate: 0.12, years: 1, interestOnly: true } });
    expect(costs.financing).toBeCloseTo(3_600, 9);
    expect(costs.total).toBeCloseTo(3_600, 9);
  });

  it("stops counting loan payments after the loan's term", () => {
    // 0% over 1 year: 12,000 / 12 = 1,000 a month for 12 months only, even if held 18
    const costs = holdingCosts({ months: 18, loan: { principal: 12_000, annualRate: 0, years: 1 } });
    expect(costs.financing).toBe(12_000);
  });

  it("is zero for zero months", () => {
    expect(holdingCosts({ months: 0, monthlyTaxes: 300 }).total).toBe(0);
  });
});
