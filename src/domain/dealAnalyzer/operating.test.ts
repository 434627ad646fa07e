// Operating statement: GSR → EGI → OpEx → NOI, growth factors, zero rent.
import { describe, expect, it } from "vitest";
import { netOperatingIncome, operatingStatement } from "./operating";

// Worked by hand:
// GSR = 12 × 2,000 = 24,000; vacancy 5% = 1,200; other = 12 × 100 = 1,200; EGI = 24,000 − 1,200 + 1,200 = 24,000
// variable = 24,000 × (0.08 + 0.05 + 0.05) = 4,320; fixed = 3,000 + 1,200 + 480 = 4,680; OpEx = 9,000; NOI = 15,000
const duplex = {
  monthlyRent: 2_000,
  otherMonthlyIncome: 100,
  vacancyRate: 0.05,
  managementRate: 0.08,
  maintenanceRate: 0.05,
  capexRate: 0.05,
  annualPropertyTaxes: 3_000,
  annualInsurance: 1_200,
  annualOtherExpenses: 480,
};

describe("operatingStatement", () => {
  it("runs from gross rent to NOI", () => {
    const s = operatingStatement(duplex);
    expect(s.grossScheduledRent).toBe(24_000);
    expect(s.vacancyLoss).toBeCloseTo(1_200, 9);
    expect(s.otherIncome).toBe(1_200);
    expect(s.effectiveGrossIncome).toBeCloseTo(24_000, 9);
    expect(s.variableExpenses).toBeCloseTo(4_320, 9);
    expect(s.fixedExpenses).toBe(4_680);
    expect(s.operatingExpenses).toBeCloseTo(9_000, 9);
    expect(s.netOperatingIncome).toBeCloseTo(15_000, 9);
  });

  it("annualises monthly HOA and utilities", () => {
    // 12 × (150 + 200) = 4,200 of fixed expenses; NOI = 12,000 − 4,200 = 7,800
    const s = operatingStatement({ monthlyRent: 1_000, monthlyHoa: 150, monthlyUtilities: 200 });
    expect(s.fixedExpenses).toBe(4_200);
    expect(s.netOperatingIncome).toBe(7_800);
  });

  it("scales income and fixed expenses by growth factors", () => {
    // rent × 1.1: GSR 26,400, vacancy 1,320, other 1,320 → EGI 26,400; variable 18% = 4,752
    // fixed × 1.05 = 4,914; NOI = 26,400 − 4,752 − 4,914 = 16,734
    expect(operatingStatement(duplex, 1.1, 1.05).netOperatingIncome).toBeCloseTo(16_734, 6);
  });

  it("goes negative with zero rent: the expenses still have to be paid", () => {
    // EGI 0 → variable 0; fixed 4,680 → NOI −4,680
    expect(netOperatingIncome({ ...duplex, monthlyRent: 0, otherMonthlyIncome: 0 })).toBe(-4_680);
  });
});
