import { ORG_ROLES, MANAGER_ROLES } from "../../src/domain/roles";
import { createSmsNumberRequestSchema, updateSmsNumberRequestSchema } from "../../src/domain/smsNumbers";
import { readJson } from "../server/http/body";
import { endpoint, json, noContent } from "../server/http/endpoint";
import { HttpError } from "../server/http/errors";
import { addSmsNumber, deleteSmsNumber, listSmsNumbers, updateSmsNumber } from "../server/services/messaging/smsNumbersService";

// The org's texting numbers (its own Twilio numbers): members list them; owners and admins add, remove and move
// the default.
const collectionOnly = (params: Record<string, string>, method: string) => {
  if (params.id !== undefined) throw new HttpError(405, "method_not_allowed", `Use ${method} /api/org/sms-numbers`);
};
const itemOnly = (params: Record<string, string>) => {
  if (params.id === undefined) throw new HttpError(405, "method_not_allowed", "Use /api/org/sms-numbers/:id");
  return params.id;
};

export default endpoint({
  GET: {
    auth: "member",
    roles: ORG_ROLES,
    async handle({ tx, org, params }) {
      collectionOnly(params, "GET");
      return json({ items: await listSmsNumbers(tx, org.id) });
    },
  },
  POST: {
    auth: "member",
    roles: MANAGER_ROLES,
    async handle({ req, tx, org, params }) {
      collectionOnly(params, "POST");
      return json(await addSmsNumber(tx, org.id, await readJson(req, createSmsNumberRequestSchema)), 201);
    },
  },
  PATCH: {
    auth: "member",
    roles: MANAGER_ROLES,
    async handle({ req, tx, org, params }) {
      const id = itemOnly(params);
      return json(await updateSmsNumber(tx, org.id, id, await readJson(req, updateSmsNumberRequestSchema)));
    },
  },
  DELETE: {
    auth: "member",
    roles: MANAGER_ROLES,
    async handle({ tx, org, params }) {
      await deleteSmsNumber(tx, org.id, itemOnly(params));
      return noContent();
    },
  },
});

export const config = { path: ["/api/org/sms-numbers", "/api/org/sms-numbers/:id"] };
