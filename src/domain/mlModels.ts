// The Models API's shapes (GET /api/ml/models, docs/api/ml.md), shared by the server (modelRegistry.ts) and the
// Models page. The reliability diagram and the feature importance are what ml/ computes, sent as they are.

import type { FeatureImportance } from "../../ml/gbdt/importance";
import type { ReliabilityBin, ReliabilityDiagram } from "../../ml/metrics/reliability";

export type { FeatureImportance, ReliabilityBin, ReliabilityDiagram };

/** The registry's model kinds, in the order the Models page shows them. */
export const MODEL_KINDS = ["lead_conversion", "expected_return", "time_to_close", "investor_match"] as const;
export type ModelKind = (typeof MODEL_KINDS)[number];

/** "other": a kind this server does not know (stored by a newer one). */
export type ModelTask = "classification" | "regression" | "survival" | "other";

/** One stored version. `M` is the shape of its held-out metrics, which depends on the kind. */
export interface ModelVersion<M = Record<string, unknown>> {
  id: string;
  version: number;
  kind: string;
  active: boolean;
  /** The stored held-out metrics (per kind), without the drift reference and the calibration bins. */
  metrics: M;
  /** Classification kinds: reliability-diagram bins on the held-out window; null for other kinds and for versions trained before they were kept. */
  calibration: ReliabilityDiagram | null;
  trainingWindow: { start: string | null; end: string | null };
  trainingRows: number;
  createdAt: string;
  promotedAt: string | null;
  note: string | null;
  trees: number;
  featureImportance: FeatureImportance[];
}

export interface ModelKindGroup<M = Record<string, unknown>> {
  kind: string;
  task: ModelTask;
  trained: boolean;
  activeVersion: number | null;
  /** Why there is no active version (null when there is one). */
  message: string | null;
  /** Newest first. */
  items: ModelVersion<M>[];
}

export interface ModelsOverview<M = Record<string, unknown>> {
  /** The lead-conversion group's fields, kept at the top level for older clients. */
  trained: boolean;
  activeVersion: number | null;
  message: string | null;
  items: ModelVersion<M>[];
  /** Every kind (MODEL_KINDS order, then any other stored kind), each with its versions. */
  kinds: ModelKindGroup<M>[];
}
