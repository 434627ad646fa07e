import {
  createWorkflowRequestSchema,
  instantiateTemplateRequestSchema,
  listExecutionsQuerySchema,
  publishWorkflowRequestSchema,
  runWorkflowRequestSchema,
  STARTER_TEMPLATES,
  testWorkflowRequestSchema,
  updateWorkflowRequestSchema,
} from "../../src/domain/workflows";
import { MANAGER_ROLES, STAFF_ROLES } from "../../src/domain/roles";
import { readJson, readOptionalJson } from "../server/http/body";
import { endpoint, json, noContent, type MemberContext } from "../server/http/endpoint";
import { forbidden, HttpError, notFound } from "../server/http/errors";
import { isUuid } from "../server/http/ids";
import { parseQuery } from "../server/http/validation";
import { dryRunWorkflow } from "../server/services/workflows/dryRun";
import { listExecutions } from "../server/services/workflows/executionsService";
import { runWorkflowByHand } from "../server/services/workflows/manualRun";
import {
  createWorkflow,
  deleteWorkflow,
  getWorkflow,
  instantiateTemplate,
  listWorkflows,
  publishWorkflow,
  updateWorkflow,
} from "../server/services/workflows/workflowsService";

// Workflows (docs/API.md → Workflows): staff read them, their runs and test them; managers create, edit, publish
// and delete them. /api/workflows/templates lists the starter templates; …/templates/:templateId/instantiate adds one.

const isManager = (ctx: MemberContext) => MANAGER_ROLES.includes(ctx.org.role);
const requireManager = (ctx: MemberContext) => {
  if (!isManager(ctx)) throw forbidden("Only owners and admins edit workflows");
};
const workflowId = (id: string | undefined) => {
  if (!id || !isUuid(id)) throw notFound("Workflow");
  return id;
};
const detail = (ctx: MemberContext, id: string, status = 200) => getWorkflow(ctx.tx, ctx.org.id, id).then((w) => json(w, status));
const noSuchAction = () => new HttpError(404, "not_found", "No such workflow action");

export default endpoint({
  GET: {
    auth: "member",
    roles: STAFF_ROLES,
    async handle(ctx) {
      const { params, url, tx, org } = ctx;
      if (params.templateId) throw new HttpError(405, "method_not_allowed", "POST to instantiate a template");
      if (params.id === undefined) return json({ items: await listWorkflows(tx, org.id) });
      if (params.id === "templates" && !params.action) return json({ items: STARTER_TEMPLATES.map(({ id, name, description }) => ({ id, name, description })) });
      const id = workflowId(params.id);
      if (!params.action) return detail(ctx, id);
      if (params.action === "executions") return json({ items: await listExecutions(tx, org.id, id, parseQuery(url, listExecutionsQuerySchema)) });
      throw noSuchAction();
    },
  },
  POST: {
    auth: "member",
    roles: STAFF_ROLES,
    async handle(ctx) {
      const { params, req, tx, org, userId } = ctx;
      if (params.templateId) {
        requireManager(ctx);
        const body = await readOptionalJson(req, instantiateTemplateRequestSchema);
        return detail(ctx, await instantiateTemplate(tx, org.id, userId, params.templateId, body), 201);
      }
      if (params.id === undefined) {
        requireManager(ctx);
        return detail(ctx, await createWorkflow(tx, org.id, userId, await readJson(req, createWorkflowRequestSchema)), 201);
      }
      const id = workflowId(params.id);
      switch (params.action) {
        case "publish": {
          requireManager(ctx);
          await publishWorkflow(tx, org.id, id, userId, await readOptionalJson(req, publishWorkflowRequestSchema));
          return detail(ctx, id);
        }
        case "test":
          return json(await dryRunWorkflow(tx, org.id, id, (await readJson(req, testWorkflowRequestSchema)).leadId));
        case "run":
          return json(await runWorkflowByHand(tx, org.id, id, (await readJson(req, runWorkflowRequestSchema)).leadIds, ctx.requestId), 202);
        default:
          throw noSuchAction();
      }
    },
  },
  PUT: {
    auth: "member",
    roles: MANAGER_ROLES,
    async handle(ctx) {
      if (ctx.params.action || ctx.params.templateId) throw noSuchAction();
      const id = workflowId(ctx.params.id);
      await updateWorkflow(ctx.tx, ctx.org.id, id, await readJson(ctx.req, updateWorkflowRequestSchema));
      return detail(ctx, id);
    },
  },
  DELETE: {
    auth: "member",
    roles: MANAGER_ROLES,
    async handle(ctx) {
      if (ctx.params.action || ctx.params.templateId) throw noSuchAction();
      await deleteWorkflow(ctx.tx, ctx.org.id, workflowId(ctx.params.id));
      return noContent();
    },
  },
});

export const config = { path: ["/api/workflows", "/api/workflows/:id", "/api/workflows/:id/:action", "/api/workflows/templates/:templateId/instantiate"] };
