import { createAssignmentRuleRequestSchema, updateAssignmentRuleRequestSchema } from "../../src/domain/assignment";
import { MANAGER_ROLES, STAFF_ROLES } from "../../src/domain/roles";
import { readJson } from "../server/http/body";
import { endpoint, json, noContent } from "../server/http/endpoint";
import { HttpError } from "../server/http/errors";
import { createAssignmentRule, deleteAssignmentRule, listAssignmentRules, updateAssignmentRule } from "../server/services/orgs/assignmentRulesService";

const itemOnly = (id: string | undefined) => {
  if (!id) throw new HttpError(405, "method_not_allowed", "Use /api/assignment-rules/:id");
  return id;
};

export default endpoint({
  GET: {
    auth: "member",
    roles: STAFF_ROLES,
    async handle({ tx, org }) {
      return json({ items: await listAssignmentRules(tx, org.id) });
    },
  },
  POST: {
    auth: "member",
    roles: MANAGER_ROLES,
    async handle({ req, tx, org, params }) {
      if (params.id) throw new HttpError(405, "method_not_allowed", "Use POST /api/assignment-rules");
      return json(await createAssignmentRule(tx, org.id, await readJson(req, createAssignmentRuleRequestSchema)), 201);
    },
  },
  PATCH: {
    auth: "member",
    roles: MANAGER_ROLES,
    async handle({ req, tx, org, params }) {
      return json(await updateAssignmentRule(tx, org.id, itemOnly(params.id), await readJson(req, updateAssignmentRuleRequestSchema)));
    },
  },
  DELETE: {
    auth: "member",
    roles: MANAGER_ROLES,
    async handle({ tx, org, params }) {
      await deleteAssignmentRule(tx, org.id, itemOnly(params.id));
      return noContent();
    },
  },
});

export const config = { path: ["/api/assignment-rules", "/api/assignment-rules/:id"] };
