// The model registry (public.ml_models): training an org's lead-conversion model into a new version, promotion only
// when it beats the active version on the held-out window, listing the versions of every kind (lead conversion, the
// deal models of dealModels.ts, investor match), and activating any version by hand (rollback).
//
// Promotion compares like with like (registerVersion.ts): the active model is scored on the NEW model's held-out
// (test) window — the same rows, features rebuilt at each row's cutoff — and the new version is promoted when its
// AUC there is higher, or equal with a lower log-loss. With no active version the new one is promoted.

import type { Kysely } from "kysely";
import { buildLeadFeatures } from "../../../../ml/features/leadFeatures";
import type { LeadHistory, OrgContext } from "../../../../ml/features/leadHistory";
import { gainImportance } from "../../../../ml/gbdt/importance";
import type { ModelJson } from "../../../../ml/gbdt/modelFormat";
import { auc, logLoss } from "../../../../ml/metrics/classification";
import { reliabilityBins, type ReliabilityDiagram } from "../../../../ml/metrics/reliability";
import { MODEL_KINDS, type ModelKind, type ModelKindGroup, type ModelsOverview, type ModelTask, type ModelVersion } from "../../../../src/domain/mlModels";
import { buildDriftReference } from "../../../../ml/monitoring/drift";
import { MIN_POSITIVES, MIN_TRAINING_ROWS, trainLeadConversion, type LeadConversionOptions, type TrainedLeadModel } from "../../../../ml/models/leadConversion";
import type { Database } from "../../db/schema";
import type { Tx } from "../../db/transactions";
import { notFound } from "../../http/errors";
import { DEAL_NOT_TRAINED_MESSAGES } from "./dealModels";
import type { OrgHistories } from "./leadHistoryFromDb";
import { activeLeadModel, modelById, type LoadedModel } from "./modelCache";
import { beatsOnAuc, describeAuc, registerVersion, type RegisteredVersion } from "./registerVersion";

export const NOT_TRAINED_MESSAGE =
  `The lead-conversion model is not trained yet: an org needs at least ${MIN_TRAINING_ROWS} labelled lead snapshots ` +
  `with ${MIN_POSITIVES} conversions before scores mean more than noise.`;

export type TrainOutcome =
  | { status: "not_enough_data"; rows: number; positives: number; needed: { rows: number; positives: number }; reason: string }
  | RegisteredVersion<{ auc: number; logLoss: number }>
  | { status: "already_done"; modelId: string; version: number };

export interface TrainOptions {
  /** The training job's id: a retry stores no second version. */
  jobId?: string;
  /** "Now" for the data (default: the current time). */
  now?: number;
  note?: string;
  /** Passed to trainLeadConversion (params, cutoffs …). */
  train?: Partial<LeadConversionOptions>;
}

/** The active model's AUC and log-loss on the new model's held-out rows (features rebuilt at each row's cutoff). */
export function evaluateOnHeldOut(model: LoadedModel, result: TrainedLeadModel, histories: LeadHistory[], context: OrgContext): { auc: number; logLoss: number } {
  const byId = new Map(histories.map((h) => [h.leadId, h]));
  const { leadIds, cutoffs, labels } = result.heldOut;
  const p = new Float64Array(leadIds.length);
  for (let i = 0; i < leadIds.length; i++) {
    const h = byId.get(leadIds[i])!;
    p[i] = model.scorer.predict(model.scorer.encodeRecord(buildLeadFeatures(h, cutoffs[i], context)));
  }
  return { auc: auc(p, labels), logLoss: logLoss(p, labels) };
}

/**
 * Trains the org's lead-conversion model on `data` and stores it as a new version (service role). Below the data
 * threshold nothing is stored. Promotes the new version only if it beats the active one on its held-out window.
 */
export async function trainAndRegister(db: Kysely<Database>, orgId: string, data: OrgHistories, options: TrainOptions = {}): Promise<TrainOutcome> {
  if (options.jobId) {
    const done = await db.selectFrom("mlModels").select(["id", "version"]).where("jobId", "=", options.jobId).executeTakeFirst();
    if (done) return { status: "already_done", modelId: done.id, version: done.version };
  }
  const now = options.now ?? Date.now();
  const result = trainLeadConversion(data.histories, { context: data.context, asOf: now, ...options.train });
  if (result.status === "not_enough_data") return result;

  const windowStart = data.histories.reduce((t, h) => Math.min(t, h.createdAt), Infinity);
  // The population the model was checked on (its held-out window), kept with it as the drift reference.
  const byLead = new Map(data.histories.map((h) => [h.leadId, h]));
  const driftReference = buildDriftReference(
    result.heldOut.leadIds.map((id, i) => buildLeadFeatures(byLead.get(id)!, result.heldOut.cutoffs[i], data.context)),
    result.heldOut.probabilities,
  );
  const candidate = { auc: result.metrics.test.auc, logLoss: result.metrics.test.logLoss };

  return registerVersion(db, orgId, {
    kind: "lead_conversion",
    score: candidate,
    async incumbent(tx) {
      const current = await activeLeadModel(tx, orgId);
      return current ? { modelId: current.id, version: current.version, metrics: evaluateOnHeldOut(current, result, data.histories, data.context) } : null;
    },
    beats: beatsOnAuc,
    describe: describeAuc,
    model: result.model,
    metrics: {
      test: result.metrics.test,
      testUncalibrated: result.metrics.testUncalibrated,
      validation: result.metrics.validation,
      split: result.split,
      horizonDays: result.horizonDays,
      // Reliability-diagram bins (10 equal-width) of the calibrated model on the held-out window.
      calibration: reliabilityBins(result.heldOut.probabilities, result.heldOut.labels),
      driftReference,
    },
    trainingWindow: { start: new Date(Number.isFinite(windowStart) ? windowStart : now), end: new Date(now) },
    trainingRows: result.split.trainRows + result.split.validationRows + result.split.testRows,
    note: options.note ?? null,
    jobId: options.jobId ?? null,
  });
}

export const MODEL_TASKS: Record<ModelKind, Exclude<ModelTask, "other">> = {
  lead_conversion: "classification",
  expected_return: "regression",
  time_to_close: "survival",
  investor_match: "classification",
};

export const INVESTOR_MATCH_NOT_TRAINED_MESSAGE = "The investor–match model is not trained yet for this org: until it is, investor matching is rule-based.";

const NOT_TRAINED: Record<ModelKind, string> = {
  lead_conversion: NOT_TRAINED_MESSAGE,
  expected_return: DEAL_NOT_TRAINED_MESSAGES.expected_return,
  time_to_close: DEAL_NOT_TRAINED_MESSAGES.time_to_close,
  investor_match: INVESTOR_MATCH_NOT_TRAINED_MESSAGE,
};

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** The stored calibration bins when they have the expected shape (versions trained before they were kept: null). */
function calibrationOf(metrics: Record<string, unknown>): ReliabilityDiagram | null {
  const c = metrics.calibration as Partial<ReliabilityDiagram> | undefined;
  if (!c || typeof c !== "object" || !Array.isArray(c.bins) || typeof c.rows !== "number") return null;
  return c as ReliabilityDiagram;
}

/** The GBDT whose trees and gain importance describe a stored model of any kind (null when none is recognised). */
export function primaryTrees(json: unknown): ModelJson | null {
  if (!json || typeof json !== "object") return null;
  const j = json as Record<string, unknown>;
  if (Array.isArray(j.trees) && Array.isArray(j.features)) return j as unknown as ModelJson; // lead conversion, investor match
  if (j.kind === "expected_return") return primaryTrees(j.point); // the point estimate's GBDT
  if (j.kind === "time_to_close") return primaryTrees(j.model); // the Cox GBDT
  return null;
}

/** Trees and importance of the models that are not lead-conversion ones (a version's JSON never changes). */
const summaries = new Map<string, { trees: number; importance: ModelVersion["featureImportance"] }>();
const MAX_SUMMARIES = 256;

async function summaryOf(tx: Tx, id: string, kind: string, version: number): Promise<{ trees: number; importance: ModelVersion["featureImportance"] }> {
  if (kind === "lead_conversion") {
    // The scoring cache: the same parsed model serves the scores.
    const m = await modelById(tx, id, version);
    return { trees: m?.scorer.model.trees.length ?? 0, importance: m?.importance() ?? [] };
  }
  const hit = summaries.get(id);
  if (hit) return hit;
  const row = await tx.selectFrom("mlModels").select("model").where("id", "=", id).executeTakeFirst();
  const gbdt = primaryTrees(row?.model);
  const summary = { trees: gbdt?.trees.length ?? 0, importance: gbdt ? gainImportance(gbdt) : [] };
  if (summaries.size >= MAX_SUMMARIES) summaries.delete(summaries.keys().next().value!);
  if (row) summaries.set(id, summary);
  return summary;
}

/**
 * The org's model versions of every kind (kind, then newest first), with metrics, calibration bins where kept and
 * gain importance (of the point-estimate GBDT for expected return, of the Cox GBDT for time to close). `id` narrows
 * the list to one version.
 */
export async function listModels(tx: Tx, orgId: string, options: { id?: string } = {}): Promise<ModelVersion[]> {
  let q = tx
    .selectFrom("mlModels")
    .select(["id", "version", "kind", "active", "metrics", "trainingWindowStart", "trainingWindowEnd", "trainingRows", "createdAt", "promotedAt", "note"])
    .where("orgId", "=", orgId);
  if (options.id !== undefined) q = q.where("id", "=", options.id);
  const rows = await q.orderBy("kind").orderBy("version", "desc").execute();
  const out: ModelVersion[] = [];
  for (const r of rows) {
    const s = await summaryOf(tx, r.id, r.kind, r.version);
    const stored = r.metrics as Record<string, unknown>;
    const task = MODEL_TASKS[r.kind as ModelKind] as string | undefined;
    out.push({
      id: r.id,
      version: r.version,
      kind: r.kind,
      active: r.active,
      // The drift reference (buckets per feature) stays in the registry; GET /api/ml/drift reports against it.
      metrics: Object.fromEntries(Object.entries(stored).filter(([k]) => k !== "driftReference" && k !== "calibration")),
      calibration: task === "classification" ? calibrationOf(stored) : null,
      trainingWindow: { start: iso(r.trainingWindowStart), end: iso(r.trainingWindowEnd) },
      trainingRows: r.trainingRows,
      createdAt: iso(r.createdAt)!,
      promotedAt: iso(r.promotedAt),
      note: r.note,
      trees: s.trees,
      featureImportance: s.importance.filter((f) => f.gain > 0).map((f) => ({ feature: f.feature, gain: f.gain, share: f.share, splits: f.splits })),
    });
  }
  return out;
}

/** GET /api/ml/models: the versions grouped by kind (every known kind, trained or not), plus the lead group's fields at the top level. */
export async function modelsOverview(tx: Tx, orgId: string): Promise<ModelsOverview> {
  const items = await listModels(tx, orgId);
  const kinds = [...MODEL_KINDS, ...new Set(items.map((m) => m.kind).filter((k) => !(MODEL_KINDS as readonly string[]).includes(k)))];
  const groups: ModelKindGroup[] = kinds.map((kind) => {
    const versions = items.filter((m) => m.kind === kind);
    const active = versions.find((m) => m.active) ?? null;
    return {
      kind,
      task: MODEL_TASKS[kind as ModelKind] ?? "other",
      trained: active !== null,
      activeVersion: active?.version ?? null,
      message: active ? null : (NOT_TRAINED[kind as ModelKind] ?? "No version of this model is active."),
      items: versions,
    };
  });
  const lead = groups[0];
  return { trained: lead.trained, activeVersion: lead.activeVersion, message: lead.message, items: lead.items, kinds: groups };
}

/** Makes a version the active one (managers; rollback to any earlier version). 404 when not visible to the caller. */
export async function activateModel(tx: Tx, orgId: string, id: string): Promise<void> {
  const row = await tx.selectFrom("mlModels").select("id").where("orgId", "=", orgId).where("id", "=", id).executeTakeFirst();
  if (!row) throw notFound("Model");
  await tx.selectNoFrom((eb) => eb.fn("private.activate_ml_model", [eb.val(id)]).as("ok")).execute();
}
