import { createOrgRequestSchema } from "../../src/domain/orgs";
import { asService } from "../server/db/transactions";
import { readJson } from "../server/http/body";
import { endpoint, json } from "../server/http/endpoint";
import { createOrgWithOwner } from "../server/services/orgs/createOrg";

export default endpoint({
  POST: {
    auth: "identity",
    async handle({ req, database, userId }) {
      const { name } = await readJson(req, createOrgRequestSchema);
      // No user transaction is open here (PGlite has one connection). The first membership of a new org can't pass any policy (nobody is a member yet): service role.
      const org = await asService(database.db, (tx) => createOrgWithOwner(tx, userId, name));
      return json(org, 201);
    },
  },
});

export const config = { path: "/api/orgs" };
