import { describe, expect, it } from "vitest";
import { mulberry32 } from "../random/mulberry32";
import { driftLevel, psi, referenceBuckets } from "./psi";

describe("population stability index", () => {
  const rand = mulberry32(7);
  const normal = (mean: number) => mean + Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand());

  it("is about zero for a sample of the same distribution, and grows with the shift", () => {
    const reference = Array.from({ length: 5000 }, () => normal(0));
    const spec = referenceBuckets(reference);
    expect(spec.kind).toBe("numeric");
    const same = psi(spec, Array.from({ length: 5000 }, () => normal(0)));
    const small = psi(spec, Array.from({ length: 5000 }, () => normal(0.2)));
    const large = psi(spec, Array.from({ length: 5000 }, () => normal(1)));
    expect(same).toBeLessThan(0.02);
    expect(small).toBeGreaterThan(same);
    expect(large).toBeGreaterThan(0.25);
    expect([driftLevel(same), driftLevel(large)]).toEqual(["stable", "major"]);
  });

  it("matches the formula on hand-worked buckets (categorical, with missing values as their own bucket)", () => {
    const spec = referenceBuckets(["a", "a", "b", "b", null, null, null, null]);
    expect(spec).toEqual({ kind: "categorical", categories: ["a", "b"], proportions: [0.25, 0.25, 0.5] });
    // actual: a 50%, b 25%, missing/other 25% → (0.5−0.25)ln2 + 0 + (0.25−0.5)ln(0.5)
    expect(psi(spec, ["a", "a", "b", "zzz"])).toBeCloseTo(0.25 * Math.log(2) + 0.25 * Math.log(2), 9);
  });

  it("a feature that goes missing in production is a major shift", () => {
    const spec = referenceBuckets(Array.from({ length: 1000 }, (_, i) => i));
    expect(psi(spec, Array.from({ length: 1000 }, () => null))).toBeGreaterThan(1);
  });
});
