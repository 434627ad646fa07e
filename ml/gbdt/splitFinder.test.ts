import { describe, expect, it } from "vitest";
import { MISSING_BIN, type FeatureBinning } from "./binning";
import { histogramLength } from "./histogram";
import { findBestSplit } from "./splitFinder";

const numeric = (numBins: number): FeatureBinning => ({ type: "numeric", numBins, edges: null, codeToBin: null, categories: null });
const categorical = (numBins: number): FeatureBinning => ({ type: "categorical", numBins, edges: null, codeToBin: null, categories: null });

/** A one-feature histogram from per-bin [g, h] pairs (bin 255 = missing). */
function hist(entries: Record<number, [number, number]>) {
  const h = new Float64Array(histogramLength(1));
  let G = 0;
  let H = 0;
  for (const [bin, [g, hh]] of Object.entries(entries)) {
    h[2 * Number(bin)] = g;
    h[2 * Number(bin) + 1] = hh;
    G += g;
    H += hh;
  }
  return { h, G, H };
}

const settings = { lambda: 0, minChildWeight: 0, minSplitGain: 0 };

describe("findBestSplit", () => {
  it("finds the boundary between negative and positive gradients and computes XGBoost's gain", () => {
    const { h, G, H } = hist({ 0: [-4, 2], 1: [-2, 1], 2: [3, 1], 3: [3, 2] });
    const split = findBestSplit(h, [numeric(4)], Uint8Array.of(1), G, H, settings)!;
    expect(split.thresholdBin).toBe(1);
    expect(split.gain).toBeCloseTo(0.5 * (36 / 3 + 36 / 3 - 0), 12);
    expect([split.leftG, split.leftH, split.rightG, split.rightH]).toEqual([-6, 3, 6, 3]);
    expect([...split.goLeft.subarray(0, 4)]).toEqual([1, 1, 0, 0]);
  });

  it("learns the default direction for missing values from their gradients", () => {
    const toRight = hist({ 0: [-4, 2], 1: [4, 2], [MISSING_BIN]: [4, 2] });
    expect(findBestSplit(toRight.h, [numeric(2)], Uint8Array.of(1), toRight.G, toRight.H, settings)!.defaultLeft).toBe(false);
    const toLeft = hist({ 0: [-4, 2], 1: [4, 2], [MISSING_BIN]: [-4, 2] });
    const s = findBestSplit(toLeft.h, [numeric(2)], Uint8Array.of(1), toLeft.G, toLeft.H, settings)!;
    expect(s.defaultLeft).toBe(true);
    expect(s.goLeft[MISSING_BIN]).toBe(1);
    expect([s.leftG, s.leftH]).toEqual([-8, 4]);
  });

  it("can split missing against present values", () => {
    const { h, G, H } = hist({ 0: [1, 1], 1: [1, 1], [MISSING_BIN]: [-6, 3] });
    const s = findBestSplit(h, [numeric(2)], Uint8Array.of(1), G, H, settings)!;
    expect(s.thresholdBin).toBe(1);
    expect(s.defaultLeft).toBe(false);
  });

  it("groups categories by gradient ratio rather than by code order", () => {
    // Categories 0 and 2 pull down, 1 and 3 pull up: no numeric threshold separates them, a subset does.
    const { h, G, H } = hist({ 0: [-3, 1], 1: [3, 1], 2: [-3, 1], 3: [3, 1] });
    const s = findBestSplit(h, [categorical(4)], Uint8Array.of(1), G, H, settings)!;
    expect(s.leftBins).toEqual([0, 2]);
    expect(s.gain).toBeCloseTo(0.5 * (36 / 2 + 36 / 2), 12);
    const asNumeric = findBestSplit(h, [numeric(4)], Uint8Array.of(1), G, H, settings)!;
    expect(asNumeric.gain).toBeLessThan(s.gain);
  });

  it("respects minChildWeight, lambda, the feature mask and returns null without a positive gain", () => {
    const { h, G, H } = hist({ 0: [-4, 2], 1: [4, 2] });
    expect(findBestSplit(h, [numeric(2)], Uint8Array.of(1), G, H, { ...settings, minChildWeight: 2.5 })).toBeNull();
    expect(findBestSplit(h, [numeric(2)], Uint8Array.of(0), G, H, settings)).toBeNull();
    expect(findBestSplit(h, [numeric(2)], Uint8Array.of(1), G, H, { ...settings, lambda: 2 })!.gain).toBeCloseTo(0.5 * (16 / 4 + 16 / 4), 12);
    const flat = hist({ 0: [1, 1], 1: [1, 1] });
    expect(findBestSplit(flat.h, [numeric(2)], Uint8Array.of(1), flat.G, flat.H, settings)).toBeNull();
  });
});
