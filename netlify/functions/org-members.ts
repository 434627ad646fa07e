import { addMemberRequestSchema, updateMemberRequestSchema } from "../../src/domain/orgs";
import { MANAGER_ROLES, STAFF_ROLES } from "../../src/domain/roles";
import { readJson } from "../server/http/body";
import { endpoint, json, noContent } from "../server/http/endpoint";
import { HttpError } from "../server/http/errors";
import { addMember, changeMemberRole, listMembers, removeMember } from "../server/services/orgs/membersService";

const needsUserId = (params: Record<string, string>) => {
  if (!params.userId) throw new HttpError(405, "method_not_allowed", "Use /api/org/members/:userId");
  return params.userId;
};

export default endpoint({
  GET: {
    auth: "member",
    roles: STAFF_ROLES,
    async handle({ tx, org }) {
      return json({ items: await listMembers(tx, org.id) });
    },
  },
  POST: {
    auth: "member",
    roles: MANAGER_ROLES,
    async handle({ req, tx, org, params }) {
      if (params.userId) throw new HttpError(405, "method_not_allowed", "Use POST /api/org/members");
      const input = await readJson(req, addMemberRequestSchema);
      return json(await addMember(tx, org, input), 201);
    },
  },
  PATCH: {
    auth: "member",
    roles: MANAGER_ROLES,
    async handle({ req, tx, org, params }) {
      const userId = needsUserId(params);
      const { role } = await readJson(req, updateMemberRequestSchema);
      return json(await changeMemberRole(tx, org, userId, role));
    },
  },
  DELETE: {
    auth: "member",
    roles: MANAGER_ROLES,
    async handle({ tx, org, params }) {
      await removeMember(tx, org, needsUserId(params));
      return noContent();
    },
  },
});

export const config = { path: ["/api/org/members", "/api/org/members/:userId"] };
