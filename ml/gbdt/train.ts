// The boosting loop: bins the data, then for each round computes gradients, samples rows (subsample) and
// features (colsampleByTree) with a seeded PRNG, grows a tree, updates the margins, and tracks the validation
// loss for early stopping. Returns the model in the JSON format (ready for the scorer) and the loss history.

import type { Dataset, Labels } from "../data/dataset";
import { mulberry32, shuffleInPlace } from "../random/mulberry32";
import { binDataset, computeBinnings, type BinnedData } from "./binning";
import { exportTree } from "./exportTree";
import { growTree, leafOfBinnedRow, type GrownTree } from "./growTree";
import { createHistogramBuilder } from "./parallelHistogram";
import { MODEL_FORMAT_VERSION, type ModelJson, type TreeJson } from "./modelFormat";
import { createObjective } from "./objectives";
import { effectiveMaxLeaves, resolveParams, type TrainParams } from "./params";

export interface TrainOptions {
  validation?: { data: Dataset; labels: Labels };
}

export interface TrainResult {
  model: ModelJson;
  /** Validation loss after each tree (empty without a validation set). */
  validationLoss: number[];
  lossName: string;
}

function addTreeToMargins(tree: GrownTree, binned: BinnedData, margins: Float64Array): void {
  const nf = binned.features;
  for (let r = 0; r < binned.rows; r++) margins[r] += tree.value[leafOfBinnedRow(tree, binned.bins, r * nf)];
}

function sampleRows(n: number, subsample: number, random: () => number, out: Uint32Array): number {
  if (subsample >= 1) {
    for (let i = 0; i < n; i++) out[i] = i;
    return n;
  }
  let m = 0;
  for (let i = 0; i < n; i++) if (random() < subsample) out[m++] = i;
  if (m === 0) out[m++] = Math.floor(random() * n);
  return m;
}

function sampleFeatures(nf: number, fraction: number, random: () => number): Uint8Array {
  const mask = new Uint8Array(nf);
  if (fraction >= 1) return mask.fill(1);
  const k = Math.max(1, Math.round(nf * fraction));
  const order = shuffleInPlace(Array.from({ length: nf }, (_, i) => i), random);
  for (let i = 0; i < k; i++) mask[order[i]] = 1;
  return mask;
}

export function train(data: Dataset, labels: Labels, paramsIn: Partial<TrainParams> = {}, options: TrainOptions = {}): TrainResult {
  const params = resolveParams(paramsIn as Record<string, unknown>);
  if (labels.y.length !== data.rows) throw new Error(`labels have ${labels.y.length} rows, data has ${data.rows}`);
  if (data.rows === 0) throw new Error("cannot train on an empty dataset");
  const badLabel = labels.y.findIndex((v) => !Number.isFinite(v));
  if (badLabel >= 0) throw new Error(`label of row ${badLabel} is not a finite number`);
  const started = performance.now();
  const binnings = computeBinnings(data, params.maxBins);
  const binned = binDataset(data, binnings);
  const binningSeconds = (performance.now() - started) / 1000;

  const n = data.rows;
  const nf = binned.features;
  const objective = createObjective(params, labels);
  const baseScore = objective.baseScore();
  const margins = new Float64Array(n).fill(baseScore);
  const grow = { ...params, maxLeaves: effectiveMaxLeaves(params) };
  // The builder owns the gradient and row-index buffers the histogram kernels read (see parallelHistogram.ts).
  const builder = createHistogramBuilder(binned, grow.maxLeaves + 2, params.threads);
  const { gh, rows: rowBuffer } = builder;
  const ctx = { binned, builder };
  const random = mulberry32(params.seed);
  const inSample = new Uint8Array(n);

  const valid = options.validation;
  const validBinned = valid ? binDataset(valid.data, binnings) : null;
  const validMargins = valid ? new Float64Array(valid.data.rows).fill(baseScore) : null;
  const validationLoss: number[] = [];
  let bestLoss = Infinity;
  let bestIteration = -1;

  const trees: TreeJson[] = [];
  try {
    for (let it = 0; it < params.trees; it++) {
      objective.gradients(margins, gh);
      const m = sampleRows(n, params.subsample, random, rowBuffer);
      const featureMask = sampleFeatures(nf, params.colsampleByTree, random);
      const tree = growTree(ctx, gh, rowBuffer.subarray(0, m), featureMask, grow);
      for (let id = 0; id < tree.feature.length; id++) {
        if (tree.feature[id] >= 0) continue;
        if (objective.refitLeaf) tree.value[id] = objective.refitLeaf(tree.rows, tree.start[id], tree.end[id], margins);
      }
      for (let id = 0; id < tree.feature.length; id++) {
        if (tree.feature[id] >= 0) continue;
        const v = tree.value[id];
        for (let i = tree.start[id]; i < tree.end[id]; i++) margins[tree.rows[i]] += v;
      }
      if (m < n) {
        inSample.fill(0);
        for (let i = 0; i < m; i++) inSample[tree.rows[i]] = 1;
        for (let r = 0; r < n; r++) if (!inSample[r]) margins[r] += tree.value[leafOfBinnedRow(tree, binned.bins, r * nf)];
      }
      trees.push(exportTree(tree, binnings));

      if (valid && validBinned && validMargins) {
        addTreeToMargins(tree, validBinned, validMargins);
        const loss = objective.loss(validMargins, valid.labels);
        validationLoss.push(loss);
        if (loss < bestLoss - 1e-12) {
          bestLoss = loss;
          bestIteration = it;
        } else if (params.earlyStoppingRounds > 0 && it - bestIteration >= params.earlyStoppingRounds) {
          break;
        }
      }
    }
  } finally {
    builder.close();
  }
  const treesBuilt = trees.length;
  const keep = valid && params.earlyStoppingRounds > 0 && bestIteration >= 0 ? bestIteration + 1 : trees.length;
  trees.length = keep;

  const metrics: Record<string, number> = {};
  if (keep === treesBuilt) metrics[`train_${objective.lossName}`] = objective.loss(margins, labels);
  if (valid) metrics[`validation_${objective.lossName}`] = validationLoss[keep - 1];

  const model: ModelJson = {
    formatVersion: MODEL_FORMAT_VERSION,
    objective: params.objective === "quantile" ? { name: "quantile", alpha: params.alpha } : { name: params.objective },
    features: data.featureNames.map((name, f) =>
      binnings[f].type === "categorical"
        ? { name, type: "categorical", categories: binnings[f].categories! }
        : { name, type: "numeric", binEdges: Array.from(binnings[f].edges!) },
    ),
    baseScore,
    trees,
    calibration: null,
    training: {
      params,
      rows: n,
      validationRows: valid ? valid.data.rows : 0,
      seconds: (performance.now() - started) / 1000,
      binningSeconds,
      treesBuilt,
      bestIteration: keep - 1,
      metrics,
      createdAt: new Date().toISOString(),
    },
  };
  return { model, validationLoss, lossName: objective.lossName };
}
