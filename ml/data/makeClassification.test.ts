import { describe, expect, it } from "vitest";
import { makeClassification } from "./makeClassification";

describe("makeClassification", () => {
  it("has the requested shape, balanced binary labels, and is seeded", () => {
    const a = makeClassification({ rows: 2000, features: 8, informative: 3, seed: 5 });
    const b = makeClassification({ rows: 2000, features: 8, informative: 3, seed: 5 });
    const c = makeClassification({ rows: 2000, features: 8, informative: 3, seed: 6 });
    expect(a.data.rows).toBe(2000);
    expect(a.data.columns).toHaveLength(8);
    expect([...a.y].every((v) => v === 0 || v === 1)).toBe(true);
    const positives = a.y.reduce((s, v) => s + v, 0);
    expect(positives).toBeGreaterThan(900);
    expect(positives).toBeLessThan(1100);
    expect(a.data.columns[2]).toEqual(b.data.columns[2]);
    expect(a.y).toEqual(b.y);
    expect(a.data.columns[2]).not.toEqual(c.data.columns[2]);
  });

  it("makes some features informative and leaves noise features uninformative", () => {
    const { data, y } = makeClassification({ rows: 4000, features: 10, informative: 2, redundant: 0, flipY: 0, seed: 1 });
    // Per-feature absolute difference of class means: informative columns separate the classes, noise does not.
    const separation = data.columns.map((col) => {
      let s1 = 0, n1 = 0, s0 = 0, n0 = 0;
      for (let r = 0; r < data.rows; r++) if (y[r] === 1) { s1 += col[r]; n1++; } else { s0 += col[r]; n0++; }
      return Math.abs(s1 / n1 - s0 / n0);
    });
    const sorted = [...separation].sort((a, b) => b - a);
    expect(sorted[7]).toBeLessThan(0.15); // the 8 noise columns are near zero
    expect(separation.filter((s) => s > 0.15).length).toBeLessThanOrEqual(2);
  });
});
