import { describe, expect, it } from "vitest";
import { positionBetween } from "./positions";

describe("positionBetween", () => {
  it("starts an empty column at 0 and extends either edge by one", () => {
    expect(positionBetween(null, null)).toBe(0);
    expect(positionBetween(null, 3)).toBe(2);
    expect(positionBetween(7, null)).toBe(8);
  });
  it("splits the gap between two neighbours", () => {
    expect(positionBetween(1, 2)).toBe(1.5);
    expect(positionBetween(-1, 0)).toBe(-0.5);
  });
  it("reports no room when the neighbours are too close", () => {
    expect(positionBetween(1, 1 + 1e-9)).toBeNull();
    expect(positionBetween(2, 2)).toBeNull();
  });
  it("keeps ordering through many moves into the same gap until it runs out", () => {
    let after = 1;
    const before = 0;
    let moves = 0;
    for (;;) {
      const p = positionBetween(before, after);
      if (p === null) break;
      expect(p).toBeGreaterThan(before);
      expect(p).toBeLessThan(after);
      after = p;
      moves++;
    }
    expect(moves).toBeGreaterThan(15);
  });
});
