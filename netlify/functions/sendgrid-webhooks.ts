import { endpoint, json } from "../server/http/endpoint";
import { handleSendgridEvents, unsubscribe } from "../server/services/messaging/providerWebhooks";

// SendGrid's signed event webhook (delivery, opens, clicks, bounces, unsubscribes) and the unsubscribe link in
// every email (GET shows a confirmation page; POST is the one-click List-Unsubscribe-Post).
const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export default endpoint({
  GET: {
    auth: "public",
    async handle({ params, database }) {
      const { address, orgName } = await unsubscribe((await database()).db, params.token ?? "");
      const page = `<!doctype html><html><head><meta charset="utf-8"><title>Unsubscribed</title></head><body><h1>You are unsubscribed</h1><p>${escape(address)} will get no more email from ${escape(orgName)}.</p></body></html>`;
      return new Response(page, { status: 200, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } });
    },
  },
  POST: {
    auth: "public",
    async handle({ req, params, database }) {
      const { db } = await database();
      if (params.token !== undefined) return json({ unsubscribed: true, ...(await unsubscribe(db, params.token)) });
      return json(await handleSendgridEvents(db, req));
    },
  },
});

export const config = { path: ["/api/webhooks/sendgrid/events", "/api/unsubscribe/:token"] };
