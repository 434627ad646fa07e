import { bulkLeadsRequestSchema, createLeadRequestSchema, listLeadsQuerySchema, updateLeadRequestSchema } from "../../src/domain/leads";
import { STAFF_ROLES } from "../../src/domain/roles";
import { readJson } from "../server/http/body";
import { endpoint, json, noContent } from "../server/http/endpoint";
import { HttpError } from "../server/http/errors";
import { parseQuery } from "../server/http/validation";
import { bulkLeads } from "../server/services/leads/bulkLeads";
import { createLead, deleteLead, getLead, listLeads, updateLead } from "../server/services/leads/leadsService";

const onItem = (params: Record<string, string>) => {
  if (!params.id) throw new HttpError(405, "method_not_allowed", "Use /api/leads/:id", undefined, { allow: "GET, POST" });
  return params.id;
};

export default endpoint({
  GET: {
    auth: "member",
    roles: STAFF_ROLES,
    async handle({ tx, org, url, params, userId }) {
      if (params.id) return json(await getLead(tx, org.id, params.id));
      return json(await listLeads(tx, org.id, parseQuery(url, listLeadsQuerySchema), userId));
    },
  },
  POST: {
    auth: "member",
    roles: STAFF_ROLES,
    async handle({ req, tx, org, userId, params }) {
      if (params.id === "bulk") return json(await bulkLeads(tx, org.id, userId, await readJson(req, bulkLeadsRequestSchema)));
      if (params.id) throw new HttpError(405, "method_not_allowed", "Use POST /api/leads", undefined, { allow: "GET, PATCH, DELETE" });
      const input = await readJson(req, createLeadRequestSchema);
      const { lead, duplicate } = await createLead(tx, org.id, userId, input);
      // 200 when the person was already a lead of the org and this merged into it.
      return json(lead, duplicate ? 200 : 201, duplicate ? { "x-lead-merged": "true" } : {});
    },
  },
  PATCH: {
    auth: "member",
    roles: STAFF_ROLES,
    async handle({ req, tx, org, params, userId }) {
      const id = onItem(params);
      return json(await updateLead(tx, org.id, id, await readJson(req, updateLeadRequestSchema), userId));
    },
  },
  DELETE: {
    auth: "member",
    roles: STAFF_ROLES,
    async handle({ tx, org, params, userId }) {
      await deleteLead(tx, org.id, onItem(params), userId);
      return noContent();
    },
  },
});

export const config = { path: ["/api/leads", "/api/leads/:id"] };
