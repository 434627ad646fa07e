// Repair budget: line items plus contingency.
import { describe, expect, it } from "vitest";
import { repairBudget } from "./repairs";

describe("repairBudget", () => {
  it("sums the line items and adds the contingency", () => {
    // 12,000 + 8,500 + 4,500 = 25,000; 10% contingency = 2,500; total 27,500
    const budget = repairBudget(
      [
        { label: "Roof", cost: 12_000 },
        { label: "Kitchen", cost: 8_500 },
        { label: "Paint", cost: 4_500 },
      ],
      0.1,
    );
    expect(budget.subtotal).toBe(25_000);
    expect(budget.contingency).toBeCloseTo(2_500, 9);
    expect(budget.total).toBeCloseTo(27_500, 9);
  });

  it("is zero with no items", () => {
    expect(repairBudget([], 0.1)).toEqual({ subtotal: 0, contingency: 0, total: 0 });
  });
});
