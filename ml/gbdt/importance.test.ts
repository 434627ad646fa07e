import { describe, expect, it } from "vitest";
import { gainImportance } from "./importance";
import type { ModelJson, TreeJson } from "./modelFormat";

const split = (feature: number, gain: number): TreeJson => ({
  feature: [feature, -1, -1],
  threshold: [0.5, 0, 0],
  leftCategories: [[], [], []],
  defaultLeft: [0, 0, 0],
  left: [1, -1, -1],
  right: [2, -1, -1],
  value: [0, -1, 1],
  cover: [2, 1, 1],
  gain: [gain, 0, 0],
});

describe("gainImportance", () => {
  it("sums split gains per feature across trees, ranks them and gives shares", () => {
    const model = {
      features: [{ name: "a", type: "numeric" }, { name: "b", type: "numeric" }, { name: "c", type: "numeric" }],
      trees: [split(1, 3), split(0, 1), split(1, 4)],
    } as unknown as ModelJson;
    expect(gainImportance(model)).toEqual([
      { feature: "b", gain: 7, share: 7 / 8, splits: 2 },
      { feature: "a", gain: 1, share: 1 / 8, splits: 1 },
      { feature: "c", gain: 0, share: 0, splits: 0 },
    ]);
  });
});
