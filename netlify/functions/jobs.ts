import { MANAGER_ROLES } from "../../src/domain/roles";
import { endpoint, json, noContent } from "../server/http/endpoint";
import { HttpError } from "../server/http/errors";
import { discardJob, jobsOverview, retryJob } from "../server/services/jobs/jobsAdminService";

// The jobs screen (owners and admins): jobs per queue and state, dead letters; retry or discard a dead letter.
export default endpoint({
  GET: {
    auth: "member",
    roles: MANAGER_ROLES,
    async handle({ tx, org, params }) {
      if (params.part && params.part !== "stats") throw new HttpError(404, "not_found", "Use GET /api/jobs or /api/jobs/stats");
      return json(await jobsOverview(tx, org.id));
    },
  },
  POST: {
    auth: "member",
    roles: MANAGER_ROLES,
    async handle({ tx, org, params }) {
      if (params.action === "retry") return json(await retryJob(tx, org.id, params.id), 201);
      if (params.action === "discard") {
        await discardJob(tx, org.id, params.id);
        return noContent();
      }
      throw new HttpError(404, "not_found", "Use POST /api/jobs/:id/retry or /api/jobs/:id/discard");
    },
  },
});

export const config = { path: ["/api/jobs", "/api/jobs/:part", "/api/jobs/:id/:action"] };
