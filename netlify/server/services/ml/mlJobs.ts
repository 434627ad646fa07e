// Background jobs of the lead-conversion model (queue "scoring"):
//   train-lead-model  builds the org's lead histories from the database, trains, stores a new version and promotes it
//                     only when it beats the active one (modelRegistry.ts); below the data threshold it stores nothing
//                     and reports "not enough data".
//   score-lead        scores one lead with the active model and writes leads.score + a history row keyed by the job
//                     id (a retry writes nothing twice). Queued by triggers on leads, lead_enrichments and activities
//                     (migration 20261130000800_ml_models.sql) only in orgs with an active model.
//   train-deal-models  the deal models (expected return, time to close) — dealModels.ts.
//   train-match-model  the investor–deal match model — investorMatchModel.ts. Queued alongside train-deal-models
//                      (POST /api/ml/train, nightly).
import { z } from "zod";
import { asService } from "../../db/transactions";
import { defineJob } from "../../jobs/jobDefinition";
import { registerJob } from "../../jobs/jobRegistry";
import { loadLeadHistories } from "./leadHistoryFromDb";
import { trainAndRegister } from "./modelRegistry";
import { trainDealModelsFromDb } from "./dealModels";
import { trainMatchModelFromDb } from "./investorMatchModel";
import { scoreLeads } from "./scoreLeads";

export const trainLeadModelJob = defineJob({
  name: "train-lead-model",
  queue: "scoring",
  schema: z.object({ note: z.string().max(500).optional() }).strict(),
  maxAttempts: 2,
  priority: 20,
  async handle({ note }, ctx) {
    const data = await asService(ctx.db, (tx) => loadLeadHistories(tx, ctx.orgId));
    const outcome = await trainAndRegister(ctx.db, ctx.orgId, data, { jobId: ctx.jobId, note });
    if (outcome.status === "not_enough_data") ctx.log.info({ rows: outcome.rows, positives: outcome.positives }, `lead model not trained: not enough data (${outcome.reason})`);
    else ctx.log.info(outcome, "lead model trained");
    return outcome;
  },
});
registerJob(trainLeadModelJob);

export const scoreLeadJob = defineJob({
  name: "score-lead",
  queue: "scoring",
  schema: z.object({ leadId: z.uuid() }).strict(),
  priority: 6,
  async handle({ leadId }, ctx) {
    const outcome = await asService(ctx.db, (tx) => scoreLeads(tx, ctx.orgId, [leadId], { jobId: ctx.jobId }));
    if (outcome.status === "no_model") return "no_model";
    if (outcome.missing.length) return "lead_missing";
    const [item] = outcome.items;
    return { leadId, score: item.score, grade: item.grade, modelVersion: item.modelVersion };
  },
});
registerJob(scoreLeadJob);

/**
 * Trains the org's deal models (expected return, time to close) from its deals and registers each kind that has
 * enough data, promoted only when better (dealModels.ts). One attempt: a failed training waits for the next request or
 * night rather than risk registering a version twice.
 */
export const trainDealModelsJob = defineJob({
  name: "train-deal-models",
  queue: "scoring",
  schema: z.object({ note: z.string().max(500).optional() }).strict(),
  maxAttempts: 1,
  priority: 20,
  async handle({ note }, ctx) {
    const outcome = await trainDealModelsFromDb(ctx.db, ctx.orgId, { note });
    ctx.log.info({ outcome: Object.fromEntries(Object.entries(outcome).map(([k, v]) => [k, v.status])) }, "deal models trained");
    return outcome;
  },
});
registerJob(trainDealModelsJob);

/**
 * Trains the org's investor–deal match model from its shares, answers and investments and registers it when there is
 * enough data, promoted only when better (investorMatchModel.ts); below the threshold it stores nothing and matching
 * stays rule-based. One attempt, like train-deal-models. The job id is kept on the version.
 */
export const trainMatchModelJob = defineJob({
  name: "train-match-model",
  queue: "scoring",
  schema: z.object({ note: z.string().max(500).optional() }).strict(),
  maxAttempts: 1,
  priority: 20,
  async handle({ note }, ctx) {
    const outcome = await trainMatchModelFromDb(ctx.db, ctx.orgId, { note, jobId: ctx.jobId });
    if (outcome.status === "not_enough_data") ctx.log.info({ rows: outcome.rows, positives: outcome.positives }, `investor-match model not trained: not enough data (${outcome.reason})`);
    else ctx.log.info(outcome, "investor-match model trained");
    return outcome;
  },
});
registerJob(trainMatchModelJob);
