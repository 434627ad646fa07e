import { addSuppressionRequestSchema, listSuppressionsQuerySchema } from "../../src/domain/suppressions";
import { MANAGER_ROLES, STAFF_ROLES } from "../../src/domain/roles";
import { readJson } from "../server/http/body";
import { endpoint, json, noContent } from "../server/http/endpoint";
import { HttpError } from "../server/http/errors";
import { parseQuery } from "../server/http/validation";
import { addSuppression, listSuppressions, removeSuppression } from "../server/services/messaging/suppressionsService";

// The do-not-contact list: staff read it and add addresses by hand; owners and admins remove what was added by hand.
const collectionOnly = (params: Record<string, string>, method: string) => {
  if (params.id !== undefined) throw new HttpError(405, "method_not_allowed", `Use ${method} /api/suppressions`);
};

export default endpoint({
  GET: {
    auth: "member",
    roles: STAFF_ROLES,
    async handle({ tx, org, params, url }) {
      collectionOnly(params, "GET");
      return json(await listSuppressions(tx, org.id, parseQuery(url, listSuppressionsQuerySchema)));
    },
  },
  POST: {
    auth: "member",
    roles: STAFF_ROLES,
    async handle({ req, tx, org, params }) {
      collectionOnly(params, "POST");
      const { suppression, created } = await addSuppression(tx, org.id, await readJson(req, addSuppressionRequestSchema));
      return json(suppression, created ? 201 : 200);
    },
  },
  DELETE: {
    auth: "member",
    roles: MANAGER_ROLES,
    async handle({ tx, org, params }) {
      if (params.id === undefined) throw new HttpError(405, "method_not_allowed", "Use DELETE /api/suppressions/:id");
      await removeSuppression(tx, org.id, params.id);
      return noContent();
    },
  },
});

export const config = { path: ["/api/suppressions", "/api/suppressions/:id"] };
