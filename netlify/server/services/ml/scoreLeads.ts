// Scores leads with the org's active lead-conversion model and writes the result back: leads.score (0–100) and one
// lead_score_history row per lead with the model, probability, grade and top factors.
//
// Runs on whatever `db` it is given: the API passes the caller's transaction (RLS: staff may update leads.score and
// insert history rows for leads they can see), the score-lead job a service-role transaction with its job id, which
// keys the history row (unique job_id) so a retried job writes no second row.
//
// Fast path for one lead: one query reads the lead's history and the org's active model's registry id (the org's
// buy boxes from a one-minute cache), the model itself comes from the in-memory cache (parsed and compiled once per
// version), the features, prediction and TreeSHAP factors are pure computation (≈ 0.1–1 ms for the shallow lead
// models), and one statement writes the score back.

import { sql } from "kysely";
import { buildLeadFeatures, FEATURE_SPEC } from "../../../../ml/features/leadFeatures";
import { scoreLead, type Grade } from "../../../../ml/models/leadConversion";
import type { Tx } from "../../db/transactions";
import { loadScoringInput, type OrgHistories } from "./leadHistoryFromDb";
import { modelById, type LoadedModel } from "./modelCache";

export interface ScoreFactor {
  feature: string;
  label?: string;
  /** The feature's value at scoring time (null when unknown). */
  value: number | string | null;
  /** TreeSHAP contribution to the raw score (log-odds). */
  contribution: number;
  direction: "up" | "down";
}

export interface ScoredLead {
  leadId: string;
  score: number;
  probability: number;
  grade: Grade;
  factors: ScoreFactor[];
  /** TreeSHAP: baseValue + Σ factors' contributions + otherContribution = margin (the raw score, log-odds). */
  baseValue: number;
  otherContribution: number;
  margin: number;
  modelId: string;
  modelVersion: number;
}

export type ScoreOutcome = { status: "no_model" } | { status: "scored"; items: ScoredLead[]; missing: string[] };

const LABELS = new Map<string, string>(FEATURE_SPEC.map((f) => [f.name, f.description]));
const MAX_FACTORS = 5;

const cleanValue = (v: number | string | null): number | string | null => (typeof v === "number" && !Number.isFinite(v) ? null : v);

/** Scores loaded histories (pure: no I/O). `now` is the cutoff: events recorded before it count. */
export function computeScores({ histories, context }: OrgHistories, leadIds: string[], model: LoadedModel, now = Date.now()): { items: ScoredLead[]; missing: string[] } {
  const found = new Map(histories.map((h) => [h.leadId, h]));
  const items: ScoredLead[] = [];
  const missing: string[] = [];
  for (const id of leadIds) {
    const h = found.get(id);
    if (!h) {
      missing.push(id);
      continue;
    }
    // + 1 ms: what was recorded in this very millisecond (this transaction) counts as known.
    const features = buildLeadFeatures(h, now + 1, context);
    const s = scoreLead(model.scorer, features, { maxFactors: MAX_FACTORS });
    items.push({
      leadId: id,
      score: Math.round(100 * s.probability),
      probability: s.probability,
      grade: s.grade,
      factors: s.factors.map((f) => ({ feature: f.feature, label: LABELS.get(f.feature), value: cleanValue(f.value), contribution: f.contribution, direction: f.direction })),
      baseValue: s.baseValue,
      otherContribution: s.otherContribution,
      margin: s.margin,
      modelId: model.id,
      modelVersion: model.version,
    });
  }
  return { items, missing };
}

/**
 * Writes scores back in one statement: leads.score (only where it changed) and one history row per lead, keyed by
 * `jobId` when a job writes (a retry adds nothing). Runs under the caller's RLS like any other statement.
 */
export async function writeScores(tx: Tx, orgId: string, items: ScoredLead[], options: { jobId?: string } = {}): Promise<void> {
  if (items.length === 0) return;
  // Labels are the feature spec's descriptions: not repeated in every history row.
  const rows = items.map((i) => ({
    lead_id: i.leadId,
    model_id: i.modelId,
    score: i.score,
    probability: i.probability,
    grade: i.grade,
    factors: i.factors.map(({ feature, value, contribution, direction }) => ({ feature, value, contribution, direction })),
  }));
  const jobId = items.length === 1 ? (options.jobId ?? null) : null;
  await sql`
    with v as (
      select * from jsonb_to_recordset(${JSON.stringify(rows)}::text::jsonb)
        as x(lead_id uuid, model_id uuid, score smallint, probability double precision, grade text, factors jsonb)
    ), written as (
      update public.leads l set score = v.score from v
       where l.org_id = ${orgId} and l.id = v.lead_id and l.score is distinct from v.score
      returning l.id
    )
    insert into public.lead_score_history (org_id, lead_id, model_id, score, probability, grade, factors, job_id)
    select ${orgId}::uuid, v.lead_id, v.model_id, v.score, v.probability, v.grade, v.factors, ${jobId}::uuid from v
    on conflict (job_id) do nothing`.execute(tx);
}

/** Scores the leads with the org's active model and writes the scores back; `no_model` when the org has none. */
export async function scoreLeads(tx: Tx, orgId: string, leadIds: string[], options: { jobId?: string; now?: number } = {}): Promise<ScoreOutcome> {
  const input = await loadScoringInput(tx, orgId, leadIds);
  const model = input.activeLeadModel ? await modelById(tx, input.activeLeadModel.id, input.activeLeadModel.version) : null;
  if (!model) return { status: "no_model" };
  const { items, missing } = computeScores(input, leadIds, model, options.now);
  await writeScores(tx, orgId, items, options);
  return { status: "scored", items, missing };
}

export interface LatestScore {
  leadId: string;
  score: number;
  probability: number;
  grade: Grade;
  factors: ScoreFactor[];
  modelId: string;
  modelVersion: number;
  scoredAt: string;
}

/** GET /api/ml/score?leadId=: the lead's latest score as last written (as the caller: RLS), or null. */
export async function latestScore(tx: Tx, orgId: string, leadId: string): Promise<LatestScore | null> {
  const row = await tx
    .selectFrom("leadScoreHistory as h")
    .innerJoin("mlModels as m", "m.id", "h.modelId")
    .select(["h.leadId", "h.score", "h.probability", "h.grade", "h.factors", "h.modelId", "m.version", "h.scoredAt"])
    .where("h.orgId", "=", orgId)
    .where("h.leadId", "=", leadId)
    .orderBy("h.scoredAt", "desc")
    .limit(1)
    .executeTakeFirst();
  if (!row) return null;
  return {
    leadId: row.leadId,
    score: Number(row.score),
    probability: Number(row.probability),
    grade: row.grade as Grade,
    factors: row.factors as unknown as ScoreFactor[],
    modelId: row.modelId,
    modelVersion: row.version,
    scoredAt: new Date(row.scoredAt).toISOString(),
  };
}
