import { sql, type Kysely } from "kysely";
import { z } from "zod";
import { buildLeadFeatures } from "../../../../ml/features/leadFeatures";
import { measureDrift, type DriftMeasure, type DriftReference } from "../../../../ml/monitoring/drift";
import type { Database } from "../../db/schema";
import { asService, type Tx } from "../../db/transactions";
import { defineJob } from "../../jobs/jobDefinition";
import { registerJob } from "../../jobs/jobRegistry";
import { loadLeadHistories } from "./leadHistoryFromDb";

// Drift of the active lead-scoring model (issue 7, point 10): the leads scored in the last 30 days, their features
// rebuilt now and their latest scores, against the model's drift reference (its held-out window, stored when it was
// trained) — the population stability index per feature and on the score. A major shift (PSI > 0.25) raises an
// alert: the report is flagged and every owner and admin of the org gets a notification. Run by the ml-drift job,
// which the nightly maintenance queues for every org with an active model.

const WINDOW_DAYS = 30;
const MAX_LEADS = 5000;

export type DriftOutcome = { status: "no_model" | "no_reference" | "no_recent_scores" | "already_done" } | { status: "measured"; reportId: string; alert: boolean; measure: DriftMeasure };

export async function checkModelDrift(db: Kysely<Database>, orgId: string, options: { jobId?: string; now?: Date } = {}): Promise<DriftOutcome> {
  if (options.jobId && (await db.selectFrom("mlDriftReports").select("id").where("jobId", "=", options.jobId).executeTakeFirst())) return { status: "already_done" };
  const model = await db.selectFrom("mlModels").select(["id", "version", "metrics"]).where("orgId", "=", orgId).where("kind", "=", "lead_conversion").where("active", "=", true).executeTakeFirst();
  if (!model) return { status: "no_model" };
  const reference = (model.metrics as { driftReference?: DriftReference }).driftReference;
  if (!reference) return { status: "no_reference" };
  const now = options.now ?? new Date();
  const recent = await sql<{ leadId: string; probability: number }>`
    select distinct on (h.lead_id) h.lead_id as "leadId", h.probability::float8 as probability
      from public.lead_score_history h
     where h.org_id = ${orgId} and h.scored_at > ${new Date(now.getTime() - WINDOW_DAYS * 86_400_000)}
     order by h.lead_id, h.scored_at desc
     limit ${MAX_LEADS}`.execute(db);
  if (recent.rows.length === 0) return { status: "no_recent_scores" };
  const data = await asService(db, (tx) => loadLeadHistories(tx, orgId, { leadIds: recent.rows.map((r) => r.leadId) }));
  const byLead = new Map(data.histories.map((h) => [h.leadId, h]));
  const rows = recent.rows.filter((r) => byLead.has(r.leadId));
  const measure = measureDrift(
    reference,
    rows.map((r) => buildLeadFeatures(byLead.get(r.leadId)!, now.getTime(), data.context)),
    rows.map((r) => Number(r.probability)),
  );
  const alert = measure.major.length > 0;
  const reportId = await asService(db, async (tx) => {
    const row = await tx
      .insertInto("mlDriftReports")
      .values({ orgId, modelId: model.id, rows: measure.rows, scorePsi: measure.score.psi, report: { ...measure, modelVersion: model.version, windowDays: WINDOW_DAYS } as unknown as Record<string, unknown>, alert, jobId: options.jobId ?? null, computedAt: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (alert) await notifyManagers(tx, orgId, measure, model.version);
    return row.id;
  });
  return { status: "measured", reportId, alert, measure };
}

async function notifyManagers(tx: Tx, orgId: string, measure: DriftMeasure, version: number) {
  const managers = await tx.selectFrom("orgMembers").select("userId").where("orgId", "=", orgId).where("role", "in", ["owner", "admin"]).execute();
  if (managers.length === 0) return;
  const what = measure.major.slice(0, 5).join(", ");
  await tx
    .insertInto("notifications")
    .values(
      managers.map((m) => ({
        orgId,
        userId: m.userId,
        type: "ml.drift",
        title: "Lead scoring: the leads have shifted",
        body: `Model v${version} sees a major shift (PSI > 0.25) in ${what}. Scores may be less reliable until it is retrained.`,
        link: "/settings/models",
      })),
    )
    .execute();
}

export interface DriftSummary {
  latest: (Record<string, unknown> & { id: string; computedAt: string; alert: boolean; rows: number; scorePsi: number | null }) | null;
  history: { id: string; computedAt: string; scorePsi: number | null; alert: boolean; rows: number }[];
}

/** GET /api/ml/drift: the latest report in full and the recent ones in brief (as the caller: RLS). */
export async function driftSummary(tx: Tx, orgId: string): Promise<DriftSummary> {
  const rows = await tx.selectFrom("mlDriftReports").select(["id", "computedAt", "scorePsi", "alert", "rows", "report"]).where("orgId", "=", orgId).orderBy("computedAt", "desc").limit(30).execute();
  const iso = (d: Date) => new Date(d).toISOString();
  return {
    latest: rows[0] ? { ...rows[0].report, id: rows[0].id, computedAt: iso(rows[0].computedAt), alert: rows[0].alert, rows: rows[0].rows, scorePsi: rows[0].scorePsi } : null,
    history: rows.map((r) => ({ id: r.id, computedAt: iso(r.computedAt), scorePsi: r.scorePsi, alert: r.alert, rows: r.rows })),
  };
}

/** Nightly: one ml-drift job per org with an active model and none waiting (service role). */
export async function queueDriftChecks(tx: Tx): Promise<number> {
  const result = await sql`
    insert into public.job_outbox (org_id, queue, name, payload, priority)
    select m.org_id, 'scoring', 'ml-drift', '{}'::jsonb, 20
      from public.ml_models m
     where m.kind = 'lead_conversion' and m.active
       and not exists (select 1 from public.job_outbox j where j.org_id = m.org_id and j.queue = 'scoring' and j.status = 'pending' and j.name = 'ml-drift')`.execute(tx);
  return Number(result.numAffectedRows ?? 0);
}

export const mlDriftJob = defineJob({
  name: "ml-drift",
  queue: "scoring",
  schema: z.object({}).strict(),
  maxAttempts: 2,
  priority: 20,
  async handle(_payload, ctx) {
    const outcome = await checkModelDrift(ctx.db, ctx.orgId, { jobId: ctx.jobId });
    if (outcome.status === "measured" && outcome.alert) ctx.log.warn({ major: outcome.measure.major }, "lead model drift: major shift");
    return outcome.status === "measured" ? { reportId: outcome.reportId, alert: outcome.alert, major: outcome.measure.major } : outcome.status;
  },
});
registerJob(mlDriftJob);
