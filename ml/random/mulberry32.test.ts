import { describe, expect, it } from "vitest";
import { mulberry32, normalSampler, shuffleInPlace } from "./mulberry32";

describe("mulberry32", () => {
  it("is deterministic per seed and differs across seeds", () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const c = mulberry32(43);
    const sa = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(sa);
    expect(Array.from({ length: 5 }, c)).not.toEqual(sa);
  });

  it("yields roughly uniform values in [0, 1)", () => {
    const r = mulberry32(1);
    let sum = 0;
    for (let i = 0; i < 10_000; i++) {
      const v = r();
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThan(1);
      sum += v;
    }
    expect(sum / 10_000).toBeCloseTo(0.5, 1);
  });

  it("normal sampler has mean ≈ 0 and variance ≈ 1", () => {
    const n = normalSampler(mulberry32(7));
    const xs = Array.from({ length: 20_000 }, n);
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(variance - 1)).toBeLessThan(0.05);
  });

  it("shuffle is a permutation", () => {
    const v = Int32Array.from({ length: 100 }, (_, i) => i);
    shuffleInPlace(v, mulberry32(3));
    expect([...v].sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect([...v]).not.toEqual(Array.from({ length: 100 }, (_, i) => i));
  });
});
