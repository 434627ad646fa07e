// The model registry (public.ml_models): training an org's lead-conversion model into a new version, promotion only
// when it beats the active version on the held-out window, listing versions, and activating any version by hand
// (rollback).
//
// Promotion compares like with like: the active model is scored on the NEW model's held-out (test) window — the
// same rows, features rebuilt at each row's cutoff — and the new version is promoted when its AUC there is higher,
// or equal with a lower log-loss. With no active version the new one is promoted.

import type { Kysely } from "kysely";
import { buildLeadFeatures } from "../../../../ml/features/leadFeatures";
import type { LeadHistory, OrgContext } from "../../../../ml/features/leadHistory";
import { auc, logLoss } from "../../../../ml/metrics/classification";
import { buildDriftReference } from "../../../../ml/monitoring/drift";
import { MIN_POSITIVES, MIN_TRAINING_ROWS, trainLeadConversion, type LeadConversionOptions, type TrainedLeadModel } from "../../../../ml/models/leadConversion";
import type { Database } from "../../db/schema";
import { asService, type Tx } from "../../db/transactions";
import { notFound } from "../../http/errors";
import type { OrgHistories } from "./leadHistoryFromDb";
import { activeLeadModel, modelById, type LoadedModel } from "./modelCache";

export const NOT_TRAINED_MESSAGE =
  `The lead-conversion model is not trained yet: an org needs at least ${MIN_TRAINING_ROWS} labelled lead snapshots ` +
  `with ${MIN_POSITIVES} conversions before scores mean more than noise.`;

export type TrainOutcome =
  | { status: "not_enough_data"; rows: number; positives: number; needed: { rows: number; positives: number }; reason: string }
  | { status: "trained"; modelId: string; version: number; promoted: boolean; reason: string; metrics: { auc: number; logLoss: number }; active: { modelId: string; version: number; auc: number; logLoss: number } | null }
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

const EPS = 1e-12;

/** Whether the candidate beats the incumbent on the same window: higher AUC, or equal AUC and lower log-loss. */
export function beats(candidate: { auc: number; logLoss: number }, incumbent: { auc: number; logLoss: number }): boolean {
  if (candidate.auc > incumbent.auc + EPS) return true;
  if (Math.abs(candidate.auc - incumbent.auc) <= EPS) return candidate.logLoss < incumbent.logLoss - EPS;
  return false;
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

  return asService(db, async (tx) => {
    // One training at a time per org: the version number and the active flag are decided under this lock.
    await tx.selectFrom("orgs").select("id").where("id", "=", orgId).forUpdate().execute();
    const current = await activeLeadModel(tx, orgId);
    const incumbent = current ? { modelId: current.id, version: current.version, ...evaluateOnHeldOut(current, result, data.histories, data.context) } : null;
    const promoted = incumbent === null || beats(candidate, incumbent);
    const reason =
      incumbent === null
        ? "no active model: promoted"
        : promoted
          ? `beats v${incumbent.version} on the held-out window (AUC ${candidate.auc.toFixed(4)} vs ${incumbent.auc.toFixed(4)})`
          : `does not beat v${incumbent.version} on the held-out window (AUC ${candidate.auc.toFixed(4)} vs ${incumbent.auc.toFixed(4)}, log-loss ${candidate.logLoss.toFixed(4)} vs ${incumbent.logLoss.toFixed(4)}): kept v${incumbent.version} active`;
    const last = await tx.selectFrom("mlModels").select((eb) => eb.fn.max("version").as("v")).where("orgId", "=", orgId).where("kind", "=", "lead_conversion").executeTakeFirst();
    const version = Number(last?.v ?? 0) + 1;
    if (promoted && incumbent) await tx.updateTable("mlModels").set({ active: false }).where("id", "=", incumbent.modelId).execute();
    const row = await tx
      .insertInto("mlModels")
      .values({
        orgId,
        version,
        model: result.model as unknown as Record<string, unknown>,
        metrics: {
          test: result.metrics.test,
          testUncalibrated: result.metrics.testUncalibrated,
          validation: result.metrics.validation,
          split: result.split,
          horizonDays: result.horizonDays,
          promotion: { promoted, reason, comparedWith: incumbent },
          driftReference,
        } as unknown as Record<string, unknown>,
        trainingWindowStart: new Date(Number.isFinite(windowStart) ? windowStart : now),
        trainingWindowEnd: new Date(now),
        trainingRows: result.split.trainRows + result.split.validationRows + result.split.testRows,
        active: promoted,
        promotedAt: promoted ? new Date() : null,
        note: options.note ?? null,
        jobId: options.jobId ?? null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return { status: "trained", modelId: row.id, version, promoted, reason, metrics: candidate, active: incumbent };
  });
}

export interface ModelVersion {
  id: string;
  version: number;
  kind: string;
  active: boolean;
  metrics: Record<string, unknown>;
  trainingWindow: { start: string | null; end: string | null };
  trainingRows: number;
  createdAt: string;
  promotedAt: string | null;
  note: string | null;
  trees: number;
  featureImportance: { feature: string; gain: number; share: number; splits: number }[];
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** The org's lead-conversion versions, newest first, with metrics and gain importance (from the cached model). */
export async function listModels(tx: Tx, orgId: string): Promise<ModelVersion[]> {
  const rows = await tx
    .selectFrom("mlModels")
    .select(["id", "version", "kind", "active", "metrics", "trainingWindowStart", "trainingWindowEnd", "trainingRows", "createdAt", "promotedAt", "note"])
    .where("orgId", "=", orgId)
    .where("kind", "=", "lead_conversion")
    .orderBy("version", "desc")
    .execute();
  const out: ModelVersion[] = [];
  for (const r of rows) {
    const m = await modelById(tx, r.id, r.version);
    out.push({
      id: r.id,
      version: r.version,
      kind: r.kind,
      active: r.active,
      // The drift reference (buckets per feature) stays in the registry; GET /api/ml/drift reports against it.
      metrics: Object.fromEntries(Object.entries(r.metrics as Record<string, unknown>).filter(([k]) => k !== "driftReference")),
      trainingWindow: { start: iso(r.trainingWindowStart), end: iso(r.trainingWindowEnd) },
      trainingRows: r.trainingRows,
      createdAt: iso(r.createdAt)!,
      promotedAt: iso(r.promotedAt),
      note: r.note,
      trees: m?.scorer.model.trees.length ?? 0,
      featureImportance: (m?.importance() ?? []).filter((f) => f.gain > 0).map((f) => ({ feature: f.feature, gain: f.gain, share: f.share, splits: f.splits })),
    });
  }
  return out;
}

/** Makes a version the active one (managers; rollback to any earlier version). 404 when not visible to the caller. */
export async function activateModel(tx: Tx, orgId: string, id: string): Promise<void> {
  const row = await tx.selectFrom("mlModels").select("id").where("orgId", "=", orgId).where("id", "=", id).executeTakeFirst();
  if (!row) throw notFound("Model");
  await tx.selectNoFrom((eb) => eb.fn("private.activate_ml_model", [eb.val(id)]).as("ok")).execute();
}
