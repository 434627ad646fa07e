import { STAFF_ROLES } from "../../src/domain/roles";
import { createOpportunityRequestSchema, updateOpportunityRequestSchema } from "../../src/domain/pipeline";
import { readJson } from "../server/http/body";
import { endpoint, json } from "../server/http/endpoint";
import { HttpError } from "../server/http/errors";
import { createOpportunity, getOpportunity, updateOpportunity } from "../server/services/pipeline/opportunitiesService";

const onItem = (params: Record<string, string>) => {
  if (!params.id) throw new HttpError(405, "method_not_allowed", "Use /api/opportunities/:id", undefined, { allow: "POST" });
  return params.id;
};

// Deals: create one straight onto the board, read one with everything the detail page shows, edit one.
export default endpoint({
  GET: {
    auth: "member",
    roles: STAFF_ROLES,
    async handle({ tx, org, params }) {
      return json(await getOpportunity(tx, org.id, onItem(params)));
    },
  },
  POST: {
    auth: "member",
    roles: STAFF_ROLES,
    async handle({ req, tx, org, params, userId }) {
      if (params.id) throw new HttpError(405, "method_not_allowed", "Use POST /api/opportunities", undefined, { allow: "GET, PATCH" });
      return json(await createOpportunity(tx, org.id, userId, await readJson(req, createOpportunityRequestSchema)), 201);
    },
  },
  PATCH: {
    auth: "member",
    roles: STAFF_ROLES,
    async handle({ req, tx, org, params, userId }) {
      return json(await updateOpportunity(tx, org.id, onItem(params), userId, await readJson(req, updateOpportunityRequestSchema)));
    },
  },
});

export const config = { path: ["/api/opportunities", "/api/opportunities/:id"] };
