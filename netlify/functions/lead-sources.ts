import { createLeadSourceRequestSchema, updateLeadSourceRequestSchema } from "../../src/domain/leadSources";
import { MANAGER_ROLES } from "../../src/domain/roles";
import { readJson } from "../server/http/body";
import { endpoint, json } from "../server/http/endpoint";
import { HttpError } from "../server/http/errors";
import { createLeadSource, listLeadSources, rotateLeadSourceSecret, updateLeadSource } from "../server/services/webhooks/leadSourcesService";

export default endpoint({
  GET: {
    auth: "member",
    roles: MANAGER_ROLES,
    async handle({ tx, org, params }) {
      if (params.id) throw new HttpError(405, "method_not_allowed", "Use GET /api/lead-sources");
      return json({ items: await listLeadSources(tx, org.id) });
    },
  },
  POST: {
    auth: "member",
    roles: MANAGER_ROLES,
    async handle({ req, tx, org, params }) {
      if (params.id && params.action === "rotate-secret") return json(await rotateLeadSourceSecret(tx, org.id, params.id));
      if (params.id) throw new HttpError(404, "not_found", "No such action");
      const input = await readJson(req, createLeadSourceRequestSchema);
      return json(await createLeadSource(tx, org.id, input), 201);
    },
  },
  PATCH: {
    auth: "member",
    roles: MANAGER_ROLES,
    async handle({ req, tx, org, params }) {
      if (!params.id || params.action) throw new HttpError(405, "method_not_allowed", "Use PATCH /api/lead-sources/:id");
      return json(await updateLeadSource(tx, org.id, params.id, await readJson(req, updateLeadSourceRequestSchema)));
    },
  },
});

export const config = { path: ["/api/lead-sources", "/api/lead-sources/:id", "/api/lead-sources/:id/:action"] };
