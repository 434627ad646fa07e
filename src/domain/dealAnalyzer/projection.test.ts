// Hold-period projection: growth, debt service, sale at an exit cap rate, IRR, equity multiple.
import { describe, expect, it } from "vitest";
import { npv } from "./irr";
import { remainingBalance } from "./loan";
import { projectHold } from "./projection";

// NOI 10,000 in year one: rent 1,000 a month (12,000) less 2,000 of fixed expenses.
const simple = { monthlyRent: 1_000, annualOtherExpenses: 2_000 };

describe("projectHold, all cash", () => {
  // 10% rent growth, 2-year hold, exit cap 8%, 100,000 in:
  // NOI1 = 10,000; NOI2 = 13,200 − 2,000 = 11,200; NOI3 = 14,520 − 2,000 = 12,520 → sale 12,520 / 0.08 = 156,500
  // flows −100,000, 10,000, 11,200 + 156,500 = 167,700
  const projection = projectHold({ operating: simple, initialEquity: 100_000, holdYears: 2, rentGrowthRate: 0.1, exitCapRate: 0.08 });

  it("grows NOI and sells on the following year's NOI", () => {
    expect(projection.years.map((y) => y.netOperatingIncome)).toEqual([10_000, expect.closeTo(11_200, 6)]);
    expect(projection.years.every((y) => y.debtService === 0)).toBe(true);
    expect(projection.sale.salePrice).toBeCloseTo(156_500, 6);
    expect(projection.cashFlows).toEqual([-100_000, 10_000, expect.closeTo(167_700, 6)]);
    expect(projection.totalProfit).toBeCloseTo(77_700, 6);
  });

  it("computes IRR and equity multiple from those flows", () => {
    // Equity multiple = (10,000 + 167,700) / 100,000 = 1.777
    expect(projection.equityMultiple).toBeCloseTo(1.777, 9);
    // IRR: with x = 1/(1+r), 167,700x² + 10,000x − 100,000 = 0
    // x = (−10,000 + √(10,000² + 4 × 167,700 × 100,000)) / (2 × 167,700) = (−10,000 + 259,191.05) / 335,400 = 0.742967
    // r = 1 / 0.742967 − 1 = 34.60%
    expect(projection.irr).toBeCloseTo(0.345955, 5);
    expect(projection.npv).toBeNull();
  });

  it("grows fixed expenses separately from rent", () => {
    // 10% expense growth, no rent growth: NOI2 = 12,000 − 2,200 = 9,800
    const p = projectHold({ operating: simple, initialEquity: 100_000, holdYears: 2, expenseGrowthRate: 0.1, exitCapRate: 0.08 });
    expect(p.years[1].operatingExpenses).toBeCloseTo(2_200, 9);
    expect(p.years[1].netOperatingIncome).toBeCloseTo(9_800, 9);
  });

  it("discounts the flows when given a rate", () => {
    // −100,000 + 10,000 / 1.1 + 167,700 / 1.21 = −100,000 + 9,090.91 + 138,595.04 = 47,685.95
    const p = projectHold({ operating: simple, initialEquity: 100_000, holdYears: 2, rentGrowthRate: 0.1, exitCapRate: 0.08, discountRate: 0.1 });
    expect(p.npv).toBeCloseTo(47_685.95, 2);
  });
});

describe("projectHold with a loan", () => {
  // The duplex: NOI 15,000 flat; 150,000 at 6% for 30 years (PMT 899.3258, 10,791.91 a year); 73,000 in;
  // 5 years; exit cap 7.5% → 200,000; 6% selling costs = 12,000; payoff after 60 months = 0.75 × 186,108.71 = 139,581.54
  const operating = { monthlyRent: 1_250 }; // 15,000 NOI with no expenses
  const loan = { principal: 150_000, annualRate: 0.06, years: 30 };
  const projection = projectHold({ operating, initialEquity: 73_000, loan, holdYears: 5, exitCapRate: 0.075, sellingCostRate: 0.06 });

  it("takes debt service out of each year's cash flow", () => {
    // 15,000 − 10,791.91 = 4,208.09
    for (const year of projection.years) {
      expect(year.debtService).toBeCloseTo(10_791.91, 2);
      expect(year.cashFlow).toBeCloseTo(4_208.09, 2);
    }
  });

  it("pays off the loan balance from the sale", () => {
    // 200,000 − 12,000 − 139,581.54 = 48,418.46
    expect(projection.sale.sellingCosts).toBeCloseTo(12_000, 6);
    expect(projection.sale.loanPayoff).toBeCloseTo(139_581.54, 2);
    expect(projection.sale.netSaleProceeds).toBeCloseTo(48_418.46, 2);
  });

  it("reports a losing hold as a negative IRR and a multiple below 1", () => {
    // (5 × 4,208.09 + 48,418.46) / 73,000 = 69,458.92 / 73,000 = 0.9515
    expect(projection.equityMultiple).toBeCloseTo(0.951492, 6);
    expect(projection.irr).toBeLessThan(0);
    expect(npv(projection.irr!, projection.cashFlows)).toBeCloseTo(0, 6);
  });

  it("shifts the loan by the months paid before year one", () => {
    const shifted = projectHold({ operating, initialEquity: 73_000, loan, loanMonthsBeforeYear1: 6, holdYears: 5, exitCapRate: 0.075 });
    expect(shifted.sale.loanPayoff).toBeCloseTo(remainingBalance(loan, 66), 6);
  });

  it("repays an interest-only balloon at the sale", () => {
    // 5-year interest-only loan, sold at month 60: payoff is the full 150,000; debt service 150,000 × 6% = 9,000
    const io = projectHold({ operating, initialEquity: 73_000, loan: { ...loan, years: 5, interestOnly: true }, holdYears: 5, exitCapRate: 0.075 });
    expect(io.years[4].debtService).toBeCloseTo(9_000, 6);
    expect(io.sale.loanPayoff).toBe(150_000);
  });

  it("stops debt service once a short loan is repaid", () => {
    // 12,000 at 0% over 1 year: 12,000 in year 1, nothing in year 2, nothing to pay off
    const p = projectHold({ operating, initialEquity: 10_000, loan: { principal: 12_000, annualRate: 0, years: 1 }, holdYears: 2, exitCapRate: 0.075 });
    expect(p.years.map((y) => y.debtService)).toEqual([12_000, 0]);
    expect(p.sale.loanPayoff).toBe(0);
  });

  it("lets an underwater sale go negative", () => {
    // Zero rent: NOI 0 → sale price 0; net = 0 − 0 − 139,581.54
    const p = projectHold({ operating: { monthlyRent: 0 }, initialEquity: 73_000, loan, holdYears: 5, exitCapRate: 0.075 });
    expect(p.sale.netSaleProceeds).toBeCloseTo(-139_581.54, 2);
    expect(p.irr).toBeNull(); // every flow negative: no IRR
  });
});

describe("projectHold input guards", () => {
  it("refuses a zero exit cap rate and a fractional hold", () => {
    expect(() => projectHold({ operating: simple, initialEquity: 1, holdYears: 5, exitCapRate: 0 })).toThrow(RangeError);
    expect(() => projectHold({ operating: simple, initialEquity: 1, holdYears: 1.5, exitCapRate: 0.07 })).toThrow(RangeError);
    expect(() => projectHold({ operating: simple, initialEquity: 1, holdYears: 0, exitCapRate: 0.07 })).toThrow(RangeError);
  });
});
