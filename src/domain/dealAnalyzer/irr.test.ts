// NPV and IRR against textbook and Microsoft Excel documentation examples.
import { describe, expect, it } from "vitest";
import { irr, npv } from "./irr";

describe("npv", () => {
  it("does not discount the first flow", () => {
    // −100 + 110 / 1.1 = 0
    expect(npv(0.1, [-100, 110])).toBeCloseTo(0, 12);
  });

  it("matches Excel's NPV example once shifted to t = 1", () => {
    // Microsoft's NPV docs: rate 10%, −10,000 (end of year 1), 3,000, 4,200, 6,800 → $1,188.44.
    // Excel discounts its first value one period, so it sits at t = 1 here behind a 0 at t = 0.
    expect(npv(0.1, [0, -10_000, 3_000, 4_200, 6_800])).toBeCloseTo(1_188.44, 2);
  });
});

describe("irr", () => {
  it("solves the textbook example", () => {
    // −100, 30, 35, 40, 45 → IRR ≈ 17.09%
    const rate = irr([-100, 30, 35, 40, 45]);
    expect(rate).toBeCloseTo(0.1709, 4);
    expect(npv(rate!, [-100, 30, 35, 40, 45])).toBeCloseTo(0, 6);
  });

  it("matches Microsoft's IRR examples, negative rates included", () => {
    // Excel docs: −70,000 then 12,000, 15,000, 18,000, 21,000 (, 26,000): 4 years → −2.1%, 5 years → 8.7%;
    // two years with guess −10% → −44.4%
    expect(irr([-70_000, 12_000, 15_000, 18_000, 21_000, 26_000])).toBeCloseTo(0.0866, 4);
    expect(irr([-70_000, 12_000, 15_000, 18_000, 21_000])).toBeCloseTo(-0.0212, 4);
    expect(irr([-70_000, 12_000, 15_000], -0.1)).toBeCloseTo(-0.4435, 4);
  });

  it("solves a one-period deal exactly", () => {
    // −100 → 125 a year later: 25%
    expect(irr([-100, 125])).toBeCloseTo(0.25, 10);
  });

  it("is null when the flows never change sign", () => {
    expect(irr([100, 30, 35])).toBeNull();
    expect(irr([-100, -30])).toBeNull();
    expect(irr([0, 0])).toBeNull();
    expect(irr([])).toBeNull();
  });

  it("falls back to bisection when Newton starts far away", () => {
    // A guess of 1,000% makes Newton overshoot below −100%; bisection still finds 17.09%
    expect(irr([-100, 30, 35, 40, 45], 10)).toBeCloseTo(0.1709, 4);
    // A near-total loss: −100 → 1 a year later is −99%; Newton's first step from 10% lands at −11,980%
    expect(irr([-100, 1])).toBeCloseTo(-0.99, 8);
  });

  it("reaches very high rates", () => {
    // −1 → 1,000 a year later is 99,900%
    expect(irr([-1, 1_000])).toBeCloseTo(999, 6);
  });
});
