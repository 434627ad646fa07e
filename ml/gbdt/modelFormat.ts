// The versioned JSON model format shared by the trainer (which writes it) and the scorer (which reads it).
// Types only, plus the version constant and a structural check — no trainer code, so the scorer can import it.

import type { ObjectiveName, TrainParams } from "./params";

export const MODEL_FORMAT_VERSION = 1;

export interface FeatureJson {
  name: string;
  type: "numeric" | "categorical";
  /** Categorical only: the category labels; a row's value is the index into this list (unknown → missing). */
  categories?: string[];
  /** Numeric only: the upper edges of the quantile bins used in training (informational). */
  binEdges?: number[];
}

/**
 * One tree as parallel arrays indexed by node id; node 0 is the root. For a split node, a numeric feature goes
 * left when `value <= threshold`; a categorical feature goes left when its code is in `leftCategories[node]`.
 * Missing values (NaN, unknown categories) go left iff `defaultLeft[node] === 1`. Leaves have feature = -1 and
 * a `value` that already includes the learning rate. `cover` is the training hessian sum reaching the node.
 */
export interface TreeJson {
  feature: number[];
  threshold: number[];
  leftCategories: number[][];
  defaultLeft: number[];
  left: number[];
  right: number[];
  value: number[];
  cover: number[];
  gain: number[];
}

export type CalibrationJson = { method: "isotonic"; x: number[]; y: number[] } | { method: "platt"; a: number; b: number };

export interface TrainingMetadata {
  params: TrainParams;
  rows: number;
  validationRows: number;
  seconds: number;
  binningSeconds: number;
  treesBuilt: number;
  bestIteration: number;
  metrics: Record<string, number>;
  createdAt: string;
}

export interface ModelJson {
  formatVersion: number;
  objective: { name: ObjectiveName; alpha?: number };
  features: FeatureJson[];
  baseScore: number;
  trees: TreeJson[];
  calibration: CalibrationJson | null;
  /** Binary classification from labelled data: [negative label, positive label]. */
  classes?: [string, string];
  training: TrainingMetadata;
}

/** Throws a descriptive error unless `value` looks like a model of a supported format version. */
export function assertModelJson(value: unknown): asserts value is ModelJson {
  const m = value as Partial<ModelJson> | null;
  if (!m || typeof m !== "object") throw new Error("model is not a JSON object");
  if (m.formatVersion !== MODEL_FORMAT_VERSION) {
    throw new Error(`unsupported model formatVersion ${String(m.formatVersion)} (this build reads ${MODEL_FORMAT_VERSION})`);
  }
  if (!Array.isArray(m.trees) || !Array.isArray(m.features) || typeof m.baseScore !== "number" || !m.objective) {
    throw new Error("model is missing trees, features, baseScore or objective");
  }
  m.trees.forEach((t, i) => {
    const n = t.feature?.length;
    const arrays = [t.threshold, t.leftCategories, t.defaultLeft, t.left, t.right, t.value, t.cover, t.gain];
    if (!n || arrays.some((a) => !Array.isArray(a) || a.length !== n)) throw new Error(`tree ${i} is malformed`);
  });
}
