// ML scoring benchmark: batch-scores 10,000 rows × 30 features with an exported (JSON round-tripped) GBDT
// model through ml/gbdt/scorer, p50/p95 over 30 runs after warm-up (target p50 < 50 ms), beside a raw baseline
// measured in the same run — a plain loop computing one dot product per row over the same Float64Array — and
// the ratio. Also single-row latency and TreeSHAP contributions per row.
//
// By default the model has the training benchmark's shape (200 trees, depth 6) but is trained on 20,000 rows
// to keep this quick; pass { model } to score a model you already have (e.g. runMlTrain's).
// Standalone: npx tsx scripts/bench/mlScore.ts

import { pathToFileURL } from "node:url";
import { takeRows, toRowMajor } from "../../ml/data/dataset";
import { makeClassification } from "../../ml/data/makeClassification";
import type { ModelJson } from "../../ml/gbdt/modelFormat";
import { loadModel } from "../../ml/gbdt/scorer";
import { train } from "../../ml/gbdt/train";
import { fmt, summarize, table, type LatencySummary } from "./stats";

export interface MlScoreOptions {
  rows: number;
  runs: number;
  warmup: number;
  model?: ModelJson;
}

export const DEFAULT_ML_SCORE_OPTIONS: MlScoreOptions = { rows: 10_000, runs: 30, warmup: 5 };
export const ML_SCORE_TARGET_MS = 50;

export interface MlScoreResult {
  rows: number;
  features: number;
  trees: number;
  runs: number;
  batch: LatencySummary;
  baseline: LatencySummary;
  ratio: number;
  singleRowMicros: number;
  contributionsMicros: number;
  meetsTarget: boolean;
}

function benchmarkModel(features: number): ModelJson {
  const { data, y } = makeClassification({ rows: 20_000, features, informative: 12, seed: 7 });
  return train(data, { y }, { trees: 200, maxDepth: 6, learningRate: 0.1, maxBins: 255, seed: 7 }).model;
}

function time(fn: () => void, runs: number, warmup: number): number[] {
  for (let i = 0; i < warmup; i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    samples.push(performance.now() - t);
  }
  return samples;
}

export async function runMlScore(options: Partial<MlScoreOptions> = {}): Promise<MlScoreResult> {
  const o = { ...DEFAULT_ML_SCORE_OPTIONS, ...options };
  const features = o.model?.features.length ?? 30;
  const scorer = loadModel(JSON.stringify(o.model ?? benchmarkModel(features)));
  const { data } = makeClassification({ rows: o.rows, features, informative: Math.min(12, features), seed: 99 });
  const matrix = toRowMajor(takeRows(data, Uint32Array.from({ length: o.rows }, (_, i) => i)));
  const out = new Float64Array(o.rows);

  const batch = summarize(time(() => scorer.predictBatch(matrix, o.rows, out), o.runs, o.warmup));
  const weights = Float64Array.from({ length: features }, (_, i) => (i % 7) - 3);
  let sink = 0;
  const baseline = summarize(
    time(
      () => {
        for (let r = 0; r < o.rows; r++) {
          let s = 0;
          const off = r * features;
          for (let f = 0; f < features; f++) s += matrix[off + f] * weights[f];
          out[r] = s;
        }
        sink += out[0];
      },
      o.runs,
      o.warmup,
    ),
  );
  const rowsForSingle = 1000;
  const single = time(() => {
    for (let r = 0; r < rowsForSingle; r++) sink += scorer.predict(matrix.subarray(r * features, (r + 1) * features));
  }, 5, 2);
  const shapRows = 50;
  const shap = time(() => {
    for (let r = 0; r < shapRows; r++) sink += scorer.contributions(matrix.subarray(r * features, (r + 1) * features)).values[0];
  }, 3, 1);
  if (Number.isNaN(sink)) console.log("(unexpected NaN)");
  return {
    rows: o.rows,
    features,
    trees: scorer.model.trees.length,
    runs: o.runs,
    batch,
    baseline,
    ratio: batch.p50 / baseline.p50,
    singleRowMicros: (summarize(single).p50 * 1000) / rowsForSingle,
    contributionsMicros: (summarize(shap).p50 * 1000) / shapRows,
    meetsTarget: batch.p50 < ML_SCORE_TARGET_MS,
  };
}

export function printMlScore(r: MlScoreResult): void {
  console.log(
    `\nML scoring — ${r.rows.toLocaleString("en-US")} rows × ${r.features} features through ml/gbdt/scorer (${r.trees} trees, ` +
      `model reloaded from JSON), ${r.runs} runs after warm-up; baseline: one dot product per row over the same Float64Array.`,
  );
  console.log(
    table(
      ["", "p50 ms", "p95 ms", "min ms"],
      [
        ["scorer batch", fmt(r.batch.p50), fmt(r.batch.p95), fmt(r.batch.min)],
        ["baseline dot product", fmt(r.baseline.p50, 3), fmt(r.baseline.p95, 3), fmt(r.baseline.min, 3)],
      ],
    ),
  );
  console.log(
    `ratio ${fmt(r.ratio, 1)}× the baseline; target p50 < ${ML_SCORE_TARGET_MS} ms: ${r.meetsTarget ? "met" : "NOT met"}. ` +
      `Single row ${fmt(r.singleRowMicros, 1)} µs; TreeSHAP contributions ${fmt(r.contributionsMicros, 0)} µs per row.`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  printMlScore(await runMlScore());
}
