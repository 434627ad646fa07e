import { listWebhookEventsQuerySchema } from "../../src/domain/leadSources";
import { MANAGER_ROLES } from "../../src/domain/roles";
import { asUser } from "../server/db/transactions";
import { endpoint, json } from "../server/http/endpoint";
import { HttpError } from "../server/http/errors";
import { resolveActiveOrg } from "../server/http/membership";
import { parseQuery } from "../server/http/validation";
import { listDeliveries, loadReplayableDelivery, replayDelivery } from "../server/services/webhooks/deliveriesService";

export default endpoint({
  GET: {
    auth: "member",
    roles: MANAGER_ROLES,
    async handle({ tx, org, url, params }) {
      if (params.id) throw new HttpError(405, "method_not_allowed", "Use GET /api/webhook-events");
      return json(await listDeliveries(tx, org.id, parseQuery(url, listWebhookEventsQuerySchema)));
    },
  },
  POST: {
    // The check runs under the caller's RLS; the replay itself runs as a delivery does (service role),
    // after that transaction has ended (PGlite has a single connection).
    auth: "identity",
    async handle({ database, claims, req, params }) {
      if (!params.id || params.action !== "replay") throw new HttpError(404, "not_found", "Use POST /api/webhook-events/:id/replay");
      const event = await asUser(database.db, claims, async (tx) => {
        const org = await resolveActiveOrg(tx, req.headers.get("x-org-id"), MANAGER_ROLES);
        return loadReplayableDelivery(tx, org.id, params.id);
      });
      const answer = await replayDelivery(database.db, event);
      return json(answer.body, answer.status);
    },
  },
});

export const config = { path: ["/api/webhook-events", "/api/webhook-events/:id/:action"] };
