import { z } from "zod";
import { createNoteRequestSchema, createTaskRequestSchema } from "../../src/domain/leadWork";
import { shareOpportunityRequestSchema } from "../../src/domain/investors";
import { moveOpportunityRequestSchema, recordExitRequestSchema } from "../../src/domain/pipeline";
import { STAFF_ROLES } from "../../src/domain/roles";
import { readJson } from "../server/http/body";
import { endpoint, json } from "../server/http/endpoint";
import { HttpError } from "../server/http/errors";
import { parseQuery } from "../server/http/validation";
import { matchInvestors } from "../server/services/investors/matchingService";
import { shareOpportunity } from "../server/services/investors/sharesService";
import { assertStaffMember } from "../server/services/leads/leadWorkService";
import { recordExit } from "../server/services/pipeline/dealExit";
import { moveOpportunity } from "../server/services/pipeline/moveOpportunity";
import { requireOpportunity } from "../server/services/pipeline/opportunitiesService";
import { addNote, createTask, listActivities, listTasks } from "../server/services/work/subjectWork";

const pageQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50), cursor: z.string().max(400).optional() });
const noSuchAction = (action: string) => new HttpError(404, "not_found", `No endpoint at /api/opportunities/:id/${action}`);

// Working a deal: moving it on the board, its timeline, notes and tasks, the investors who fit it, sharing it,
// recording what it returned.
export default endpoint({
  GET: {
    auth: "member",
    roles: STAFF_ROLES,
    async handle({ tx, org, params, url }) {
      const subject = { kind: "opportunity" as const, id: params.id };
      switch (params.action) {
        case "activities":
          await requireOpportunity(tx, org.id, params.id);
          return json(await listActivities(tx, org.id, subject, parseQuery(url, pageQuery)));
        case "tasks":
          await requireOpportunity(tx, org.id, params.id);
          return json({ items: await listTasks(tx, org.id, subject) });
        case "matches":
          return json(await matchInvestors(tx, org.id, params.id));
        default:
          throw noSuchAction(params.action);
      }
    },
  },
  POST: {
    auth: "member",
    roles: STAFF_ROLES,
    async handle({ req, tx, org, params, userId }) {
      const subject = { kind: "opportunity" as const, id: params.id };
      switch (params.action) {
        case "move":
          return json(await moveOpportunity(tx, org.id, params.id, userId, await readJson(req, moveOpportunityRequestSchema)));
        case "notes": {
          const { body } = await readJson(req, createNoteRequestSchema);
          await requireOpportunity(tx, org.id, params.id);
          return json(await addNote(tx, org.id, subject, userId, body), 201);
        }
        case "tasks": {
          const input = await readJson(req, createTaskRequestSchema);
          await requireOpportunity(tx, org.id, params.id);
          await assertStaffMember(tx, org.id, input.assigneeId);
          return json(await createTask(tx, org.id, subject, userId, input), 201);
        }
        case "exit":
          return json(await recordExit(tx, org.id, params.id, userId, await readJson(req, recordExitRequestSchema)));
        case "shares": {
          const { investorIds } = await readJson(req, shareOpportunityRequestSchema);
          return json({ items: await shareOpportunity(tx, org.id, params.id, userId, investorIds) }, 201);
        }
        default:
          throw noSuchAction(params.action);
      }
    },
  },
});

export const config = { path: "/api/opportunities/:id/:action" };
