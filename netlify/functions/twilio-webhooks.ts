import { endpoint, json } from "../server/http/endpoint";
import { HttpError } from "../server/http/errors";
import { handleTwilioInbound, handleTwilioStatus, readTwilioWebhook } from "../server/services/messaging/providerWebhooks";

// Twilio's signed webhooks: inbound SMS (STOP/START keywords, replies on the lead's timeline) and status callbacks.
const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

export default endpoint({
  POST: {
    auth: "public",
    async handle({ req, params, url, database }) {
      if (params.kind !== "inbound" && params.kind !== "status") throw new HttpError(404, "not_found", "No Twilio webhook here: use /inbound or /status");
      const fields = await readTwilioWebhook(req);
      const { db } = await database();
      if (params.kind === "inbound") {
        await handleTwilioInbound(db, fields);
        return new Response(EMPTY_TWIML, { status: 200, headers: { "content-type": "text/xml" } });
      }
      return json(await handleTwilioStatus(db, url, fields));
    },
  },
});

export const config = { path: "/api/webhooks/twilio/:kind" };
