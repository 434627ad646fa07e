import { updateOrgRequestSchema } from "../../src/domain/assignment";
import { MANAGER_ROLES } from "../../src/domain/roles";
import { readJson } from "../server/http/body";
import { endpoint, json } from "../server/http/endpoint";

const COLUMNS = ["id", "name", "timeZone", "agentsSeeAssignedOnly"] as const;

// The active org's settings: readable by every member, changed by owners and admins.
export default endpoint({
  GET: {
    auth: "member",
    async handle({ tx, org }) {
      return json(await tx.selectFrom("orgs").select(COLUMNS).where("id", "=", org.id).executeTakeFirstOrThrow());
    },
  },
  PATCH: {
    auth: "member",
    roles: MANAGER_ROLES,
    async handle({ req, tx, org }) {
      const patch = await readJson(req, updateOrgRequestSchema);
      return json(await tx.updateTable("orgs").set(patch).where("id", "=", org.id).returning(COLUMNS).executeTakeFirstOrThrow());
    },
  },
});

export const config = { path: "/api/org" };
