import { MANAGER_ROLES, STAFF_ROLES } from "../../src/domain/roles";
import { pipelineQuerySchema, replaceStagesRequestSchema } from "../../src/domain/pipeline";
import { readJson } from "../server/http/body";
import { endpoint, json } from "../server/http/endpoint";
import { HttpError } from "../server/http/errors";
import { parseQuery } from "../server/http/validation";
import { listStages, loadPipeline } from "../server/services/pipeline/pipelineBoard";
import { replaceStages } from "../server/services/pipeline/stagesService";

// The deal board (GET /api/pipeline) and the org's stages (GET /api/pipeline/stages; PUT, owners and admins).
export default endpoint({
  GET: {
    auth: "member",
    roles: STAFF_ROLES,
    async handle({ tx, org, url, params, userId }) {
      if (params.part === "stages") return json({ stages: await listStages(tx, org.id) });
      if (params.part) throw new HttpError(404, "not_found", `No endpoint at /api/pipeline/${params.part}`);
      return json(await loadPipeline(tx, org.id, userId, parseQuery(url, pipelineQuerySchema)));
    },
  },
  PUT: {
    auth: "member",
    roles: MANAGER_ROLES,
    async handle({ req, tx, org, params }) {
      if (params.part !== "stages") throw new HttpError(405, "method_not_allowed", "Use GET /api/pipeline", undefined, { allow: "GET" });
      const body = await readJson(req, replaceStagesRequestSchema);
      return json({ stages: await replaceStages(tx, org.id, body.stages) });
    },
  },
});

export const config = { path: ["/api/pipeline", "/api/pipeline/:part"] };
