import type { ModelKindGroup as DomainModelKindGroup, ModelsOverview as DomainModelsOverview, ModelVersion as DomainModelVersion } from "@/domain/mlModels";
import { apiFetch } from "@/lib/api";

export type { FeatureImportance, ModelKind, ModelTask, ReliabilityBin, ReliabilityDiagram } from "@/domain/mlModels";

// The lead-scoring endpoints (docs/api/ml.md): score a lead, list the model versions, activate one, queue training.

export type Grade = "A" | "B" | "C" | "D" | "F";

export interface ScoreFactor {
  feature: string;
  /** The feature spec's (technical) description; the UI shows featureLabels' human label instead. */
  label?: string;
  /** The feature's value at scoring time (null = unknown). */
  value: number | string | null;
  /** TreeSHAP contribution to the raw score (log-odds). */
  contribution: number;
  direction: "up" | "down";
}

export interface LeadScore {
  leadId: string;
  score: number;
  probability: number;
  grade: Grade;
  factors: ScoreFactor[];
  /** Only on a fresh score (POST): TreeSHAP's base value, the rest of the features, the raw score. */
  baseValue?: number;
  otherContribution?: number;
  margin?: number;
  modelId: string;
  modelVersion: number;
  /** Only on a stored score (GET). */
  scoredAt?: string;
}

export interface WindowMetrics {
  rows: number;
  positives: number;
  auc: number;
  logLoss: number;
  brier: number;
  ece: number;
}

export interface ModelMetrics {
  test?: WindowMetrics;
  testUncalibrated?: WindowMetrics;
  validation?: WindowMetrics;
  split?: { validationStart: number; testStart: number; trainRows: number; validationRows: number; testRows: number; embargoedRows: number };
  horizonDays?: number;
  promotion?: { promoted: boolean; reason: string; comparedWith: { modelId: string; version: number; metrics: Record<string, number> } | null };
}

/** Expected return (a regression with a 10–90% interval): one window's figures, returns as fractions (0.12 = 12%). */
export interface ReturnWindowMetrics {
  rows: number;
  rmse: number;
  mae: number;
  /** RMSE of predicting the training window's mean return for every deal. */
  baselineRmse: number;
  /** Share of deals whose realized return fell inside the interval. */
  coverage: number;
  belowLow?: number;
  aboveHigh?: number;
  meanWidth?: number;
}

export interface ReturnMetrics {
  test?: ReturnWindowMetrics;
  testUnconformalized?: ReturnWindowMetrics;
  validation?: ReturnWindowMetrics;
  split?: { trainRows: number; validationRows: number; testRows: number; embargoedRows?: number };
  interval?: { lowAlpha: number; highAlpha: number; widening?: number };
  promotion?: { promoted: boolean; reason: string };
}

/** Time to close (a survival model): concordance and, per horizon, mean predicted vs observed (Kaplan–Meier) close rate. */
export interface CloseMetrics {
  test?: { rows: number; closes: number; concordance: number; calibration?: { days: number; predicted: number; observed: number }[] };
  validation?: { rows: number; closes: number; concordance: number };
  train?: { rows: number; closes: number };
  split?: { trainRows: number; validationRows: number; testRows: number };
  horizonsDays?: number[];
  promotion?: { promoted: boolean; reason: string };
}

/** The Models API's shapes (src/domain/mlModels.ts); a version's metrics shape depends on its kind (ModelMetrics, ReturnMetrics, CloseMetrics). */
export type ModelVersion = DomainModelVersion<ModelMetrics>;
export type ModelKindGroup = DomainModelKindGroup<ModelMetrics>;
export type ModelsOverview = DomainModelsOverview<ModelMetrics>;

/** Scores one lead now (the score is written back on the lead). 409 model_not_trained when the org has no active model. */
/** The lead's latest stored score, or null when it was never scored (reads only). */
export const latestLeadScore = (leadId: string) => apiFetch<{ item: LeadScore | null }>(`/api/ml/score?leadId=${encodeURIComponent(leadId)}`).then((r) => r.item);

export const scoreLead = (leadId: string) =>
  apiFetch<{ items: LeadScore[] }>("/api/ml/score", { method: "POST", body: { leadId } }).then((r) => r.items[0]);

export const listModels = (signal?: AbortSignal) => apiFetch<ModelsOverview>("/api/ml/models", { signal });

/** Managers: makes a version the active one (promotion by hand or rollback). */
export const activateModel = (id: string) => apiFetch<ModelVersion>(`/api/ml/models/${encodeURIComponent(id)}/activate`, { method: "POST" });

/** Managers: queues the train-lead-model and train-deal-models jobs (202). */
export const trainModel = (note?: string) => apiFetch<{ jobId: string; dealModelsJobId?: string; matchModelJobId?: string; status: string }>("/api/ml/train", { method: "POST", body: note ? { note } : {} });

export type DriftLevel = "stable" | "moderate" | "major";

export interface DriftSummary {
  latest: {
    id: string;
    computedAt: string;
    alert: boolean;
    rows: number;
    modelVersion: number;
    score: { psi: number; level: DriftLevel };
    features: { feature: string; psi: number; level: DriftLevel }[];
    major: string[];
  } | null;
  history: { id: string; computedAt: string; scorePsi: number | null; alert: boolean; rows: number }[];
}

/** The latest drift check of the active model, and the recent ones. */
export const driftReport = () => apiFetch<DriftSummary>("/api/ml/drift");
