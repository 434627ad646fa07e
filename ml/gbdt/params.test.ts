import { describe, expect, it } from "vitest";
import { DEFAULT_PARAMS, effectiveMaxLeaves, ParamError, resolveParams } from "./params";

describe("resolveParams", () => {
  it("defaults to XGBoost-like values", () => {
    const p = resolveParams();
    expect(p).toEqual(DEFAULT_PARAMS);
    expect([p.trees, p.maxDepth, p.learningRate, p.maxBins, p.lambda, p.minChildWeight]).toEqual([100, 6, 0.1, 255, 1, 1]);
  });

  it("applies overrides", () => {
    expect(resolveParams({ trees: 7, learningRate: 0.3, objective: "squared" })).toMatchObject({ trees: 7, learningRate: 0.3, objective: "squared" });
  });

  it("rejects unknown keys and out-of-range values, naming the key", () => {
    expect(() => resolveParams({ tres: 5 })).toThrow(/unknown param "tres"/);
    expect(() => resolveParams({ maxBins: 300 })).toThrow(/"maxBins"/);
    expect(() => resolveParams({ maxDepth: 2.5 })).toThrow(/"maxDepth" must be an integer/);
    expect(() => resolveParams({ subsample: 0 })).toThrow(ParamError);
    expect(() => resolveParams({ learningRate: "0.1" })).toThrow(/"learningRate"/);
    expect(() => resolveParams({ objective: "poisson" })).toThrow(/"objective"/);
  });

  it("caps leaves by depth", () => {
    expect(effectiveMaxLeaves(resolveParams({ maxDepth: 3 }))).toBe(8);
    expect(effectiveMaxLeaves(resolveParams({ maxDepth: 3, maxLeaves: 5 }))).toBe(5);
    expect(effectiveMaxLeaves(resolveParams({ maxDepth: 3, maxLeaves: 50 }))).toBe(8);
  });
});
