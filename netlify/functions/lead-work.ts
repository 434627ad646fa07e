import { z } from "zod";
import { STAFF_ROLES } from "../../src/domain/roles";
import { convertLeadRequestSchema, createNoteRequestSchema, createTaskRequestSchema, mergeLeadsRequestSchema } from "../../src/domain/leadWork";
import { readJson } from "../server/http/body";
import { endpoint, json } from "../server/http/endpoint";
import { HttpError } from "../server/http/errors";
import { parseQuery } from "../server/http/validation";
import { enqueueEnrichment, getLeadEnrichment } from "../server/services/enrichment/enrichmentService";
import { addNote, convertLead, createLeadTask, listLeadActivities, listLeadTasks, requireLead } from "../server/services/leads/leadWorkService";
import { mergeLeads } from "../server/services/leads/mergeLeads";

const pageQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50), cursor: z.string().max(400).optional() });
const noSuchAction = (action: string) => new HttpError(404, "not_found", `No endpoint at /api/leads/:id/${action}`);

// Working a lead: its timeline, notes, tasks, enrichment, conversion to an opportunity, and merging a duplicate into it.
export default endpoint({
  GET: {
    auth: "member",
    roles: STAFF_ROLES,
    async handle({ tx, org, params, url }) {
      if (params.action === "activities") return json(await listLeadActivities(tx, org.id, params.id, parseQuery(url, pageQuery)));
      if (params.action === "tasks") return json({ items: await listLeadTasks(tx, org.id, params.id) });
      if (params.action === "enrichment") return json(await getLeadEnrichment(tx, org.id, params.id));
      throw noSuchAction(params.action);
    },
  },
  POST: {
    auth: "member",
    roles: STAFF_ROLES,
    async handle({ req, tx, org, params, userId, requestId }) {
      switch (params.action) {
        case "notes":
          return json(await addNote(tx, org.id, params.id, userId, (await readJson(req, createNoteRequestSchema)).body), 201);
        case "tasks":
          return json(await createLeadTask(tx, org.id, params.id, userId, await readJson(req, createTaskRequestSchema)), 201);
        case "convert":
          return json(await convertLead(tx, org.id, params.id, userId, await readJson(req, convertLeadRequestSchema)), 201);
        case "merge":
          return json(await mergeLeads(tx, org.id, params.id, userId, await readJson(req, mergeLeadsRequestSchema)));
        case "enrich": {
          await requireLead(tx, org.id, params.id);
          return json(await enqueueEnrichment(tx, org.id, [params.id], { requestId, priority: 1 }), 202);
        }
        default:
          throw noSuchAction(params.action);
      }
    },
  },
});

export const config = { path: "/api/leads/:id/:action" };
