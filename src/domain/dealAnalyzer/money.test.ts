// roundMoney: half away from zero, binary-noise safe.
import { describe, expect, it } from "vitest";
import { roundMoney } from "./money";

describe("roundMoney", () => {
  it("rounds to cents, half away from zero, despite binary noise", () => {
    // 1.005 is stored as 1.00499999999999989…; naive Math.round(1.005 * 100) / 100 gives 1.00.
    expect(roundMoney(1.005)).toBe(1.01);
    expect(roundMoney(-1.005)).toBe(-1.01);
    expect(roundMoney(1234.5678)).toBe(1234.57);
    expect(roundMoney(1199.1010503055138)).toBe(1199.1);
  });

  it("takes other precisions", () => {
    expect(roundMoney(1234.5, 0)).toBe(1235);
    expect(roundMoney(0.123456, 4)).toBe(0.1235);
  });

  it("never returns −0 and passes non-finite values through", () => {
    expect(Object.is(roundMoney(-0.001), 0)).toBe(true);
    expect(roundMoney(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
    expect(roundMoney(Number.NaN)).toBeNaN();
  });
});
