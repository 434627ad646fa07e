import { describe, expect, it } from "vitest";
import { mulberry32 } from "../random/mulberry32";
import { applyPlatt, fitPlatt } from "./platt";

describe("Platt scaling", () => {
  it("recovers the slope and intercept of a logistic relationship", () => {
    const random = mulberry32(2);
    const n = 20_000;
    const m = Float64Array.from({ length: n }, () => 6 * random() - 3);
    const y = m.map((v) => (random() < 1 / (1 + Math.exp(-(2 * v - 1))) ? 1 : 0));
    const map = fitPlatt(m, y);
    expect(map.a).toBeCloseTo(2, 0);
    expect(map.b).toBeCloseTo(-1, 0);
    expect(applyPlatt(map, 0.5)).toBeCloseTo(1 / (1 + Math.exp(-(map.a * 0.5 + map.b))), 15);
  });

  it("converges for an overconfident model's large margins (a full Newton step from a = 1 would overshoot)", () => {
    const random = mulberry32(5);
    const n = 4000;
    const truth = Float64Array.from({ length: n }, () => 6 * random() - 3);
    const y = truth.map((v) => (random() < 1 / (1 + Math.exp(-v)) ? 1 : 0));
    const map = fitPlatt(truth.map((v) => 3 * v), y);
    expect(map.a).toBeGreaterThan(0.28);
    expect(map.a).toBeLessThan(0.4);
    expect(Math.abs(map.b)).toBeLessThan(0.15);
  });
});
