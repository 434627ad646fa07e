import { createSavedViewRequestSchema, updateSavedViewRequestSchema } from "../../src/domain/leads";
import { STAFF_ROLES } from "../../src/domain/roles";
import { readJson } from "../server/http/body";
import { endpoint, json, noContent } from "../server/http/endpoint";
import { HttpError } from "../server/http/errors";
import { createSavedView, deleteSavedView, listSavedViews, updateSavedView } from "../server/services/leads/savedViewsService";

const itemOnly = (id: string | undefined) => {
  if (!id) throw new HttpError(405, "method_not_allowed", "Use /api/saved-views/:id");
  return id;
};

export default endpoint({
  GET: {
    auth: "member",
    roles: STAFF_ROLES,
    async handle({ tx, org, userId }) {
      return json({ items: await listSavedViews(tx, org.id, userId) });
    },
  },
  POST: {
    auth: "member",
    roles: STAFF_ROLES,
    async handle({ req, tx, org, userId, params }) {
      if (params.id) throw new HttpError(405, "method_not_allowed", "Use POST /api/saved-views");
      return json(await createSavedView(tx, org.id, userId, await readJson(req, createSavedViewRequestSchema)), 201);
    },
  },
  PATCH: {
    auth: "member",
    roles: STAFF_ROLES,
    async handle({ req, tx, org, userId, params }) {
      return json(await updateSavedView(tx, org.id, userId, itemOnly(params.id), await readJson(req, updateSavedViewRequestSchema)));
    },
  },
  DELETE: {
    auth: "member",
    roles: STAFF_ROLES,
    async handle({ tx, org, params }) {
      await deleteSavedView(tx, org.id, itemOnly(params.id));
      return noContent();
    },
  },
});

export const config = { path: ["/api/saved-views", "/api/saved-views/:id"] };
