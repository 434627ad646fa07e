// Synthetic binary classification data in the spirit of sklearn's make_classification: Gaussian clusters at the
// vertices of a hypercube in the informative subspace (2 clusters per class, each with a random covariance),
// redundant features as random linear combinations of the informative ones, the rest pure noise, a fraction of
// labels flipped at random, then rows and columns shuffled. Seeded and deterministic.

import { mulberry32, normalSampler, shuffleInPlace } from "../random/mulberry32";
import { numericDataset, type Dataset } from "./dataset";

export interface MakeClassificationOptions {
  rows: number;
  features: number;
  informative: number;
  redundant?: number;
  clustersPerClass?: number;
  classSep?: number;
  flipY?: number;
  seed?: number;
}

export interface ClassificationData {
  data: Dataset;
  y: Float64Array;
}

export function makeClassification(options: MakeClassificationOptions): ClassificationData {
  const { rows, features, informative } = options;
  const redundant = options.redundant ?? 2;
  const clustersPerClass = options.clustersPerClass ?? 2;
  const classSep = options.classSep ?? 1;
  const flipY = options.flipY ?? 0.01;
  if (informative + redundant > features) throw new Error("informative + redundant must not exceed features");
  if (informative < 1 || informative > 30) throw new Error("informative must be between 1 and 30");
  const nClusters = 2 * clustersPerClass;
  if (nClusters > 2 ** informative) throw new Error("too many clusters for the informative subspace");

  const random = mulberry32(options.seed ?? 0);
  const normal = normalSampler(random);

  // Distinct hypercube vertices as cluster centroids, scaled to ±classSep.
  const seen = new Set<number>();
  const centroids: Float64Array[] = [];
  while (centroids.length < nClusters) {
    const code = Math.floor(random() * 2 ** informative);
    if (seen.has(code)) continue;
    seen.add(code);
    centroids.push(Float64Array.from({ length: informative }, (_, j) => (((code >> j) & 1) * 2 - 1) * classSep));
  }
  const covariances = centroids.map(() => Float64Array.from({ length: informative * informative }, () => 2 * random() - 1));

  const X = Array.from({ length: features }, () => new Float64Array(rows));
  const y = new Float64Array(rows);
  const z = new Float64Array(informative);
  for (let r = 0; r < rows; r++) {
    const k = Math.floor((r * nClusters) / rows);
    y[r] = k % 2;
    for (let j = 0; j < informative; j++) z[j] = normal();
    const A = covariances[k];
    for (let j = 0; j < informative; j++) {
      let v = centroids[k][j];
      for (let i = 0; i < informative; i++) v += z[i] * A[i * informative + j];
      X[j][r] = v;
    }
  }
  const B = Float64Array.from({ length: informative * redundant }, () => 2 * random() - 1);
  for (let d = 0; d < redundant; d++) {
    const col = X[informative + d];
    for (let r = 0; r < rows; r++) {
      let v = 0;
      for (let i = 0; i < informative; i++) v += X[i][r] * B[i * redundant + d];
      col[r] = v;
    }
  }
  for (let f = informative + redundant; f < features; f++) for (let r = 0; r < rows; r++) X[f][r] = normal();
  for (let r = 0; r < rows; r++) if (random() < flipY) y[r] = random() < 0.5 ? 0 : 1;

  const rowOrder = shuffleInPlace(Uint32Array.from({ length: rows }, (_, i) => i), random);
  const colOrder = shuffleInPlace(Array.from({ length: features }, (_, i) => i), random);
  const columns = colOrder.map((f) => {
    const out = new Float64Array(rows);
    for (let r = 0; r < rows; r++) out[r] = X[f][rowOrder[r]];
    return out;
  });
  const yShuffled = new Float64Array(rows);
  for (let r = 0; r < rows; r++) yShuffled[r] = y[rowOrder[r]];
  return { data: numericDataset(columns), y: yShuffled };
}
