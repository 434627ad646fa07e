import { STAFF_ROLES } from "../../src/domain/roles";
import { endpoint, json } from "../server/http/endpoint";
import { enrichmentMonitor } from "../server/services/enrichment/enrichmentService";

// The enrichment monitor: the org's enrichment jobs queued, running, done today and failed, and today's provider cost.
export default endpoint({
  GET: {
    auth: "member",
    roles: STAFF_ROLES,
    async handle({ tx, org }) {
      return json(await enrichmentMonitor(tx, org.id));
    },
  },
});

export const config = { path: "/api/enrichment/monitor" };
