import { createTemplateRequestSchema, previewRequestSchema, updateTemplateRequestSchema } from "../../src/domain/messaging";
import { MANAGER_ROLES, STAFF_ROLES } from "../../src/domain/roles";
import { readJson } from "../server/http/body";
import { endpoint, json, noContent } from "../server/http/endpoint";
import { HttpError, notFound } from "../server/http/errors";
import { isUuid } from "../server/http/ids";
import { createTemplate, deleteTemplate, listTemplates, previewMessage, updateTemplate } from "../server/services/messaging/messagingService";

// Message templates: staff list them and preview; managers create, change and delete them.
const itemOnly = (id: string | undefined) => {
  if (id === undefined) throw new HttpError(405, "method_not_allowed", "Use /api/message-templates/:id");
  if (!isUuid(id)) throw notFound("Template");
  return id;
};
const isPreview = (url: URL) => url.pathname.endsWith("/preview");

export default endpoint({
  GET: {
    auth: "member",
    roles: STAFF_ROLES,
    async handle({ tx, org, params, url }) {
      if (params.id !== undefined || isPreview(url)) throw new HttpError(405, "method_not_allowed", "Use GET /api/message-templates");
      return json({ items: await listTemplates(tx, org.id) });
    },
  },
  POST: {
    auth: "member",
    roles: STAFF_ROLES,
    async handle({ req, tx, org, userId, params, url }) {
      if (isPreview(url)) return json(await previewMessage(tx, org.id, userId, await readJson(req, previewRequestSchema)));
      if (params.id !== undefined) throw new HttpError(405, "method_not_allowed", "Use POST /api/message-templates");
      if (!MANAGER_ROLES.includes(org.role)) throw new HttpError(403, "forbidden", "Only owners and admins manage templates");
      return json(await createTemplate(tx, org.id, userId, await readJson(req, createTemplateRequestSchema)), 201);
    },
  },
  PATCH: {
    auth: "member",
    roles: MANAGER_ROLES,
    async handle({ req, tx, org, params }) {
      return json(await updateTemplate(tx, org.id, itemOnly(params.id), await readJson(req, updateTemplateRequestSchema)));
    },
  },
  DELETE: {
    auth: "member",
    roles: MANAGER_ROLES,
    async handle({ tx, org, params }) {
      await deleteTemplate(tx, org.id, itemOnly(params.id));
      return noContent();
    },
  },
});

// /api/templates is the name the API contract uses; /api/message-templates stays as its longer alias.
export const config = { path: ["/api/templates", "/api/templates/preview", "/api/templates/:id", "/api/message-templates", "/api/message-templates/preview", "/api/message-templates/:id"] };
