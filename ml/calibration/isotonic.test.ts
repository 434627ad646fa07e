import { describe, expect, it } from "vitest";
import { expectedCalibrationError } from "../metrics/classification";
import { mulberry32 } from "../random/mulberry32";
import { applyIsotonic, fitIsotonic } from "./isotonic";

describe("isotonic regression (PAV)", () => {
  it("pools adjacent violators into a non-decreasing step function", () => {
    const map = fitIsotonic([1, 2, 3, 4], [1, 0, 1, 1]);
    expect(map).toEqual({ x: [1, 2, 3, 4], y: [0.5, 0.5, 1, 1] });
    expect(applyIsotonic(map, 0)).toBe(0.5);
    expect(applyIsotonic(map, 2.5)).toBeCloseTo(0.75, 15);
    expect(applyIsotonic(map, 9)).toBe(1);
    const fitted = fitIsotonic([3, 1, 2, 5, 4], [5, 1, 3, 2, 4]);
    for (let i = 1; i < fitted.y.length; i++) expect(fitted.y[i]).toBeGreaterThanOrEqual(fitted.y[i - 1]);
  });

  it("reduces the ECE of deliberately miscalibrated probabilities on held-out data", () => {
    const random = mulberry32(1);
    const sample = (n: number) => {
      const p = new Float64Array(n);
      const y = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const truth = random();
        y[i] = random() < truth ? 1 : 0;
        p[i] = truth ** 3; // systematically under-confident for positives
      }
      return { p, y };
    };
    const fit = sample(5000);
    const test = sample(5000);
    const map = fitIsotonic(fit.p, fit.y);
    const calibrated = test.p.map((v) => applyIsotonic(map, v));
    const before = expectedCalibrationError(test.p, test.y);
    const after = expectedCalibrationError(calibrated, test.y);
    expect(before).toBeGreaterThan(0.15);
    expect(after).toBeLessThan(0.03);
  });
});
