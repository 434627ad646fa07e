// Storing a newly trained model version, the same for every kind of the registry (public.ml_models): under the org's
// training lock, the kind's active version is scored on the NEW version's held-out window (like with like), the new
// version gets the next number, and it becomes the active one only when it beats the incumbent there (or when the
// kind has no active version). The decision and its reason are stored with the version's metrics.

import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { asService, type Tx } from "../../db/transactions";
import type { ModelKind } from "../../../../src/domain/mlModels";

export type Figures = Record<string, number>;

/** The active version, with its figures on the new version's held-out rows. */
export interface Incumbent<M extends Figures> {
  modelId: string;
  version: number;
  metrics: M;
}

export interface NewVersion<M extends Figures> {
  kind: ModelKind;
  /** The new version's figures on its held-out window (what promotion compares). */
  score: M;
  /** The kind's active version scored on the same rows; null when the kind has none. Runs under the training lock. */
  incumbent(tx: Tx): Promise<Incumbent<M> | null>;
  beats(candidate: M, incumbent: M): boolean;
  /** "AUC 0.81 vs 0.79, …": the comparison, in words, for the stored reason. */
  describe(candidate: M, incumbent: M): string;
  model: unknown;
  /** The metrics to store (the promotion decision is added). */
  metrics: Record<string, unknown>;
  trainingWindow: { start: Date; end: Date };
  trainingRows: number;
  note: string | null;
  /** The training job's id (a retry finds the version it stored); null when not run as a job. */
  jobId?: string | null;
}

export interface RegisteredVersion<M extends Figures> {
  status: "trained";
  modelId: string;
  version: number;
  promoted: boolean;
  reason: string;
  metrics: M;
  active: Incumbent<M> | null;
}

const EPS = 1e-12;

/** Classification kinds: higher AUC on the same window, or the same AUC and a lower log-loss. */
export function beatsOnAuc(candidate: { auc: number; logLoss: number }, incumbent: { auc: number; logLoss: number }): boolean {
  if (candidate.auc > incumbent.auc + EPS) return true;
  if (Math.abs(candidate.auc - incumbent.auc) <= EPS) return candidate.logLoss < incumbent.logLoss - EPS;
  return false;
}

/** Classification kinds: the figures beatsOnAuc compares, in words. */
export const describeAuc = (c: { auc: number; logLoss: number }, i: { auc: number; logLoss: number }) =>
  `AUC ${c.auc.toFixed(4)} vs ${i.auc.toFixed(4)}, log-loss ${c.logLoss.toFixed(4)} vs ${i.logLoss.toFixed(4)}`;

/** Why the new version was or was not promoted. */
export function promotionReason(incumbentVersion: number | null, promoted: boolean, comparison: string): string {
  if (incumbentVersion === null) return "no active model: promoted";
  return promoted
    ? `beats v${incumbentVersion} on the held-out window (${comparison})`
    : `does not beat v${incumbentVersion} on the held-out window (${comparison}): kept v${incumbentVersion} active`;
}

/** Stores the new version (service role) and promotes it when it beats the active one. */
export function registerVersion<M extends Figures>(db: Kysely<Database>, orgId: string, v: NewVersion<M>): Promise<RegisteredVersion<M>> {
  return asService(db, async (tx) => {
    // One training at a time per org: the version number and the active flag are decided under this lock.
    await tx.selectFrom("orgs").select("id").where("id", "=", orgId).forUpdate().execute();
    const incumbent = await v.incumbent(tx);
    const promoted = incumbent === null || v.beats(v.score, incumbent.metrics);
    const reason = promotionReason(incumbent?.version ?? null, promoted, incumbent ? v.describe(v.score, incumbent.metrics) : "");
    const last = await tx.selectFrom("mlModels").select((eb) => eb.fn.max("version").as("v")).where("orgId", "=", orgId).where("kind", "=", v.kind).executeTakeFirst();
    const version = Number(last?.v ?? 0) + 1;
    if (promoted && incumbent) await tx.updateTable("mlModels").set({ active: false }).where("id", "=", incumbent.modelId).execute();
    const row = await tx
      .insertInto("mlModels")
      .values({
        orgId,
        kind: v.kind,
        version,
        model: v.model as Record<string, unknown>,
        metrics: { ...v.metrics, promotion: { promoted, reason, comparedWith: incumbent } } as unknown as Record<string, unknown>,
        trainingWindowStart: v.trainingWindow.start,
        trainingWindowEnd: v.trainingWindow.end,
        trainingRows: v.trainingRows,
        active: promoted,
        promotedAt: promoted ? new Date() : null,
        note: v.note,
        jobId: v.jobId ?? null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return { status: "trained", modelId: row.id, version, promoted, reason, metrics: v.score, active: incumbent };
  });
}
