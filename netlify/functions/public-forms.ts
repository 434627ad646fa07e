import { endpoint, json } from "../server/http/endpoint";
import { HttpError } from "../server/http/errors";
import { readBodyText } from "../server/http/body";
import { getPublicForm, submitPublicForm } from "../server/services/forms/submitPublicForm";
import { deliveryContentType, parseDeliveryBody } from "../server/services/webhooks/parseDeliveryBody";

const FORM_BODY_LIMIT = 64 * 1024;

export default endpoint({
  GET: {
    auth: "public",
    async handle({ params, database }) {
      if (params.action) throw new HttpError(405, "method_not_allowed", "Use POST to submit");
      return json(await getPublicForm((await database()).db, params.slug), 200, { "cache-control": "public, max-age=60" });
    },
  },
  POST: {
    auth: "public",
    async handle({ req, params, database, ip }) {
      if (params.action !== "leads") throw new HttpError(404, "not_found", "Use POST /api/public/forms/:slug/leads");
      const contentType = deliveryContentType(req);
      const body = parseDeliveryBody(contentType, await readBodyText(req, FORM_BODY_LIMIT));
      const outcome = await submitPublicForm((await database()).db, params.slug, body, ip);
      // The same answer whether the person was new, known, or caught by the honeypot: nothing to learn from it.
      void outcome;
      return json({ ok: true, message: "Thanks! We'll be in touch shortly." }, 201);
    },
  },
});

export const config = { path: ["/api/public/forms/:slug", "/api/public/forms/:slug/:action"] };
