import { describe, expect, it } from "vitest";
import { mulberry32 } from "../random/mulberry32";
import { concordanceIndex } from "./concordance";

describe("Harrell's concordance index", () => {
  it("counts only pairs where the earlier time is an event, with risk ties as ½", () => {
    const time = [1, 2, 3, 4];
    const event = [1, 0, 1, 1];
    // Comparable: (0,1) discordant (0.9 < 0.95), (0,2) and (0,3) concordant, (2,3) tied → (2 + ½) / 4.
    // Row 1 is censored at t = 2, so (1, 2) and (1, 3) are not comparable.
    expect(concordanceIndex(time, event, [0.9, 0.95, 0.7, 0.7])).toBeCloseTo(0.625, 15);
    expect(concordanceIndex(time, event, [4, 3, 2, 1])).toBe(1);
    expect(concordanceIndex(time, event, [1, 2, 3, 4])).toBe(0);
  });

  it("does not compare equal times and is NaN without comparable pairs", () => {
    expect(concordanceIndex([2, 2], [1, 1], [1, 0])).toBeNaN();
    expect(concordanceIndex([1, 2], [0, 1], [1, 0])).toBeNaN();
  });

  it("matches the O(n²) definition on random data with tied times and tied risks", () => {
    const random = mulberry32(4);
    const n = 400;
    const time = Array.from({ length: n }, () => Math.floor(random() * 50));
    const event = Array.from({ length: n }, () => (random() < 0.6 ? 1 : 0));
    const risk = Array.from({ length: n }, () => Math.floor(random() * 20));
    let concordant = 0;
    let comparable = 0;
    for (let i = 0; i < n; i++) {
      if (!event[i]) continue;
      for (let j = 0; j < n; j++) {
        if (!(time[i] < time[j])) continue;
        comparable++;
        concordant += risk[i] > risk[j] ? 1 : risk[i] === risk[j] ? 0.5 : 0;
      }
    }
    expect(concordanceIndex(time, event, risk)).toBeCloseTo(concordant / comparable, 14);
  });

  it("handles 100,000 rows (the O(n log n) path; its speed is in npm run bench -- ml-score)", () => {
    const random = mulberry32(5);
    const n = 100_000;
    const time = Float64Array.from({ length: n }, random);
    const event = Uint8Array.from({ length: n }, () => (random() < 0.5 ? 1 : 0));
    const c = concordanceIndex(time, event, time.map((t) => -t));
    expect(c).toBe(1);
  });
});
