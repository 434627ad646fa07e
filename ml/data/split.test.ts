import { describe, expect, it } from "vitest";
import { holdoutSplit } from "./split";

describe("holdoutSplit", () => {
  it("partitions the rows, with the requested validation share, deterministically per seed", () => {
    const a = holdoutSplit(1000, 0.2, 7);
    expect(a.validation.length).toBe(200);
    expect(a.train.length).toBe(800);
    expect(new Set([...a.train, ...a.validation]).size).toBe(1000);
    expect(holdoutSplit(1000, 0.2, 7).validation).toEqual(a.validation);
    expect(holdoutSplit(1000, 0.2, 8).validation).not.toEqual(a.validation);
  });
});
