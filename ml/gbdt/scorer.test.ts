import { readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { toRowMajor, type Dataset } from "../data/dataset";
import { mulberry32 } from "../random/mulberry32";
import { compileForest } from "./compiledForest";
import { assertModelJson, type ModelJson } from "./modelFormat";
import { loadModel } from "./scorer";
import { uniformColumns } from "./testData";
import { train } from "./train";

function mixedData(rows: number, seed: number): { data: Dataset; y: Float64Array } {
  const random = mulberry32(seed);
  const cols = uniformColumns(rows, 3, seed);
  const cat = Float64Array.from({ length: rows }, () => Math.floor(random() * 5));
  for (let i = 0; i < rows; i += 6) cols[1][i] = NaN;
  const y = Float64Array.from({ length: rows }, (_, i) => (cols[0][i] + (cat[i] % 2) * 0.5 + (Number.isNaN(cols[1][i]) ? 0.4 : cols[1][i] * 0.2) > 0.9 ? 1 : 0));
  return {
    data: { rows, featureNames: ["a", "b", "c", "kind"], featureTypes: ["numeric", "numeric", "numeric", "categorical"], categories: [null, null, null, ["p", "q", "r", "s", "t"]], columns: [...cols, cat] },
    y,
  };
}

describe("scorer", () => {
  const { data, y } = mixedData(1500, 1);
  const { model } = train(data, { y }, { trees: 40, maxDepth: 5, subsample: 0.8, seed: 3 });
  const test = mixedData(300, 2).data;
  const matrix = toRowMajor(test);

  it("a saved and reloaded model predicts bit-for-bit identically", () => {
    const direct = loadModel(model);
    const reloaded = loadModel(JSON.stringify(model));
    const a = direct.predictBatch(matrix, test.rows);
    const b = reloaded.predictBatch(matrix, test.rows);
    for (let i = 0; i < test.rows; i++) expect(Object.is(a[i], b[i])).toBe(true);
    expect(JSON.stringify(JSON.parse(JSON.stringify(model)))).toBe(JSON.stringify(model));
  });

  it("batch, single-row and margin predictions agree", () => {
    const scorer = loadModel(model);
    const batch = scorer.predictBatch(matrix, test.rows);
    const margins = scorer.predictMarginBatch(matrix, test.rows);
    for (let r = 0; r < test.rows; r++) {
      const row = matrix.subarray(r * 4, r * 4 + 4);
      expect(scorer.predict(row)).toBe(batch[r]);
      expect(batch[r]).toBeCloseTo(1 / (1 + Math.exp(-margins[r])), 14);
    }
  });

  it("the compiled fast path, the missing-value path and categorical splits all match a plain walk of the JSON", () => {
    /** Walks a JSON tree the obvious way. */
    const walk = (m: ModelJson, x: ArrayLike<number>) =>
      m.trees.reduce((sum, t) => {
        let node = 0;
        while (t.feature[node] >= 0) {
          const v = x[t.feature[node]];
          const isCat = m.features[t.feature[node]].type === "categorical";
          const known = !Number.isNaN(v) && (!isCat || (Number.isInteger(v) && v >= 0 && v < m.features[t.feature[node]].categories!.length));
          const left = !known ? t.defaultLeft[node] === 1 : isCat ? t.leftCategories[node].includes(v) : v <= t.threshold[node];
          node = left ? t.left[node] : t.right[node];
        }
        return sum + t.value[node];
      }, m.baseScore);
    const numericCols = uniformColumns(2000, 4, 5);
    for (let i = 0; i < 2000; i += 4) numericCols[2][i] = NaN;
    const ny = numericCols[0].map((v, i) => (v + (Number.isNaN(numericCols[2][i]) ? 0.3 : 0) > 0.6 ? 1 : 0));
    const numericModel = train({ rows: 2000, featureNames: ["a", "b", "c", "d"], featureTypes: ["numeric", "numeric", "numeric", "numeric"], categories: [null, null, null, null], columns: numericCols }, { y: ny }, { trees: 30, maxDepth: 7 }).model;
    expect(compileForest(numericModel).fast).not.toBeNull();
    expect(compileForest(model).fast).toBeNull(); // categorical splits: general layout only
    const probe = uniformColumns(400, 4, 6);
    // Rows 0–199 are complete (whole 64-row blocks take the fast complete-tree layout); later rows have NaNs.
    for (let i = 200; i < 400; i += 3) probe[i % 4][i] = NaN;
    const probeMatrix = new Float64Array(400 * 4);
    probe.forEach((c, f) => c.forEach((v, r) => (probeMatrix[r * 4 + f] = v)));
    // 13 complete rows: one 8-row group plus 5 rows through the remainder loop.
    for (const [m, x, rows] of [[numericModel, probeMatrix, 400], [numericModel, probeMatrix, 13], [model, matrix, test.rows]] as const) {
      const scorer = loadModel(m);
      const margins = scorer.predictMarginBatch(x, rows);
      for (let r = 0; r < rows; r++) {
        const row = x.subarray(r * 4, r * 4 + 4);
        expect(margins[r]).toBeCloseTo(walk(m, row), 12);
        expect(scorer.predictMargin(row)).toBe(margins[r]);
      }
    }
  });

  it("encodes records by feature name, mapping category labels and blanks", () => {
    const scorer = loadModel(model);
    const row = scorer.encodeRecord({ a: "0.25", b: "", c: 3, kind: "r" });
    expect([...row]).toEqual([0.25, NaN, 3, 2]);
    expect(scorer.encodeRecord({ a: "x", kind: "unknown" })[0]).toBeNaN();
    expect(scorer.encodeRecord({ kind: "unknown" })[3]).toBeNaN();
  });

  it("records the format version, features, objective and training metadata", () => {
    expect(() => assertModelJson(model)).not.toThrow();
    expect(model.formatVersion).toBe(1);
    expect(model.features.map((f) => f.type)).toEqual(["numeric", "numeric", "numeric", "categorical"]);
    expect(model.features[3].categories).toEqual(["p", "q", "r", "s", "t"]);
    expect(model.training.rows).toBe(1500);
    expect(model.training.params.trees).toBe(40);
    expect(model.trees).toHaveLength(40);
    expect(() => loadModel({ ...model, formatVersion: 99 })).toThrow(/formatVersion 99/);
    expect(() => loadModel("{}")).toThrow(/formatVersion/);
  });

  it("scores a batch of 10,000 rows exactly as row by row (its speed is in npm run bench -- ml-score)", () => {
    const cols = uniformColumns(2000, 30, 9);
    const yy = cols[0].map((v, i) => (v + cols[1][i] > 1 ? 1 : 0));
    const big = train({ rows: 2000, featureNames: cols.map((_, i) => `f${i}`), featureTypes: cols.map(() => "numeric"), categories: cols.map(() => null), columns: cols }, { y: yy }, { trees: 30, maxDepth: 6 }).model;
    const scorer = loadModel(big);
    const x = Float64Array.from({ length: 10_000 * 30 }, mulberry32(4));
    const out = new Float64Array(10_000);
    scorer.predictBatch(x, 10_000, out);
    for (const r of [0, 1, 4_999, 9_999]) expect(out[r]).toBe(scorer.predict(x.subarray(r * 30, r * 30 + 30)));
  });

  it("imports no trainer code at run time (only the format, compiled forest, TreeSHAP and calibration appliers)", () => {
    const root = join(dirname(fileURLToPath(import.meta.url)), "..");
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const source = readFileSync(file, "utf8");
      for (const [, path] of source.matchAll(/^import (?!type )[^;]*? from "(\.[^"]+)";/gms)) visit(join(dirname(file), `${path}.ts`));
    };
    visit(join(root, "gbdt", "scorer.ts"));
    expect([...seen].map((f) => relative(root, f)).sort()).toEqual([
      "calibration/isotonic.ts",
      "calibration/platt.ts",
      "gbdt/compiledForest.ts",
      "gbdt/modelFormat.ts",
      "gbdt/scorer.ts",
      "gbdt/treeShap.ts",
    ]);
  });
});
