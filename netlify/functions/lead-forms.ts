import { createLeadFormRequestSchema, updateLeadFormRequestSchema } from "../../src/domain/leadForms";
import { MANAGER_ROLES, STAFF_ROLES } from "../../src/domain/roles";
import { readJson } from "../server/http/body";
import { endpoint, json } from "../server/http/endpoint";
import { HttpError } from "../server/http/errors";
import { createLeadForm, listLeadForms, updateLeadForm } from "../server/services/forms/leadFormsService";

export default endpoint({
  GET: {
    auth: "member",
    roles: STAFF_ROLES,
    async handle({ tx, org, params }) {
      if (params.id) throw new HttpError(405, "method_not_allowed", "Use GET /api/lead-forms");
      return json({ items: await listLeadForms(tx, org.id) });
    },
  },
  POST: {
    auth: "member",
    roles: MANAGER_ROLES,
    async handle({ req, tx, org, params }) {
      if (params.id) throw new HttpError(405, "method_not_allowed", "Use POST /api/lead-forms");
      return json(await createLeadForm(tx, org.id, await readJson(req, createLeadFormRequestSchema)), 201);
    },
  },
  PATCH: {
    auth: "member",
    roles: MANAGER_ROLES,
    async handle({ req, tx, org, params }) {
      if (!params.id) throw new HttpError(405, "method_not_allowed", "Use PATCH /api/lead-forms/:id");
      return json(await updateLeadForm(tx, org.id, params.id, await readJson(req, updateLeadFormRequestSchema)));
    },
  },
});

export const config = { path: ["/api/lead-forms", "/api/lead-forms/:id"] };
