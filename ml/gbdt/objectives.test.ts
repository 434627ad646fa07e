import { describe, expect, it } from "vitest";
import { pinballLoss } from "../metrics/regression";
import { coxNegLogLikelihood, createObjective, quantileOf } from "./objectives";
import { resolveParams } from "./params";

/** Central-difference gradient of a scalar loss (total, not mean) with respect to pred[i]. */
function numericGradient(loss: (p: Float64Array) => number, pred: Float64Array, i: number): number {
  const eps = 1e-6;
  const up = Float64Array.from(pred);
  const down = Float64Array.from(pred);
  up[i] += eps;
  down[i] -= eps;
  return (loss(up) - loss(down)) / (2 * eps);
}

describe("objectives", () => {
  it("binary gradients are p − y with hessian p(1 − p), base score is the logit of the mean", () => {
    const y = Float64Array.of(1, 0, 1, 1);
    const obj = createObjective(resolveParams({ objective: "binary" }), { y });
    expect(obj.baseScore()).toBeCloseTo(Math.log(3), 12);
    const gh = new Float64Array(8);
    obj.gradients(Float64Array.of(0, 0, Math.log(3), -1), gh);
    expect(gh[0]).toBeCloseTo(-0.5, 12);
    expect(gh[1]).toBeCloseTo(0.25, 12);
    expect(gh[4]).toBeCloseTo(0.75 - 1, 12);
    expect(gh[5]).toBeCloseTo(0.75 * 0.25, 12);
  });

  it("quantile base score is the alpha quantile and the gradient is the pinball subgradient", () => {
    const y = Float64Array.from({ length: 11 }, (_, i) => i);
    const obj = createObjective(resolveParams({ objective: "quantile", alpha: 0.9 }), { y });
    expect(obj.baseScore()).toBeCloseTo(9, 12);
    const gh = new Float64Array(22);
    obj.gradients(new Float64Array(11).fill(5), gh);
    expect(gh[0]).toBeCloseTo(0.1, 12); // pred 5 > y 0
    expect(gh[20]).toBeCloseTo(-0.9, 12); // pred 5 < y 10
    expect(pinballLoss([5], [10], 0.9)).toBeCloseTo(4.5, 12);
    expect(quantileOf(Float64Array.of(4, 1, 3, 2), 0.5)).toBeCloseTo(2.5, 12);
  });

  it("cox gradient matches the numerical derivative of the partial likelihood, with ties and censoring", () => {
    const time = Float64Array.of(2, 5, 3, 3, 8, 1, 5);
    const event = Uint8Array.of(1, 0, 1, 1, 1, 0, 1);
    const pred = Float64Array.of(0.3, -0.2, 0.1, 0.5, -1, 0.7, 0.05);
    const obj = createObjective(resolveParams({ objective: "cox" }), { y: time, event });
    const gh = new Float64Array(14);
    obj.gradients(pred, gh);
    const events = event.reduce((a, b) => a + b, 0);
    const total = (p: Float64Array) => coxNegLogLikelihood(p, time, event) * events;
    for (let i = 0; i < 7; i++) {
      expect(gh[2 * i]).toBeCloseTo(numericGradient(total, pred, i), 6);
      expect(gh[2 * i + 1]).toBeGreaterThan(0);
    }
    // Diagonal second derivative, numerically.
    for (let i = 0; i < 7; i++) {
      const g = (p: Float64Array) => {
        const out = new Float64Array(14);
        obj.gradients(p, out);
        return out[2 * i];
      };
      const up = Float64Array.from(pred);
      const down = Float64Array.from(pred);
      up[i] += 1e-6;
      down[i] -= 1e-6;
      expect(gh[2 * i + 1]).toBeCloseTo((g(up) - g(down)) / 2e-6, 5);
    }
  });

  it("rejects non-binary labels for the binary objective", () => {
    expect(() => createObjective(resolveParams(), { y: Float64Array.of(0, 2) })).toThrow(/0 or 1/);
  });
});
