import { describe, expect, it } from "vitest";
import type { Dataset } from "../data/dataset";
import { binDataset, binOf, computeBinnings, MISSING_BIN, quantileEdges } from "./binning";

describe("quantileEdges", () => {
  it("gives one bin per distinct value when there are few, with edges between them", () => {
    const edges = quantileEdges([3, 1, 2, 2, 1, NaN], 255);
    expect(edges.length).toBe(3);
    expect(binOf(1, edges)).toBe(0);
    expect(binOf(2, edges)).toBe(1);
    expect(binOf(3, edges)).toBe(2);
    expect(binOf(1.2, edges)).toBe(0);
    expect(binOf(1e9, edges)).toBe(2);
    expect(binOf(NaN, edges)).toBe(MISSING_BIN);
  });

  it("caps the bin count and spreads rows evenly across quantile bins", () => {
    const column = Float64Array.from({ length: 10_000 }, (_, i) => (i * 7919) % 10_000);
    const edges = quantileEdges(column, 16);
    expect(edges.length).toBe(16);
    const counts = new Array(16).fill(0);
    for (const v of column) counts[binOf(v, edges)]++;
    for (const c of counts) expect(Math.abs(c - 625)).toBeLessThanOrEqual(1);
  });

  it("keeps a heavy value in its own bin", () => {
    const column = [...Array(900).fill(0), ...Array.from({ length: 100 }, (_, i) => i + 1)];
    const edges = quantileEdges(column, 10);
    expect(binOf(0, edges)).toBe(0);
    expect(binOf(1, edges)).toBe(1);
  });
});

describe("binDataset", () => {
  it("bins numeric and categorical columns row-major, with missing and unknown codes in the missing bin", () => {
    const data: Dataset = {
      rows: 4,
      featureNames: ["x", "c"],
      featureTypes: ["numeric", "categorical"],
      categories: [null, ["a", "b", "c"]],
      columns: [Float64Array.of(0.5, NaN, 2, 1), Float64Array.of(2, 0, NaN, 7)],
    };
    const binnings = computeBinnings(data, 255);
    const binned = binDataset(data, binnings);
    expect([...binned.bins]).toEqual([0, 2, MISSING_BIN, 0, 2, MISSING_BIN, 1, MISSING_BIN]);
    expect(binnings[1].categories).toEqual(["a", "b", "c"]);
  });

  it("bins every numeric value as binOf does (rows in blocks of four and a remainder, NaN, out-of-range values)", () => {
    const rows = 1003;
    const x = Float64Array.from({ length: rows }, (_, i) => (i % 11 === 0 ? NaN : ((i * 7919) % 1000) / 10 - 5));
    const data: Dataset = { rows, featureNames: ["x"], featureTypes: ["numeric"], categories: [null], columns: [x] };
    const binnings = computeBinnings({ ...data, columns: [x.map((v) => v / 2)] }, 40);
    const { bins } = binDataset(data, binnings);
    expect(Array.from(bins)).toEqual(Array.from(x, (v) => binOf(v, binnings[0].edges!)));
    expect(new Set(bins).size).toBe(41); // 40 value bins (some values lie beyond the edges) + missing
  });

  it("keeps only the most frequent categories when there are more than maxBins", () => {
    const data: Dataset = {
      rows: 6,
      featureNames: ["c"],
      featureTypes: ["categorical"],
      categories: [["a", "b", "c"]],
      columns: [Float64Array.of(0, 2, 2, 1, 2, 0)],
    };
    const [b] = computeBinnings(data, 2);
    expect(b.categories).toEqual(["a", "c"]);
    expect([...binDataset(data, [b]).bins]).toEqual([0, 1, 1, MISSING_BIN, 1, 0]);
  });
});
