// Formatting used in match reasons.
import { describe, expect, it } from "vitest";
import { formatMoneyShort, formatNumber, formatPercent, formatPropertyType } from "./format";

describe("formatPercent", () => {
  it("drops trailing zeros and binary noise", () => {
    expect(formatPercent(0.14)).toBe("14%"); // 0.14 × 100 = 14.000000000000002
    expect(formatPercent(0.07)).toBe("7%"); // 7.000000000000001
    expect(formatPercent(0.125)).toBe("12.5%");
    expect(formatPercent(0.1234)).toBe("12.34%");
    expect(formatPercent(0)).toBe("0%");
    expect(formatPercent(-0.05)).toBe("-5%");
    expect(formatPercent(1 / 7)).toBe("14.29%");
  });
});

describe("formatNumber", () => {
  it("keeps up to the decimals asked for", () => {
    expect(formatNumber(6.5)).toBe("6.5");
    expect(formatNumber(7)).toBe("7");
    expect(formatNumber(36.4, 0)).toBe("36");
    expect(formatNumber(-0.0001)).toBe("0");
    expect(formatNumber(100)).toBe("100");
  });
});

describe("formatMoneyShort", () => {
  it("abbreviates thousands and millions", () => {
    expect(formatMoneyShort(950)).toBe("$950");
    expect(formatMoneyShort(12_500)).toBe("$12.5k");
    expect(formatMoneyShort(250_000)).toBe("$250k");
    expect(formatMoneyShort(1_050_000)).toBe("$1.05M");
    expect(formatMoneyShort(1_200_000)).toBe("$1.2M");
    expect(formatMoneyShort(-40_000)).toBe("-$40k");
  });

  it("rounds up into the next unit rather than printing $1000k", () => {
    expect(formatMoneyShort(999_999)).toBe("$1M");
    expect(formatMoneyShort(999.7)).toBe("$1k");
  });
});

describe("formatPropertyType", () => {
  it("turns keys into words", () => {
    expect(formatPropertyType("single_family")).toBe("single family");
  });
});
