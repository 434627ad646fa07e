import { describe, expect, it } from "vitest";
import { mulberry32 } from "../random/mulberry32";
import { chooseCalibration } from "./chooseCalibration";

/** n rows whose true probability is sigmoid(trueMargin); the model reports `reported(trueMargin)`. */
function sample(n: number, reported: (m: number) => number, seed = 1) {
  const random = mulberry32(seed);
  const margins = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const m = (random() - 0.5) * 6;
    y[i] = random() < 1 / (1 + Math.exp(-m)) ? 1 : 0;
    margins[i] = reported(m);
  }
  return { margins, y };
}

describe("chooseCalibration", () => {
  it("leaves a model that is already calibrated alone", () => {
    const { margins, y } = sample(4000, (m) => m);
    const choice = chooseCalibration(margins, y);
    expect(choice.method).toBe("none");
    expect(choice.calibration).toBeNull();
  });

  it("picks Platt scaling for an overconfident model (margins stretched 3×) and fits the stretch back", () => {
    const { margins, y } = sample(4000, (m) => 3 * m);
    const choice = chooseCalibration(margins, y);
    expect(choice.method).toBe("platt");
    expect(choice.calibration).toMatchObject({ method: "platt" });
    const a = (choice.calibration as { a: number }).a;
    expect(a).toBeGreaterThan(0.25);
    expect(a).toBeLessThan(0.42);
    expect(choice.crossValidatedLogLoss.platt).toBeLessThan(choice.crossValidatedLogLoss.none);
  });

  it("picks isotonic regression when the distortion is not a logistic one and there is data for it", () => {
    // Reported margins are a step-like, non-logistic transform of the truth.
    const { margins, y } = sample(20000, (m) => (m > 0 ? 0.3 * m + 2 : m - 2));
    const choice = chooseCalibration(margins, y);
    expect(choice.method).toBe("isotonic");
    expect(choice.crossValidatedLogLoss.isotonic).toBeLessThan(choice.crossValidatedLogLoss.platt);
  });

  it("never chooses a map that does worse than the raw model on held-out folds (small, noisy window)", () => {
    const { margins, y } = sample(120, (m) => m, 7);
    const choice = chooseCalibration(margins, y);
    expect(choice.crossValidatedLogLoss[choice.method]).toBeLessThanOrEqual(choice.crossValidatedLogLoss.none);
    expect(Number.isFinite(choice.crossValidatedLogLoss.isotonic)).toBe(true);
  });

  it("refuses mismatched inputs", () => {
    expect(() => chooseCalibration([1, 2], [1])).toThrow(/2 margins but 1 labels/);
  });
});
