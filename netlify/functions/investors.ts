import { createInvestorRequestSchema, listInvestorsQuerySchema, updateInvestorRequestSchema } from "../../src/domain/investors";
import { STAFF_ROLES } from "../../src/domain/roles";
import { readJson } from "../server/http/body";
import { endpoint, json } from "../server/http/endpoint";
import { HttpError } from "../server/http/errors";
import { parseQuery } from "../server/http/validation";
import { createInvestor, getInvestorProfile, listInvestors, updateInvestor } from "../server/services/investors/investorsService";
import { matchDeals } from "../server/services/investors/matchingService";

const onItem = (params: Record<string, string>) => {
  if (!params.id) throw new HttpError(405, "method_not_allowed", "Use /api/investors/:id", undefined, { allow: "GET, POST" });
  return params.id;
};

// The investor CRM: list and search, add, profile with portfolio and history, edit; the open deals that fit one.
export default endpoint({
  GET: {
    auth: "member",
    roles: STAFF_ROLES,
    async handle({ tx, org, params, url }) {
      if (!params.id) return json(await listInvestors(tx, org.id, parseQuery(url, listInvestorsQuerySchema)));
      if (params.action === "matches") return json(await matchDeals(tx, org.id, params.id));
      if (params.action) throw new HttpError(404, "not_found", `No endpoint at /api/investors/:id/${params.action}`);
      return json(await getInvestorProfile(tx, org.id, params.id));
    },
  },
  POST: {
    auth: "member",
    roles: STAFF_ROLES,
    async handle({ req, tx, org, params }) {
      if (params.id) throw new HttpError(405, "method_not_allowed", "Use POST /api/investors", undefined, { allow: "GET, PATCH" });
      return json(await createInvestor(tx, org.id, await readJson(req, createInvestorRequestSchema)), 201);
    },
  },
  PATCH: {
    auth: "member",
    roles: STAFF_ROLES,
    async handle({ req, tx, org, params }) {
      if (params.action) throw new HttpError(405, "method_not_allowed", "Use GET", undefined, { allow: "GET" });
      return json(await updateInvestor(tx, org.id, onItem(params), await readJson(req, updateInvestorRequestSchema)));
    },
  },
});

export const config = { path: ["/api/investors", "/api/investors/:id", "/api/investors/:id/:action"] };
