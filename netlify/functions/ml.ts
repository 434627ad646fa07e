import { z } from "zod";
import { MANAGER_ROLES, STAFF_ROLES } from "../../src/domain/roles";
import { readJson, readOptionalJson } from "../server/http/body";
import { endpoint, json, type MemberContext } from "../server/http/endpoint";
import { conflict, forbidden, HttpError, notFound } from "../server/http/errors";
import { isUuid } from "../server/http/ids";
import { enqueueJob } from "../server/jobs/enqueueJob";
import { driftSummary } from "../server/services/ml/driftMonitor";
import { fairnessReportFor } from "../server/services/ml/fairnessReport";
import { DEAL_NOT_TRAINED_MESSAGES, scoreDeal } from "../server/services/ml/dealModels";
import { trainDealModelsJob, trainLeadModelJob, trainMatchModelJob } from "../server/services/ml/mlJobs";
import { activateModel, listModels, modelsOverview, NOT_TRAINED_MESSAGE } from "../server/services/ml/modelRegistry";
import { latestScore, scoreLeads } from "../server/services/ml/scoreLeads";
import { parseQuery } from "../server/http/validation";

// The lead-conversion model (docs/api/ml.md): staff score leads and read the model versions; managers queue training
// and activate any version (promotion by hand, rollback).
//   POST /api/ml/score                    {leadId} | {leadIds: [...≤ 500]} → scores, grades, top factors (written back)
//   GET  /api/ml/score?leadId=           the lead's latest score (null when never scored); reads, writes nothing
//   GET  /api/ml/models                   versions of every kind (grouped by kind) with held-out metrics, calibration
//                                         bins, training window, rows, active, importance
//   POST /api/ml/models/:id/activate      managers; any kind (one active version per org and kind)
//   POST /api/ml/train                    managers → 202, queues the train-lead-model job
//   GET  /api/ml/drift                    the latest drift report (PSI per feature and on the score) and recent ones
//   GET  /api/ml/fairness                 score distribution by ZIP-3 area, four-fifths rule flags
//   POST /api/ml/deals/score              {opportunityId} → expected return (10–90% interval) and P(close in 30/60/90 days)

export const MAX_SCORE_BATCH = 500;

const scoreRequestSchema = z
  .object({
    leadId: z.uuid({ error: "must be a lead id (uuid)" }).optional(),
    leadIds: z.array(z.uuid({ error: "must be a lead id (uuid)" })).min(1, { error: "must list at least one lead" }).max(MAX_SCORE_BATCH, { error: `at most ${MAX_SCORE_BATCH} leads per request` }).optional(),
  })
  .strict()
  .refine((b) => (b.leadId === undefined) !== (b.leadIds === undefined), { error: "give either leadId or leadIds", path: ["leadId"] });

const latestScoreQuerySchema = z.object({ leadId: z.uuid({ error: "must be a lead id (uuid)" }) });

const dealScoreRequestSchema = z.object({ opportunityId: z.uuid({ error: "must be an opportunity id (uuid)" }) }).strict();

const trainRequestSchema = z.object({ note: z.string().max(500, { error: "at most 500 characters" }).optional() }).strict();

const requireManager = (ctx: MemberContext, what: string) => {
  if (!MANAGER_ROLES.includes(ctx.org.role)) throw forbidden(`Only owners and admins ${what}`);
};
const noSuchAction = () => new HttpError(404, "not_found", "No such ML action");

export default endpoint({
  GET: {
    auth: "member",
    roles: STAFF_ROLES,
    async handle({ params, tx, org, url }) {
      if (params.part === "fairness" && !params.id) return json(await fairnessReportFor(tx, org.id));
      if (params.part === "drift" && !params.id) return json(await driftSummary(tx, org.id));
      if (params.part === "score" && !params.id) return json({ item: await latestScore(tx, org.id, parseQuery(url, latestScoreQuerySchema).leadId) });
      if (params.part !== "models" || params.id) throw noSuchAction();
      return json(await modelsOverview(tx, org.id));
    },
  },
  POST: {
    auth: "member",
    roles: STAFF_ROLES,
    async handle(ctx) {
      const { params, req, tx, org, requestId } = ctx;
      if (params.part === undefined && params.id === undefined && params.action !== undefined) {
        if (params.action !== "score") throw noSuchAction();
        const body = await readJson(req, dealScoreRequestSchema);
        const outcome = await scoreDeal(tx, org.id, body.opportunityId);
        if (outcome.status === "not_found") throw notFound("Opportunity");
        if (outcome.status === "not_trained") {
          throw new HttpError(409, "model_not_trained", outcome.missing.map((k) => DEAL_NOT_TRAINED_MESSAGES[k]).join(" "), undefined, undefined, { missing: outcome.missing });
        }
        return json(outcome.forecast);
      }
      if (params.id !== undefined) {
        if (params.action !== "activate") throw noSuchAction();
        requireManager(ctx, "activate a model version");
        if (!isUuid(params.id)) throw notFound("Model");
        await activateModel(tx, org.id, params.id);
        const [model] = await listModels(tx, org.id, { id: params.id });
        return json(model);
      }
      switch (params.part) {
        case "score": {
          const body = await readJson(req, scoreRequestSchema);
          const ids = [...new Set(body.leadIds ?? [body.leadId!])];
          const outcome = await scoreLeads(tx, org.id, ids);
          if (outcome.status === "no_model") throw conflict("model_not_trained", NOT_TRAINED_MESSAGE);
          if (outcome.missing.length) throw new HttpError(404, "not_found", outcome.missing.length === 1 ? "Lead not found" : `${outcome.missing.length} leads not found`, undefined, undefined, { missing: outcome.missing });
          return json({
            items: outcome.items.map((i) => ({
              leadId: i.leadId,
              score: i.score,
              probability: i.probability,
              grade: i.grade,
              factors: i.factors,
              baseValue: i.baseValue,
              otherContribution: i.otherContribution,
              margin: i.margin,
              modelId: i.modelId,
              modelVersion: i.modelVersion,
            })),
          });
        }
        case "train": {
          requireManager(ctx, "train models");
          const body = await readOptionalJson(req, trainRequestSchema);
          const jobId = await enqueueJob(tx, org.id, trainLeadModelJob, body, { requestId });
          const dealModelsJobId = await enqueueJob(tx, org.id, trainDealModelsJob, body, { requestId });
          const matchModelJobId = await enqueueJob(tx, org.id, trainMatchModelJob, body, { requestId });
          return json({ jobId, dealModelsJobId, matchModelJobId, status: "queued" }, 202);
        }
        default:
          throw noSuchAction();
      }
    },
  },
});

export const config = { path: ["/api/ml/:part", "/api/ml/models/:id/:action", "/api/ml/deals/:action"] };
