import { describe, expect, it } from "vitest";
import { numericDataset, toRowMajor, type Dataset } from "../data/dataset";
import { mulberry32 } from "../random/mulberry32";
import { gainImportance } from "./importance";
import { loadModel } from "./scorer";
import { datasetOf, gridColumns, uniformColumns } from "./testData";
import { train } from "./train";

const predictAll = (model: ReturnType<typeof train>["model"], data: Dataset) => loadModel(model).predictBatch(toRowMajor(data), data.rows);

describe("train: recovering known functions", () => {
  // Features on a 200-value grid: with ≤255 distinct values binning is lossless, so recovery can be exact.
  it("fits a step function exactly (regression)", () => {
    const cols = gridColumns(500, 2, 200, 1);
    const y = cols[0].map((x) => (x > 0.5 ? 3 : 1));
    const { model } = train(datasetOf(cols), { y }, { objective: "squared", trees: 1, maxDepth: 1, learningRate: 1, lambda: 0, minChildWeight: 0 });
    const test = gridColumns(200, 2, 200, 2);
    const pred = predictAll(model, datasetOf(test));
    test[0].forEach((x, i) => expect(Math.abs(pred[i] - (x > 0.5 ? 3 : 1))).toBeLessThan(1e-12));
    expect(model.trees[0].feature[0]).toBe(0);
  });

  it("fits an XOR interaction exactly (regression)", () => {
    // x1 skewed (75% above 0.5) so that the greedy root split on x0 has a positive gain; then one depth-2 tree
    // represents y = (x0 > 0.5) XOR (x1 > 0.5) exactly, and further trees see zero residuals.
    const skew = (c: Float64Array[]) => [c[0], c[1].map((v) => Math.round(Math.sqrt(v) * 100) / 100), c[2]];
    const cols = skew(gridColumns(2000, 3, 100, 3));
    const xor = (a: number, b: number) => (a > 0.5 !== b > 0.5 ? 1 : 0);
    const y = cols[0].map((a, i) => xor(a, cols[1][i]));
    const { model } = train(datasetOf(cols), { y }, { objective: "squared", trees: 5, maxDepth: 2, learningRate: 1, lambda: 0, minChildWeight: 0 });
    expect(model.trees[0].feature.slice(0, 3)).toEqual([0, 1, 1]);
    const test = skew(gridColumns(500, 3, 100, 4));
    const pred = predictAll(model, datasetOf(test));
    for (let i = 0; i < 500; i++) expect(Math.abs(pred[i] - xor(test[0][i], test[1][i]))).toBeLessThan(1e-9);
    // The noise feature never matters.
    expect(gainImportance(model).find((f) => f.feature === "f2")?.gain).toBe(0);
  });

  it("classifies an XOR interaction perfectly (binary log-loss)", () => {
    const cols = uniformColumns(2000, 2, 5);
    const y = cols[0].map((a, i) => (a > 0.5 !== cols[1][i] > 0.5 ? 1 : 0));
    const { model } = train(datasetOf(cols), { y }, { objective: "binary", trees: 60, maxDepth: 3, learningRate: 0.5 });
    const test = uniformColumns(500, 2, 6);
    const p = predictAll(model, datasetOf(test));
    for (let i = 0; i < 500; i++) {
      if (Math.abs(test[0][i] - 0.5) < 0.02 || Math.abs(test[1][i] - 0.5) < 0.02) continue;
      const label = test[0][i] > 0.5 !== test[1][i] > 0.5 ? 1 : 0;
      expect(Math.abs(p[i] - label)).toBeLessThan(0.1);
    }
  });
});

describe("train: determinism, missing values, categorical splits, early stopping", () => {
  const cols = uniformColumns(1000, 5, 7);
  const y = cols[0].map((a, i) => (a + cols[1][i] * 0.5 + 0.3 * Math.sin(9 * cols[2][i]) > 0.8 ? 1 : 0));
  const params = { trees: 15, subsample: 0.7, colsampleByTree: 0.6, maxDepth: 4 };

  it("same seed ⇒ identical model; another seed ⇒ a different one", () => {
    const a = train(datasetOf(cols), { y }, { ...params, seed: 11 }).model;
    const b = train(datasetOf(cols), { y }, { ...params, seed: 11 }).model;
    const c = train(datasetOf(cols), { y }, { ...params, seed: 12 }).model;
    expect(JSON.stringify(a.trees)).toBe(JSON.stringify(b.trees));
    expect(a.baseScore).toBe(b.baseScore);
    expect(JSON.stringify(a.trees)).not.toBe(JSON.stringify(c.trees));
  });

  it("learns a default direction when missingness itself is predictive", () => {
    const random = mulberry32(8);
    const n = 1000;
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      y[i] = random() < 0.5 ? 1 : 0;
      // Observed values carry no signal; being missing means y = 1 (mostly).
      x[i] = y[i] === 1 && random() < 0.8 ? NaN : random();
    }
    const { model } = train(numericDataset([x]), { y }, { trees: 10, maxDepth: 2, learningRate: 0.5 });
    const scorer = loadModel(model);
    expect(scorer.predict([NaN])).toBeGreaterThan(0.9);
    expect(scorer.predict([0.3])).toBeLessThan(0.4);
    expect(scorer.predict([0.9])).toBeLessThan(0.4);
    // The first root split is "present vs missing": every present value goes left (threshold = the last bin's
    // edge), missing values default right, into a leaf with a positive output.
    const root = model.trees[0];
    expect(root.feature[0]).toBe(0);
    expect(root.threshold[0]).toBe(Number.MAX_VALUE);
    expect(root.defaultLeft[0]).toBe(0);
    expect(root.feature[root.right[0]]).toBe(-1);
    expect(root.value[root.right[0]]).toBeGreaterThan(0.5);
  });

  it("splits a categorical feature on a non-contiguous subset of categories", () => {
    const random = mulberry32(9);
    const n = 600;
    const code = Float64Array.from({ length: n }, () => Math.floor(random() * 6));
    const high = new Set([1, 3, 4]);
    const y = code.map((c) => (high.has(c) ? 5 : -2));
    const data: Dataset = {
      rows: n,
      featureNames: ["c"],
      featureTypes: ["categorical"],
      categories: [["a", "b", "c", "d", "e", "f"]],
      columns: [code],
    };
    const { model } = train(data, { y }, { objective: "squared", trees: 1, maxDepth: 1, learningRate: 1, lambda: 0 });
    const root = model.trees[0];
    const left = root.leftCategories[0];
    expect(left.length === 3 && (left.join() === "1,3,4" || left.join() === "0,2,5")).toBe(true);
    const scorer = loadModel(model);
    for (let c = 0; c < 6; c++) expect(scorer.predict([c])).toBeCloseTo(high.has(c) ? 5 : -2, 9);
    expect(scorer.predict(scorer.encodeRecord({ c: "d" }))).toBeCloseTo(5, 9);
    // An unseen category is treated as missing and follows the default direction.
    expect(scorer.encodeRecord({ c: "zzz" })[0]).toBeNaN();
  });

  it("rejects non-finite labels and mismatched lengths", () => {
    expect(() => train(datasetOf(cols), { y: Float64Array.from(y, (v, i) => (i === 5 ? NaN : v)) })).toThrow(/row 5/);
    expect(() => train(datasetOf(cols), { y: y.subarray(1) })).toThrow(/labels have 999 rows/);
  });

  it("stops early on the validation loss and keeps the best iteration", () => {
    const random = mulberry32(10);
    const noisy = cols[0].map((a) => (random() < 0.35 ? 1 - (a > 0.5 ? 1 : 0) : a > 0.5 ? 1 : 0));
    const vCols = uniformColumns(400, 5, 70);
    const vy = vCols[0].map((a) => (random() < 0.35 ? 1 - (a > 0.5 ? 1 : 0) : a > 0.5 ? 1 : 0));
    const result = train(datasetOf(cols), { y: noisy }, { trees: 300, maxDepth: 6, learningRate: 0.3, earlyStoppingRounds: 10 }, {
      validation: { data: datasetOf(vCols), labels: { y: vy } },
    });
    const losses = result.validationLoss;
    const best = losses.indexOf(Math.min(...losses));
    expect(losses.length).toBeLessThan(300);
    expect(losses.length).toBe(best + 11);
    expect(result.model.trees.length).toBe(best + 1);
    expect(result.model.training.metrics.validation_logLoss).toBe(losses[best]);
  });
});
