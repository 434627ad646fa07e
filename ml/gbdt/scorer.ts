// Loads a JSON model and scores rows: one row or a row-major batch, the raw margin or the prediction
// (probability for binary — calibrated if the model carries a calibration —, value for regression/quantile,
// hazard ratio exp(margin) for cox), and exact TreeSHAP contributions. Imports nothing from the trainer.

import { applyIsotonic } from "../calibration/isotonic";
import { applyPlatt } from "../calibration/platt";
import { compileForest, sumLeaves, type CompiledForest } from "./compiledForest";
import { assertModelJson, type ModelJson } from "./modelFormat";
import { expectedValue, treeShap } from "./treeShap";

export interface Contributions {
  /** Expected margin over the training data (base score + cover-weighted tree means). */
  baseValue: number;
  /** Per-feature contribution to the margin; baseValue + Σ values = margin. */
  values: Float64Array;
}

export interface Scorer {
  model: ModelJson;
  featureNames: string[];
  predictMargin(row: ArrayLike<number>): number;
  predict(row: ArrayLike<number>): number;
  /** Row-major matrix (rows × features); returns one margin per row. */
  predictMarginBatch(matrix: ArrayLike<number>, rows: number, out?: Float64Array): Float64Array;
  predictBatch(matrix: ArrayLike<number>, rows: number, out?: Float64Array): Float64Array;
  contributions(row: ArrayLike<number>): Contributions;
  /** Turns a record keyed by feature name into a row: numbers as-is, category labels to codes, blanks → NaN. */
  encodeRecord(record: Record<string, unknown>): Float64Array;
}

function transformFor(model: ModelJson): (margin: number) => number {
  const cal = model.calibration;
  switch (model.objective.name) {
    case "binary":
      if (cal?.method === "platt") return (m) => applyPlatt(cal, m);
      if (cal?.method === "isotonic") return (m) => applyIsotonic(cal, 1 / (1 + Math.exp(-m)));
      return (m) => 1 / (1 + Math.exp(-m));
    case "cox":
      return Math.exp;
    default:
      return (m) => m;
  }
}

function toNumber(v: unknown): number {
  if (typeof v === "number") return v;
  if (typeof v !== "string" || v.trim() === "") return NaN;
  const n = Number(v);
  return Number.isFinite(n) ? n : NaN;
}

export function loadModel(json: string | ModelJson): Scorer {
  const model: unknown = typeof json === "string" ? JSON.parse(json) : json;
  assertModelJson(model);
  const forest: CompiledForest = compileForest(model);
  const base = model.baseScore;
  const transform = transformFor(model);
  const nf = model.features.length;
  const categoryIndex = model.features.map((f) => (f.type === "categorical" ? new Map((f.categories ?? []).map((c, i) => [c, i])) : null));
  let baseValue: number | null = null;

  const one = new Float64Array(1);
  const predictMargin = (row: ArrayLike<number>) => {
    if (row.length < nf) throw new Error(`row has ${row.length} values, the model needs ${nf}`);
    one[0] = base;
    sumLeaves(forest, row instanceof Float64Array ? row : Float64Array.from(row), 1, one);
    return one[0];
  };
  const predictMarginBatch = (matrix: ArrayLike<number>, rows: number, out: Float64Array = new Float64Array(rows)) => {
    if (matrix.length < rows * nf) throw new Error(`matrix has ${matrix.length} values, need ${rows} × ${nf}`);
    out.fill(base, 0, rows);
    sumLeaves(forest, matrix instanceof Float64Array ? matrix : Float64Array.from(matrix), rows, out);
    return out;
  };

  return {
    model,
    featureNames: model.features.map((f) => f.name),
    predictMargin,
    predict: (row) => transform(predictMargin(row)),
    predictMarginBatch,
    predictBatch(matrix, rows, out) {
      const result = predictMarginBatch(matrix, rows, out);
      for (let i = 0; i < rows; i++) result[i] = transform(result[i]);
      return result;
    },
    contributions(row) {
      if (baseValue === null) {
        baseValue = base;
        for (let t = 0; t < forest.trees; t++) baseValue += expectedValue(forest, forest.roots[t]);
      }
      const values = new Float64Array(nf);
      treeShap(forest, row, values);
      return { baseValue, values };
    },
    encodeRecord(record) {
      const row = new Float64Array(nf);
      model.features.forEach((f, i) => {
        const v = record[f.name];
        if (f.type === "numeric") row[i] = toNumber(v);
        else row[i] = v === null || v === undefined || v === "" ? NaN : (categoryIndex[i]!.get(String(v)) ?? NaN);
      });
      return row;
    },
  };
}
