// analyzeDeal on a hand-worked duplex, plus all-cash, 100% financing, negative cash flow and zero rent.
import { describe, expect, it } from "vitest";
import { analyzeDeal } from "./analyzeDeal";
import { dealAnalysisInputSchema, type DealAnalysisFormValues } from "./schemas";

// A duplex, worked by hand:
// price 200,000; closing 2% + 1,000 = 5,000; repairs 10,000 + 5,000 = 15,000 + 10% = 16,500
// loan 75% = 150,000 at 6%/30y → PMT 899.33, 10,791.91 a year; points 1% = 1,500
// cash invested = 50,000 + 5,000 + 1,500 + 16,500 = 73,000; all-in = 200,000 + 5,000 + 1,500 + 16,500 = 223,000
// NOI 15,000 (see operating.test.ts); cash flow = 15,000 − 10,791.91 = 4,208.09 (350.67 a month)
// ARV 260,000: MAO = 260,000 × 0.70 − 16,500 = 165,500
const duplex: DealAnalysisFormValues = {
  purchase: { purchasePrice: 200_000, arv: 260_000, closingCostRate: 0.02, closingCostFixed: 1_000 },
  repairs: {
    items: [
      { label: "Flooring", cost: 10_000 },
      { label: "Paint", cost: 5_000 },
    ],
    contingencyRate: 0.1,
  },
  financing: { loanToValue: 0.75, annualRate: 0.06, amortizationYears: 30, pointsRate: 0.01 },
  operating: {
    monthlyRent: 2_000,
    otherMonthlyIncome: 100,
    vacancyRate: 0.05,
    managementRate: 0.08,
    maintenanceRate: 0.05,
    capexRate: 0.05,
    annualPropertyTaxes: 3_000,
    annualInsurance: 1_200,
    annualOtherExpenses: 480,
  },
  projection: { holdYears: 5, exitCapRate: 0.075, sellingCostRate: 0.06 },
};

const analyze = (values: DealAnalysisFormValues) => analyzeDeal(dealAnalysisInputSchema.parse(values));

describe("analyzeDeal", () => {
  const result = analyze(duplex);

  it("totals the purchase", () => {
    expect(result.repairs.total).toBeCloseTo(16_500, 9);
    expect(result.closingCosts).toBeCloseTo(5_000, 9);
    expect(result.loanAmount).toBe(150_000);
    expect(result.loan).toEqual({ principal: 150_000, annualRate: 0.06, years: 30, interestOnly: false });
    expect(result.downPayment).toBe(50_000);
    expect(result.loanPoints).toBe(1_500);
    expect(result.totalCashInvested).toBeCloseTo(73_000, 9);
    expect(result.allInCost).toBeCloseTo(223_000, 9);
  });

  it("applies the 70% rule to the ARV", () => {
    expect(result.maxAllowableOffer).toBeCloseTo(165_500, 9);
    expect(result.meetsMaxAllowableOffer).toBe(false);
  });

  it("computes NOI, cap rates, cash flow, CoC and DSCR", () => {
    expect(result.operating.netOperatingIncome).toBeCloseTo(15_000, 9);
    expect(result.capRate).toBeCloseTo(0.075, 12); // 15,000 / 200,000
    expect(result.capRateOnCost).toBeCloseTo(0.067265, 6); // 15,000 / 223,000
    expect(result.monthlyDebtService).toBeCloseTo(899.33, 2);
    expect(result.annualDebtService).toBeCloseTo(10_791.91, 2);
    expect(result.annualCashFlow).toBeCloseTo(4_208.09, 2);
    expect(result.monthlyCashFlow).toBeCloseTo(350.67, 2);
    expect(result.cashOnCash).toBeCloseTo(0.057645, 6); // 4,208.09 / 73,000
    expect(result.dscr).toBeCloseTo(1.38993, 5); // 15,000 / 10,791.91
  });

  it("projects the hold with the same equity and loan", () => {
    expect(result.projection.cashFlows[0]).toBeCloseTo(-73_000, 9);
    expect(result.projection.sale.salePrice).toBeCloseTo(200_000, 6); // 15,000 / 0.075
    expect(result.projection.sale.loanPayoff).toBeCloseTo(139_581.54, 2);
    expect(result.projection.equityMultiple).toBeCloseTo(0.951492, 6); // see projection.test.ts
  });

  it("buys with cash when there is no financing: no DSCR, cash flow = NOI", () => {
    const cash = analyze({ ...duplex, financing: null });
    expect(cash.loanAmount).toBe(0);
    expect(cash.loan).toBeNull();
    expect(cash.annualDebtService).toBe(0);
    expect(cash.dscr).toBeNull();
    // 200,000 + 5,000 + 16,500 = 221,500 in; CoC = 15,000 / 221,500 = 6.772%
    expect(cash.totalCashInvested).toBeCloseTo(221_500, 9);
    expect(cash.cashOnCash).toBeCloseTo(0.067720, 6);
  });

  it("gives a null cash-on-cash with 100% financing and nothing else in", () => {
    const full = analyze({
      ...duplex,
      purchase: { purchasePrice: 200_000 },
      repairs: { items: [] },
      financing: { loanToValue: 1, annualRate: 0.06, amortizationYears: 30 },
    });
    // down 0, closing 0, points 0, repairs 0 → 0 in; loan 200,000 → 1,199.10 a month
    expect(full.totalCashInvested).toBe(0);
    expect(full.cashOnCash).toBeNull();
    expect(full.monthlyDebtService).toBeCloseTo(1_199.1, 2);
    // 15,000 − 14,389.21 = 610.79 a year: positive, but nothing invested → no IRR, no multiple
    expect(full.annualCashFlow).toBeCloseTo(610.79, 2);
    expect(full.projection.irr).toBeNull();
    expect(full.projection.equityMultiple).toBeNull();
    expect(full.maxAllowableOffer).toBeNull();
  });

  it("shows negative cash flow and CoC when rent does not carry the loan", () => {
    // Rent 1,000: GSR 12,000, vacancy 600, other 1,200 → EGI 12,600; variable 18% = 2,268; fixed 4,680
    // NOI = 12,600 − 2,268 − 4,680 = 5,652; cash flow = 5,652 − 10,791.91 = −5,139.91; CoC = −5,139.91 / 73,000
    const thin = analyze({ ...duplex, operating: { ...duplex.operating, monthlyRent: 1_000 } });
    expect(thin.operating.netOperatingIncome).toBeCloseTo(5_652, 9);
    expect(thin.annualCashFlow).toBeCloseTo(-5_139.91, 2);
    expect(thin.monthlyCashFlow).toBeCloseTo(-428.33, 2);
    expect(thin.cashOnCash).toBeCloseTo(-0.070410, 6);
    expect(thin.dscr).toBeCloseTo(0.523726, 6); // 5,652 / 10,791.91
  });

  it("handles zero rent: negative NOI, cap rate and DSCR", () => {
    // NOI = −4,680 (fixed expenses only); cap rate = −4,680 / 200,000 = −2.34%
    const empty = analyze({ ...duplex, operating: { ...duplex.operating, monthlyRent: 0, otherMonthlyIncome: 0 } });
    expect(empty.operating.netOperatingIncome).toBe(-4_680);
    expect(empty.capRate).toBeCloseTo(-0.0234, 12);
    expect(empty.dscr).toBeLessThan(0);
    expect(empty.projection.sale.salePrice).toBeLessThan(0); // a negative NOI capitalises to a negative value
  });

  it("adds rehab holding costs, loan payments included, to the cash invested", () => {
    // 3 months × (250 + 100 + 150) = 1,500 + 3 × 899.3258 = 2,697.98 → 4,197.98; cash = 73,000 + 4,197.98
    const rehab = analyze({ ...duplex, holding: { months: 3, monthlyTaxes: 250, monthlyInsurance: 100, monthlyUtilities: 150 } });
    expect(rehab.holding.total).toBeCloseTo(4_197.98, 2);
    expect(rehab.totalCashInvested).toBeCloseTo(77_197.98, 2);
  });
});
