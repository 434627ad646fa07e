// Loan maths against the standard $200,000 / 6% / 30-year mortgage, 0% and interest-only loans.
import { describe, expect, it } from "vitest";
import { amortizationSchedule, annualDebtService, interestBetween, monthlyPayment, paymentsBetween, remainingBalance } from "./loan";

// The standard textbook mortgage: $200,000 at 6% for 30 years → $1,199.10 a month.
// r = 0.06 / 12 = 0.005, n = 360: PMT = 200,000 × 0.005 / (1 − 1.005^−360) = 1,000 / 0.833958… = 1,199.10
const mortgage = { principal: 200_000, annualRate: 0.06, years: 30 };

describe("monthlyPayment", () => {
  it("matches the published 30-year example", () => {
    expect(monthlyPayment(mortgage)).toBeCloseTo(1_199.1, 2);
    // Scales linearly with the principal: 0.75 × 1,199.10 = 899.33
    expect(monthlyPayment({ ...mortgage, principal: 150_000 })).toBeCloseTo(899.33, 2);
  });

  it("divides evenly at 0% interest", () => {
    // 120,000 / 120 months = 1,000
    expect(monthlyPayment({ principal: 120_000, annualRate: 0, years: 10 })).toBe(1_000);
  });

  it("charges interest only when asked", () => {
    // 100,000 × 0.06 / 12 = 500
    expect(monthlyPayment({ principal: 100_000, annualRate: 0.06, years: 30, interestOnly: true })).toBeCloseTo(500, 9);
  });

  it("is zero for no principal", () => {
    expect(monthlyPayment({ principal: 0, annualRate: 0.06, years: 30 })).toBe(0);
  });
});

describe("annualDebtService", () => {
  it("is twelve payments", () => {
    // 12 × 1,199.1011 = 14,389.21
    expect(annualDebtService(mortgage)).toBeCloseTo(14_389.21, 2);
  });
});

describe("remainingBalance", () => {
  it("matches the amortisation table after 1 and 5 years", () => {
    // B_k = P(1+r)^k − PMT((1+r)^k − 1)/r; k = 12: 200,000 × 1.061678 − 1,199.1011 × 12.335562 = 197,543.98
    expect(remainingBalance(mortgage, 12)).toBeCloseTo(197_543.98, 2);
    // k = 60: 200,000 × 1.348850 − 1,199.1011 × 69.770031 = 186,108.71
    expect(remainingBalance(mortgage, 60)).toBeCloseTo(186_108.71, 2);
  });

  it("is the principal before any payment and zero at maturity", () => {
    expect(remainingBalance(mortgage, 0)).toBe(200_000);
    expect(remainingBalance(mortgage, 360)).toBe(0);
    expect(remainingBalance(mortgage, 400)).toBe(0);
  });

  it("falls linearly at 0% and stays at the principal when interest-only", () => {
    // 120,000 − 1,000 × 60 = 60,000
    expect(remainingBalance({ principal: 120_000, annualRate: 0, years: 10 }, 60)).toBe(60_000);
    // The balloon is owed until paid off, even at maturity
    const io = { principal: 100_000, annualRate: 0.06, years: 5, interestOnly: true };
    expect(remainingBalance(io, 12)).toBe(100_000);
    expect(remainingBalance(io, 60)).toBe(100_000);
  });
});

describe("paymentsBetween and interestBetween", () => {
  it("splits year one into payments and interest", () => {
    // payments 14,389.21; principal repaid 200,000 − 197,543.98 = 2,456.02; interest = 14,389.21 − 2,456.02 = 11,933.19
    expect(paymentsBetween(mortgage, 0, 12)).toBeCloseTo(14_389.21, 2);
    expect(interestBetween(mortgage, 0, 12)).toBeCloseTo(11_933.19, 2);
  });

  it("counts nothing after the loan is paid off", () => {
    expect(paymentsBetween(mortgage, 360, 372)).toBe(0);
    expect(interestBetween(mortgage, 360, 372)).toBe(0);
  });

  it("makes all of an interest-only payment interest", () => {
    // 6 × 500 = 3,000
    expect(interestBetween({ principal: 100_000, annualRate: 0.06, years: 5, interestOnly: true }, 0, 6)).toBeCloseTo(3_000, 9);
  });
});

describe("amortizationSchedule", () => {
  const schedule = amortizationSchedule(mortgage);

  it("splits the first payment into 1,000 interest and 199.10 principal", () => {
    // interest_1 = 200,000 × 0.005 = 1,000; principal_1 = 1,199.10 − 1,000 = 199.10
    expect(schedule).toHaveLength(360);
    expect(schedule[0].interest).toBeCloseTo(1_000, 9);
    expect(schedule[0].principal).toBeCloseTo(199.1, 2);
    expect(schedule[0].balance).toBeCloseTo(199_800.9, 2);
  });

  it("agrees with the closed-form balance and ends at exactly zero", () => {
    expect(schedule[59].balance).toBeCloseTo(remainingBalance(mortgage, 60), 6);
    expect(schedule[359].balance).toBe(0);
  });

  it("repays the principal and charges 231,676.38 of interest in total", () => {
    // 360 × 1,199.1011 = 431,676.38 paid; − 200,000 principal = 231,676.38 interest
    const principal = schedule.reduce((sum, row) => sum + row.principal, 0);
    const interest = schedule.reduce((sum, row) => sum + row.interest, 0);
    expect(principal).toBeCloseTo(200_000, 6);
    expect(interest).toBeCloseTo(231_676.38, 2);
  });

  it("shows the balloon in an interest-only loan's last row", () => {
    // 1 year, 100,000 at 6%: 11 rows of 500, then 500 + 100,000
    const io = amortizationSchedule({ principal: 100_000, annualRate: 0.06, years: 1, interestOnly: true });
    expect(io).toHaveLength(12);
    expect(io[10]).toMatchObject({ principal: 0, balance: 100_000 });
    expect(io[10].payment).toBeCloseTo(500, 9);
    expect(io[11].payment).toBeCloseTo(100_500, 9);
    expect(io[11].balance).toBe(0);
  });

  it("is empty without principal", () => {
    expect(amortizationSchedule({ principal: 0, annualRate: 0.06, years: 30 })).toEqual([]);
  });
});
