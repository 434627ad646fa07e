// Closing costs and cash to close, including 100% financing.
import { describe, expect, it } from "vitest";
import { cashToClose, closingCosts } from "./acquisition";

describe("closingCosts", () => {
  it("adds a percentage of the price and a fixed amount", () => {
    // 250,000 × 0.02 + 1,500 = 5,000 + 1,500 = 6,500
    expect(closingCosts({ price: 250_000, rate: 0.02, fixed: 1_500 })).toBeCloseTo(6_500, 9);
    expect(closingCosts({ price: 250_000 })).toBe(0);
  });
});

describe("cashToClose", () => {
  it("counts down payment, closing, points, cash repairs and holding", () => {
    // loan 200,000 on 250,000 → down 50,000; points 1% × 200,000 = 2,000
    // cash = 50,000 + 6,500 + 2,000 + 20,000 + 3,000 = 81,500; all-in = 250,000 + 6,500 + 2,000 + 20,000 + 3,000 = 281,500
    const cash = cashToClose({ purchasePrice: 250_000, closingCosts: 6_500, loanAmount: 200_000, pointsRate: 0.01, cashRepairs: 20_000, holdingCosts: 3_000 });
    expect(cash.downPayment).toBe(50_000);
    expect(cash.loanPoints).toBe(2_000);
    expect(cash.totalCashInvested).toBe(81_500);
    expect(cash.allInCost).toBe(281_500);
  });

  it("is zero with 100% financing and nothing else paid in cash", () => {
    expect(cashToClose({ purchasePrice: 250_000, closingCosts: 0, loanAmount: 250_000 }).totalCashInvested).toBe(0);
  });
});
