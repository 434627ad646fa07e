import { endpoint } from "../server/http/endpoint";
import { HttpError } from "../server/http/errors";

// Any /api path no other function serves: a JSON 404 with a request id, never the SPA's index.html.
const notFound = {
  auth: "public" as const,
  handle({ url }: { url: URL }): Response {
    throw new HttpError(404, "not_found", `No endpoint at ${url.pathname}`);
  },
};

export default endpoint({ GET: notFound, POST: notFound, PUT: notFound, PATCH: notFound, DELETE: notFound });

export const config = { path: "/api/*" };
