import { describe, expect, it } from "vitest";
import { mulberry32 } from "../random/mulberry32";
import { buildHistogram, histogramLength, subtractHistogram } from "./histogram";

function randomProblem(rows: number, features: number, seed: number) {
  const random = mulberry32(seed);
  const bins = Uint8Array.from({ length: rows * features }, () => (random() < 0.1 ? 255 : Math.floor(random() * 20)));
  const gh = Float64Array.from({ length: 2 * rows }, () => random() - 0.3);
  return { bins, gh };
}

/** The same histogram the obvious way. */
function naive(bins: Uint8Array, features: number, gh: Float64Array, rows: number[]): Float64Array {
  const hist = new Float64Array(histogramLength(features));
  for (const r of rows) {
    for (let f = 0; f < features; f++) {
      const k = (f * 256 + bins[r * features + f]) * 2;
      hist[k] += gh[2 * r];
      hist[k + 1] += gh[2 * r + 1];
    }
  }
  return hist;
}

describe("buildHistogram", () => {
  it.each([1, 4, 7, 9])("matches the naive sums for %i features (unrolled loop and remainder)", (features) => {
    const { bins, gh } = randomProblem(200, features, features);
    const rows = Uint32Array.from({ length: 200 }, (_, i) => i).filter((i) => i % 3 !== 0);
    const hist = new Float64Array(histogramLength(features));
    buildHistogram(bins, features, gh, rows, 5, rows.length - 5, hist, 0, features);
    const expected = naive(bins, features, gh, [...rows.subarray(5, rows.length - 5)]);
    for (let i = 0; i < hist.length; i++) expect(hist[i]).toBeCloseTo(expected[i], 10);
  });

  it("builds only the requested feature range", () => {
    const features = 9;
    const { bins, gh } = randomProblem(100, features, 5);
    const rows = Uint32Array.from({ length: 100 }, (_, i) => i);
    const full = new Float64Array(histogramLength(features));
    const parts = new Float64Array(histogramLength(features));
    buildHistogram(bins, features, gh, rows, 0, 100, full, 0, features);
    buildHistogram(bins, features, gh, rows, 0, 100, parts, 0, 3);
    expect(parts.subarray(3 * 512).every((v) => v === 0)).toBe(true);
    buildHistogram(bins, features, gh, rows, 0, 100, parts, 3, features);
    expect(parts).toEqual(full);
  });

  it("subtraction of one child from the parent gives the sibling", () => {
    const features = 6;
    const { bins, gh } = randomProblem(300, features, 11);
    const all = Uint32Array.from({ length: 300 }, (_, i) => i);
    const left = all.filter((i) => bins[i * features] < 10);
    const right = all.filter((i) => bins[i * features] >= 10);
    const parent = new Float64Array(histogramLength(features));
    const leftHist = new Float64Array(histogramLength(features));
    buildHistogram(bins, features, gh, all, 0, all.length, parent, 0, features);
    buildHistogram(bins, features, gh, left, 0, left.length, leftHist, 0, features);
    subtractHistogram(parent, leftHist);
    const expected = naive(bins, features, gh, [...right]);
    for (let i = 0; i < parent.length; i++) expect(parent[i]).toBeCloseTo(expected[i], 10);
  });
});
