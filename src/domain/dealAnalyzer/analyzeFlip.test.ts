// analyzeFlip on a hand-worked hard-money flip, plus amortising, loss and no-cash cases.
import { describe, expect, it } from "vitest";
import { analyzeFlip } from "./analyzeFlip";
import { flipInputSchema, type FlipFormValues } from "./schemas";

// Worked by hand:
// ARV 300,000; price 180,000; closing 2% = 3,600; repairs 40,000
// hard money 90% = 162,000 at 12% interest-only → 1,620 a month; 2 points = 3,240
// 6 months: (250 + 100 + 150) × 6 = 3,000 + loan 1,620 × 6 = 9,720 → holding 12,720
// cash in = 18,000 + 3,600 + 3,240 + 40,000 + 12,720 = 77,560
// sale: 300,000 − 6% (18,000) − payoff 162,000 = 120,000 → profit 120,000 − 77,560 = 42,440
// project cost = 180,000 + 3,600 + 3,240 + 40,000 + 3,000 + 9,720 + 18,000 = 257,560 (= 300,000 − 42,440)
// MAO = 300,000 × 0.70 − 40,000 = 170,000
const flip: FlipFormValues = {
  purchase: { purchasePrice: 180_000, arv: 300_000, closingCostRate: 0.02 },
  repairs: { items: [{ label: "Full rehab", cost: 40_000 }] },
  financing: { loanToValue: 0.9, annualRate: 0.12, amortizationYears: 1, interestOnly: true, pointsRate: 0.02 },
  holding: { months: 6, monthlyTaxes: 250, monthlyInsurance: 100, monthlyUtilities: 150 },
  sellingCostRate: 0.06,
};

const analyze = (values: FlipFormValues) => analyzeFlip(flipInputSchema.parse(values));

describe("analyzeFlip", () => {
  const result = analyze(flip);

  it("totals costs and cash in", () => {
    expect(result.closingCosts).toBeCloseTo(3_600, 9);
    expect(result.loanAmount).toBeCloseTo(162_000, 9);
    expect(result.loanPoints).toBeCloseTo(3_240, 9);
    expect(result.holding.financing).toBeCloseTo(9_720, 9);
    expect(result.holding.total).toBeCloseTo(12_720, 9);
    expect(result.interestPaid).toBeCloseTo(9_720, 9);
    expect(result.totalCashInvested).toBeCloseTo(77_560, 9);
    expect(result.totalProjectCost).toBeCloseTo(257_560, 9);
  });

  it("computes profit and returns", () => {
    expect(result.sellingCosts).toBeCloseTo(18_000, 9);
    expect(result.loanPayoff).toBeCloseTo(162_000, 9);
    expect(result.netSaleProceeds).toBeCloseTo(120_000, 9);
    expect(result.profit).toBeCloseTo(42_440, 9);
    expect(result.roi).toBeCloseTo(0.547189, 6); // 42,440 / 77,560
    expect(result.returnOnCost).toBeCloseTo(0.164777, 6); // 42,440 / 257,560
    expect(result.profitMargin).toBeCloseTo(0.141467, 6); // 42,440 / 300,000
  });

  it("checks the price against the MAO, custom percentage included", () => {
    expect(result.maxAllowableOffer).toBeCloseTo(170_000, 9);
    expect(result.meetsMaxAllowableOffer).toBe(false);
    // 75%: 225,000 − 40,000 = 185,000 ≥ 180,000
    const at75 = analyze({ ...flip, offer: { maoPercent: 0.75 } });
    expect(at75.maxAllowableOffer).toBeCloseTo(185_000, 9);
    expect(at75.meetsMaxAllowableOffer).toBe(true);
  });

  it("counts only interest as a cost when the loan amortises", () => {
    // 0% amortising loan of 120,000 over 10 years: 1,000 a month is all principal, so 6 payments (6,000)
    // come back at the sale as a smaller payoff (114,000) and the profit is the all-cash profit.
    // All cash: 300,000 − 18,000 − 180,000 − 3,600 − 40,000 − 3,000 = 55,400
    const amortising = analyze({ ...flip, financing: { loanToValue: 120_000 / 180_000, annualRate: 0, amortizationYears: 10 } });
    const allCash = analyze({ ...flip, financing: null });
    expect(amortising.interestPaid).toBeCloseTo(0, 9);
    expect(amortising.loanPayoff).toBeCloseTo(114_000, 6);
    expect(amortising.profit).toBeCloseTo(55_400, 6);
    expect(allCash.profit).toBeCloseTo(55_400, 9);
    // ROI on cash differs: 55,400 / (60,000 + 3,600 + 40,000 + 3,000 + 6,000) vs 55,400 / (180,000 + 3,600 + 40,000 + 3,000)
    expect(amortising.roi).toBeCloseTo(55_400 / 112_600, 9);
    expect(allCash.roi).toBeCloseTo(55_400 / 226_600, 9);
  });

  it("reports a loss when the ARV does not cover the costs", () => {
    // ARV 250,000: sale 250,000 − 15,000 − 162,000 = 73,000; profit 73,000 − 77,560 = −4,560
    const loss = analyze({ ...flip, purchase: { ...flip.purchase, arv: 250_000 } });
    expect(loss.profit).toBeCloseTo(-4_560, 9);
    expect(loss.roi).toBeLessThan(0);
  });

  it("gives a null ROI when nothing was invested", () => {
    // 100% financing, no repairs, no closing, no holding: the profit is pure leverage
    const noCash = analyze({
      purchase: { purchasePrice: 100_000, arv: 120_000 },
      financing: { loanToValue: 1, annualRate: 0, amortizationYears: 30, interestOnly: true },
      holding: { months: 0 },
    });
    expect(noCash.totalCashInvested).toBe(0);
    expect(noCash.profit).toBe(20_000);
    expect(noCash.roi).toBeNull();
  });
});
