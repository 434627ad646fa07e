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
});
