import { bulkSendRequestSchema, listMessagesQuerySchema, sendMessageRequestSchema } from "../../src/domain/messaging";
import { STAFF_ROLES } from "../../src/domain/roles";
import { readJson } from "../server/http/body";
import { endpoint, json } from "../server/http/endpoint";
import { HttpError, notFound, validationFailed } from "../server/http/errors";
import { isUuid } from "../server/http/ids";
import { parseQuery } from "../server/http/validation";
import { bulkSend, listLeadMessages, listMessages, queueMessage } from "../server/services/messaging/messagingService";
import { listInbox } from "../server/services/messaging/inbox";

// Messages to leads: send one (202), send a template to many, a lead's messages, the org's messages by status
// (?status=outbox is the in-app outbox).
const leadId = (id: string | undefined) => {
  if (!id || !isUuid(id)) throw notFound("Lead");
  return id;
};

export default endpoint({
  GET: {
    auth: "member",
    roles: STAFF_ROLES,
    async handle({ tx, org, params, url }) {
      if (url.pathname.endsWith("/bulk")) throw new HttpError(405, "method_not_allowed", "Use POST /api/messages/bulk", undefined, { allow: "POST" });
      if (url.pathname.endsWith("/api/messages/inbox")) return json({ items: await listInbox(tx, org.id) });
      if (params.id !== undefined) return json({ items: await listLeadMessages(tx, org.id, leadId(params.id)) });
      return json({ items: await listMessages(tx, org.id, parseQuery(url, listMessagesQuerySchema)) });
    },
  },
  POST: {
    auth: "member",
    roles: STAFF_ROLES,
    async handle({ req, tx, org, userId, params, url, requestId }) {
      if (url.pathname.endsWith("/api/messages/bulk")) {
        return json(await bulkSend(tx, org.id, userId, await readJson(req, bulkSendRequestSchema), { requestId }), 202);
      }
      if (params.id === undefined) throw new HttpError(405, "method_not_allowed", "Use POST /api/leads/:id/messages or POST /api/messages/bulk", undefined, { allow: "GET" });
      const id = leadId(params.id);
      const outcome = await queueMessage(tx, org.id, userId, id, await readJson(req, sendMessageRequestSchema), { requestId });
      if (!outcome.message) throw validationFailed({ channel: outcome.reason });
      return json(outcome.message, outcome.created ? 202 : 200);
    },
  },
});

export const config = { path: ["/api/leads/:id/messages", "/api/messages", "/api/messages/bulk", "/api/messages/inbox"] };
