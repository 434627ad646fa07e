import { describe, expect, it } from "vitest";
import { coverage, mae, mape, pinballLoss, rmse } from "./regression";

describe("regression metrics (hand-worked values)", () => {
  const pred = [1, 2, 3];
  const y = [1, 4, 0];
  it("RMSE, MAE", () => {
    expect(rmse(pred, y)).toBeCloseTo(Math.sqrt(13 / 3), 15);
    expect(mae(pred, y)).toBeCloseTo(5 / 3, 15);
  });
  it("MAPE skips zero targets", () => {
    expect(mape(pred, y)).toBeCloseTo((0 + 2 / 4) / 2, 15);
    expect(mape([1], [0])).toBeNaN();
  });
  it("pinball loss weights under-prediction by alpha and over-prediction by 1 − alpha", () => {
    // y = 10 vs 5: under by 5 → 0.9·5; y = 0 vs 5: over by 5 → 0.1·5.
    expect(pinballLoss([5, 5], [10, 0], 0.9)).toBeCloseTo((4.5 + 0.5) / 2, 15);
  });
  it("coverage counts y ≤ prediction", () => {
    expect(coverage([1, 2, 3, 4], [0, 2, 5, 5])).toBe(0.5);
  });
});
