import { portalInterestRequestSchema } from "../../src/domain/portal";
import { readJson } from "../server/http/body";
import { endpoint, json } from "../server/http/endpoint";
import { HttpError } from "../server/http/errors";
import { answerShare, getPortalOpportunity, listPortalOpportunities } from "../server/services/portal/portalService";

const INVESTOR = ["investor"] as const;

// The investor portal: the deals shared with the signed-in investor, one of them with its figures, and their answer.
export default endpoint({
  GET: {
    auth: "member",
    roles: INVESTOR,
    async handle({ tx, org, params, userId }) {
      if (params.action) throw new HttpError(405, "method_not_allowed", "Use POST", undefined, { allow: "POST" });
      if (!params.id) return json({ items: await listPortalOpportunities(tx, org.id, userId) });
      return json(await getPortalOpportunity(tx, org.id, userId, params.id));
    },
  },
  POST: {
    auth: "member",
    roles: INVESTOR,
    async handle({ req, tx, org, params, userId }) {
      if (params.action !== "interest" || !params.id) throw new HttpError(404, "not_found", "Use POST /api/portal/opportunities/:id/interest");
      return json(await answerShare(tx, org.id, userId, params.id, await readJson(req, portalInterestRequestSchema)));
    },
  },
});

export const config = { path: ["/api/portal/opportunities", "/api/portal/opportunities/:id", "/api/portal/opportunities/:id/:action"] };
