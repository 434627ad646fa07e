import { describe, expect, it } from "vitest";
import { mulberry32 } from "../random/mulberry32";
import { buildHistogram, histogramLength, subtractHistogram } from "./histogram";
import { createHistogramBuilder, PARALLEL_MIN_ROWS, type HistogramBuilder } from "./parallelHistogram";
import { partitionRows } from "./partition";
import { uniformColumns } from "./testData";
import { train } from "./train";

/** A builder over random bins (some missing) with random gradients, every row in the row buffer. */
function randomBuilder(rows: number, features: number, maxHistograms: number, threads: number, wasm = true): { builder: HistogramBuilder; bins: Uint8Array } {
  const random = mulberry32(features);
  const bins = Uint8Array.from({ length: rows * features }, () => (random() < 0.05 ? 255 : Math.floor(random() * 255)));
  const columns = new Uint8Array(rows * features);
  for (let r = 0; r < rows; r++) for (let f = 0; f < features; f++) columns[f * rows + r] = bins[r * features + f];
  const builder = createHistogramBuilder({ rows, features, bins, columns }, maxHistograms, threads, wasm);
  for (let i = 0; i < builder.gh.length; i++) builder.gh[i] = random() - 0.5;
  for (let i = 0; i < rows; i++) builder.rows[i] = i;
  return { builder, bins };
}

/** The JavaScript loop's histogram of rows[start..end) (the reference: plain arrays, one thread). */
function reference(b: HistogramBuilder, bins: Uint8Array, features: number, start: number, end: number): Float64Array {
  const hist = new Float64Array(histogramLength(features));
  buildHistogram(bins, features, Float64Array.from(b.gh), Uint32Array.from(b.rows), start, end, hist, 0, features);
  return hist;
}

describe("histogram builder", () => {
  // 7 and 9 features exercise the kernel's unrolled loop and its remainder (and, with two threads, a short chunk).
  it.each([
    [1, 1],
    [1, 4],
    [1, 7],
    [2, 7],
    [2, 9],
  ])("fills a histogram bit-for-bit like the JavaScript loop (threads: %i, %i features, sparse rows)", (threads, features) => {
    const rows = PARALLEL_MIN_ROWS * 3;
    const { builder, bins } = randomBuilder(rows, features, 4, threads);
    try {
      expect(builder.engine).toBe(threads === 2 ? "wasm, 2 threads" : "wasm");
      // A sorted subset of the rows, as a node's range holds after partitioning.
      let m = 0;
      for (let r = 0; r < rows; r++) if (r % 3 !== 1) builder.rows[m++] = r;
      const hists = [builder.pool.take(), builder.pool.take()];
      builder.build(10, m - 10, hists[1]);
      expect(Array.from(hists[1])).toEqual(Array.from(reference(builder, bins, features, 10, m - 10)));
      expect(hists[0].every((v) => v === 0)).toBe(true);
    } finally {
      builder.close();
    }
  });

  it("subtracts like subtractHistogram, also for histograms beyond the arena's room", () => {
    const features = 5;
    const { builder } = randomBuilder(3000, features, 2, 1);
    const [parent, child, extra] = [builder.pool.take(), builder.pool.take(), builder.pool.take()];
    builder.build(0, 3000, parent);
    builder.build(0, 1200, child);
    builder.build(1200, 3000, extra); // outside the arena: built by the JavaScript loop
    const expected = Float64Array.from(parent);
    subtractHistogram(expected, child);
    builder.subtract(parent, child);
    expect(Array.from(parent)).toEqual(Array.from(expected));
    for (let i = 0; i < parent.length; i++) expect(extra[i]).toBeCloseTo(parent[i], 10);
  });

  it("partitions a row range stably, like the JavaScript loop", () => {
    const rows = 5000;
    const features = 3;
    const { builder, bins } = randomBuilder(rows, features, 2, 1);
    expect(builder.engine).toBe("wasm");
    const column = Uint8Array.from({ length: rows }, (_, r) => bins[r * features + 2]);
    const goLeft = Uint8Array.from({ length: 256 }, (_, b) => (b % 3 === 0 || b === 255 ? 1 : 0));
    const expected = Uint32Array.from(builder.rows);
    const expectedMid = partitionRows(column, goLeft, expected, 100, 4000, new Uint32Array(rows));
    const mid = builder.partition(2, goLeft, 100, 4000);
    expect(mid).toBe(expectedMid);
    expect(Array.from(builder.rows)).toEqual(Array.from(expected));
    // Left rows first, each side in ascending row order (stable), rows outside the range untouched.
    expect(builder.rows.subarray(100, mid).every((r, i, a) => goLeft[column[r]] === 1 && (i === 0 || a[i - 1] < r))).toBe(true);
    expect(builder.rows.subarray(mid, 4000).every((r, i, a) => goLeft[column[r]] === 0 && (i === 0 || a[i - 1] < r))).toBe(true);
    expect(builder.rows[99]).toBe(99);
    expect(builder.rows[4000]).toBe(4000);
  });

  it("gives the same histograms, differences and partitions with the JavaScript fallback as with WebAssembly", () => {
    const rows = 6000;
    const features = 6;
    const builders = [randomBuilder(rows, features, 3, 1, true).builder, randomBuilder(rows, features, 3, 1, false).builder];
    expect(builders.map((b) => b.engine)).toEqual(["wasm", "js"]);
    const goLeft = Uint8Array.from({ length: 256 }, (_, b) => (b < 100 ? 1 : 0));
    const results = builders.map((b) => {
      const mid = b.partition(4, goLeft, 0, rows);
      const [parent, child] = [b.pool.take(), b.pool.take()];
      b.build(0, rows, parent);
      b.build(0, mid, child);
      b.subtract(parent, child);
      return { mid, rows: Array.from(b.rows), right: Array.from(parent) };
    });
    expect(results[1]).toEqual(results[0]);
  });

  it("trains the bit-for-bit same model with threads: 2 as with threads: 1", () => {
    // Enough rows that the root's and the first levels' histograms are shared with the worker.
    const rows = 2 * PARALLEL_MIN_ROWS + 5000;
    const cols = uniformColumns(rows, 6, 2);
    const y = cols[0].map((v, i) => (v + 0.5 * cols[1][i] > 0.7 ? 1 : 0));
    const data = { rows, featureNames: cols.map((_, i) => `f${i}`), featureTypes: cols.map(() => "numeric" as const), categories: cols.map(() => null), columns: cols };
    const one = train(data, { y }, { trees: 4, maxDepth: 4, threads: 1 }).model;
    const two = train(data, { y }, { trees: 4, maxDepth: 4, threads: 2 }).model;
    expect(JSON.stringify(two.trees)).toBe(JSON.stringify(one.trees));
  });
});
