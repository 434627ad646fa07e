import { endpoint, json, noContent } from "../server/http/endpoint";
import { HttpError } from "../server/http/errors";
import { listNotifications, markRead } from "../server/services/notifications/notificationsService";

// The signed-in member's notifications in the active org, and marking them read (POST /api/notifications/:id/read, or all/read).
export default endpoint({
  GET: {
    auth: "member",
    async handle({ tx, org, userId, params }) {
      if (params.id) throw new HttpError(405, "method_not_allowed", "Use POST /api/notifications/:id/read", undefined, { allow: "POST" });
      return json(await listNotifications(tx, org.id, userId));
    },
  },
  POST: {
    auth: "member",
    async handle({ tx, org, userId, params }) {
      if (!params.id || params.action !== "read") throw new HttpError(404, "not_found", "Use POST /api/notifications/:id/read");
      await markRead(tx, org.id, userId, params.id);
      return noContent();
    },
  },
});

export const config = { path: ["/api/notifications", "/api/notifications/:id/:action"] };
