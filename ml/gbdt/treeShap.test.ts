import { describe, expect, it } from "vitest";
import { toRowMajor, type Dataset } from "../data/dataset";
import { mulberry32 } from "../random/mulberry32";
import { compileForest, goesLeft, type CompiledForest } from "./compiledForest";
import type { ModelJson } from "./modelFormat";
import { loadModel } from "./scorer";
import { uniformColumns } from "./testData";
import { train } from "./train";

/** E[f(x) | x_S] the way TreeSHAP defines it: follow x on features in S, average children by cover otherwise. */
function conditionalExpectation(f: CompiledForest, node: number, x: ArrayLike<number>, inS: boolean[]): number {
  if (f.feature[node] < 0) return f.value[node];
  const feat = f.feature[node];
  if (inS[feat]) return conditionalExpectation(f, goesLeft(f, node, x[feat]) ? f.left[node] : f.right[node], x, inS);
  const l = f.left[node];
  const r = f.right[node];
  return (f.cover[l] * conditionalExpectation(f, l, x, inS) + f.cover[r] * conditionalExpectation(f, r, x, inS)) / f.cover[node];
}

/** Exact Shapley values by enumerating all 2^M coalitions. */
function bruteForceShapley(model: ModelJson, x: ArrayLike<number>): Float64Array {
  const f = compileForest(model);
  const M = model.features.length;
  const value = (mask: number) => {
    const inS = Array.from({ length: M }, (_, i) => ((mask >> i) & 1) === 1);
    let s = 0;
    for (let t = 0; t < f.trees; t++) s += conditionalExpectation(f, f.roots[t], x, inS);
    return s;
  };
  const factorial = (n: number): number => (n <= 1 ? 1 : n * factorial(n - 1));
  const phi = new Float64Array(M);
  for (let i = 0; i < M; i++) {
    for (let mask = 0; mask < 1 << M; mask++) {
      if ((mask >> i) & 1) continue;
      const size = [...Array(M).keys()].filter((j) => (mask >> j) & 1).length;
      const weight = (factorial(size) * factorial(M - size - 1)) / factorial(M);
      phi[i] += weight * (value(mask | (1 << i)) - value(mask));
    }
  }
  return phi;
}

/** A 4-feature dataset with an interaction, missing values and a categorical column. */
function tinyProblem(rows: number, seed: number): { data: Dataset; y: Float64Array } {
  const random = mulberry32(seed);
  const [a, b, c] = uniformColumns(rows, 3, seed);
  const cat = Float64Array.from({ length: rows }, () => Math.floor(random() * 4));
  for (let i = 0; i < rows; i += 7) b[i] = NaN;
  const y = Float64Array.from({ length: rows }, (_, i) => (a[i] > 0.5 ? 2 : 0) * (b[i] > 0.3 ? 1 : -1) + (cat[i] === 2 ? 1.5 : 0) + c[i] + 0.1 * random());
  return {
    data: {
      rows,
      featureNames: ["a", "b", "c", "cat"],
      featureTypes: ["numeric", "numeric", "numeric", "categorical"],
      categories: [null, null, null, ["w", "x", "y", "z"]],
      columns: [a, b, c, cat],
    },
    y,
  };
}

describe("TreeSHAP", () => {
  it("matches brute-force exact Shapley values on a tiny 4-feature model", () => {
    const { data, y } = tinyProblem(300, 1);
    const { model } = train(data, { y }, { objective: "squared", trees: 4, maxDepth: 3, learningRate: 0.5 });
    const scorer = loadModel(model);
    const test = tinyProblem(12, 2).data;
    const rows = toRowMajor(test);
    for (let r = 0; r < test.rows; r++) {
      const x = rows.subarray(r * 4, r * 4 + 4);
      const { values } = scorer.contributions(x);
      const expected = bruteForceShapley(model, x);
      for (let i = 0; i < 4; i++) expect(values[i]).toBeCloseTo(expected[i], 10);
    }
  });

  it("contributions plus the base value sum to the margin on every row (classification, 30 trees)", () => {
    const cols = uniformColumns(800, 6, 3);
    const y = cols[0].map((v, i) => (v * cols[1][i] + 0.3 * cols[2][i] > 0.35 ? 1 : 0));
    for (let i = 0; i < 800; i += 9) cols[3][i] = NaN;
    const { model } = train({ rows: 800, featureNames: cols.map((_, i) => `f${i}`), featureTypes: cols.map(() => "numeric"), categories: cols.map(() => null), columns: cols }, { y }, { trees: 30, maxDepth: 5, subsample: 0.8 });
    const scorer = loadModel(JSON.stringify(model));
    const test = uniformColumns(100, 6, 4);
    for (let r = 0; r < 100; r++) {
      const x = test.map((c) => c[r]);
      if (r % 5 === 0) x[3] = NaN;
      const { baseValue, values } = scorer.contributions(x);
      const margin = scorer.predictMargin(x);
      const total = values.reduce((s, v) => s + v, baseValue);
      expect(Math.abs(total - margin)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(margin)));
    }
    // The base value is the cover-weighted average margin over the training data (here ≈ the mean margin).
    const { baseValue } = scorer.contributions(test.map((c) => c[0]));
    expect(Number.isFinite(baseValue)).toBe(true);
  });

  it("gives zero contribution to a feature the model never uses", () => {
    const cols = uniformColumns(400, 3, 5);
    const y = cols[0].map((v) => v * 2);
    const { model } = train({ rows: 400, featureNames: ["a", "b", "c"], featureTypes: ["numeric", "numeric", "numeric"], categories: [null, null, null], columns: cols }, { y }, { objective: "squared", trees: 5, colsampleByTree: 0.34, seed: 1 });
    const used = new Set(model.trees.flatMap((t) => t.feature.filter((f) => f >= 0)));
    const { values } = loadModel(model).contributions([0.2, 0.9, 0.4]);
    for (let f = 0; f < 3; f++) if (!used.has(f)) expect(values[f]).toBe(0);
  });
});
