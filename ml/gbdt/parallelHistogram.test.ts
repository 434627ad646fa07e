import { describe, expect, it } from "vitest";
import { mulberry32 } from "../random/mulberry32";
import { buildHistogram, histogramLength } from "./histogram";
import { createHistogramBuilder, PARALLEL_MIN_ROWS, sharedFloat64, sharedUint32, sharedUint8Copy } from "./parallelHistogram";
import { uniformColumns } from "./testData";
import { train } from "./train";

describe("two-thread histogram building", () => {
  it("fills a shared histogram exactly like the single-threaded loop", () => {
    const rows = PARALLEL_MIN_ROWS * 2;
    const features = 7;
    const random = mulberry32(1);
    const bins = sharedUint8Copy(Uint8Array.from({ length: rows * features }, () => Math.floor(random() * 256)), true);
    const gh = sharedFloat64(2 * rows, true);
    gh.forEach((_, i) => (gh[i] = random() - 0.5));
    const rowIdx = sharedUint32(rows, true);
    rowIdx.forEach((_, i) => (rowIdx[i] = i));
    const length = histogramLength(features);
    const arena = sharedFloat64(3 * length, true);
    const builder = createHistogramBuilder(bins, features, gh, rowIdx, arena, length, 2);
    try {
      const slot = 1;
      const hist = arena.subarray(slot * length, (slot + 1) * length);
      builder.build(10, rows - 10, hist, slot);
      const expected = new Float64Array(length);
      buildHistogram(bins, features, gh, rowIdx, 10, rows - 10, expected, 0, features);
      expect(Array.from(hist)).toEqual(Array.from(expected));
      expect(arena.subarray(0, length).every((v) => v === 0)).toBe(true);
    } finally {
      builder.close();
    }
  });

  it("trains the bit-for-bit same model with threads: 2 as with threads: 1", () => {
    const cols = uniformColumns(12_000, 6, 2);
    const y = cols[0].map((v, i) => (v + 0.5 * cols[1][i] > 0.7 ? 1 : 0));
    const data = { rows: 12_000, featureNames: cols.map((_, i) => `f${i}`), featureTypes: cols.map(() => "numeric" as const), categories: cols.map(() => null), columns: cols };
    const one = train(data, { y }, { trees: 4, maxDepth: 4, threads: 1 }).model;
    const two = train(data, { y }, { trees: 4, maxDepth: 4, threads: 2 }).model;
    expect(JSON.stringify(two.trees)).toBe(JSON.stringify(one.trees));
  });
});
