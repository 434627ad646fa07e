import { describe, expect, it } from "vitest";
import { mulberry32 } from "../random/mulberry32";
import { expectedCalibrationError } from "./classification";
import { calibrationErrorOf, reliabilityBins } from "./reliability";

describe("reliabilityBins", () => {
  it("uniform: ten equal-width bins, hand-worked counts, means and rates; empty bins have null means", () => {
    const p = [0.05, 0.08, 0.15, 0.55, 0.58, 0.95, 1];
    const y = [0, 1, 1, 1, 0, 1, 1];
    const d = reliabilityBins(p, y);
    expect(d).toMatchObject({ strategy: "uniform", rows: 7, positives: 5 });
    expect(d.bins).toHaveLength(10);
    expect(d.bins[0]).toEqual({ lower: 0, upper: 0.1, count: 2, positives: 1, meanPredicted: expect.closeTo(0.065, 12), observedRate: 0.5 });
    expect(d.bins[1]).toMatchObject({ count: 1, positives: 1, meanPredicted: expect.closeTo(0.15, 12), observedRate: 1 });
    expect(d.bins[2]).toEqual({ lower: 0.2, upper: 0.3, count: 0, positives: 0, meanPredicted: null, observedRate: null });
    expect(d.bins[5]).toMatchObject({ count: 2, positives: 1, meanPredicted: expect.closeTo(0.565, 12), observedRate: 0.5 });
    // p = 1 falls in the last bin, not an eleventh.
    expect(d.bins[9]).toMatchObject({ lower: 0.9, upper: 1, count: 2, positives: 2, meanPredicted: expect.closeTo(0.975, 12), observedRate: 1 });
    expect(d.bins.reduce((s, b) => s + b.count, 0)).toBe(7);
  });

  it("uniform bins reproduce expectedCalibrationError exactly", () => {
    const rand = mulberry32(5);
    const p = Float64Array.from({ length: 2000 }, () => rand() ** 2);
    const y = Float64Array.from(p, (q) => (rand() < Math.min(1, q * 1.3) ? 1 : 0));
    expect(calibrationErrorOf(reliabilityBins(p, y))).toBeCloseTo(expectedCalibrationError(p, y), 12);
    expect(calibrationErrorOf(reliabilityBins(p, y, { bins: 15 }))).toBeCloseTo(expectedCalibrationError(p, y, 15), 12);
  });

  it("a calibrated predictor's bins lie near the diagonal", () => {
    const rand = mulberry32(11);
    const p = Float64Array.from({ length: 50_000 }, () => rand());
    const y = Float64Array.from(p, (q) => (rand() < q ? 1 : 0));
    for (const b of reliabilityBins(p, y).bins) expect(Math.abs(b.observedRate! - b.meanPredicted!)).toBeLessThan(0.02);
  });

  it("quantile: bins of equal size by sorted prediction, ties never split", () => {
    const p = [0.9, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.05];
    const y = [1, 0, 0, 0, 1, 0, 1, 1, 1, 0];
    const d = reliabilityBins(p, y, { bins: 5, strategy: "quantile" });
    expect(d.bins.map((b) => [b.lower, b.upper, b.count, b.positives])).toEqual([
      [0.05, 0.1, 2, 0],
      [0.2, 0.3, 2, 0],
      [0.4, 0.5, 2, 1],
      [0.6, 0.7, 2, 2],
      [0.8, 0.9, 2, 2],
    ]);
    const tied = reliabilityBins([0.2, 0.2, 0.2, 0.2, 0.7, 0.9], [0, 1, 0, 0, 1, 1], { bins: 3, strategy: "quantile" });
    expect(tied.bins.map((b) => b.count)).toEqual([4, 1, 1]);
    expect(tied.bins[0]).toMatchObject({ lower: 0.2, upper: 0.2, meanPredicted: expect.closeTo(0.2, 12), observedRate: 0.25 });
  });

  it("no rows: empty uniform bins, no quantile bins; bad input throws", () => {
    expect(reliabilityBins([], []).bins.every((b) => b.count === 0 && b.meanPredicted === null)).toBe(true);
    expect(reliabilityBins([], [], { strategy: "quantile" }).bins).toEqual([]);
    expect(calibrationErrorOf(reliabilityBins([], []))).toBe(0);
    expect(() => reliabilityBins([0.5], [1, 0])).toThrow(/1 predictions but 2 labels/);
    expect(() => reliabilityBins([1.5], [1])).toThrow(/not a probability/);
    expect(() => reliabilityBins([NaN], [1])).toThrow(/not a probability/);
    expect(() => reliabilityBins([0.5], [2])).toThrow(/not 0 or 1/);
    expect(() => reliabilityBins([0.5], [1], { bins: 0 })).toThrow(/positive integer/);
  });
});
