import { describe, expect, it } from "vitest";
import { auc, brier, expectedCalibrationError, logLoss } from "./classification";

describe("classification metrics (hand-worked values)", () => {
  it("AUC gives tied scores half credit", () => {
    // Pairs (pos, neg): (0.4, 0.1) = 1, (0.4, 0.4) = ½, (0.8, 0.1) = 1, (0.8, 0.4) = 1 → 3.5 / 4.
    expect(auc([0.1, 0.4, 0.4, 0.8], [0, 0, 1, 1])).toBeCloseTo(0.875, 15);
    expect(auc([0.9, 0.1], [0, 1])).toBe(0);
    expect(auc([0.5, 0.5, 0.5], [1, 0, 1])).toBe(0.5);
    expect(auc([0.2, 0.3], [1, 1])).toBeNaN();
  });

  it("log-loss and Brier", () => {
    expect(logLoss([0.9, 0.2], [1, 0])).toBeCloseTo(-(Math.log(0.9) + Math.log(0.8)) / 2, 15);
    const clipped = logLoss([0, 1], [1, 0]); // confidently wrong: clipped, not infinite
    expect(clipped).toBeGreaterThan(34);
    expect(clipped).toBeLessThan(35);
    expect(brier([0.9, 0.2], [1, 0])).toBeCloseTo(0.025, 15);
  });

  it("expected calibration error over 10 equal-width bins", () => {
    // Four singleton bins: |0.05 − 0|, |0.15 − 1|, |0.85 − 1|, |0.95 − 1|, each weighted ¼.
    expect(expectedCalibrationError([0.05, 0.15, 0.95, 0.85], [0, 1, 1, 1])).toBeCloseTo((0.05 + 0.85 + 0.15 + 0.05) / 4, 15);
    // Within one bin only the means matter: mean p 0.54 vs 50% positives.
    expect(expectedCalibrationError([0.5, 0.58], [1, 0])).toBeCloseTo(0.04, 15);
    expect(expectedCalibrationError([1, 1], [1, 1])).toBe(0);
  });
});
