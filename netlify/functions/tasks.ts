import { updateTaskRequestSchema } from "../../src/domain/leadWork";
import { STAFF_ROLES } from "../../src/domain/roles";
import { readJson } from "../server/http/body";
import { endpoint, json } from "../server/http/endpoint";
import { updateTask } from "../server/services/leads/leadWorkService";

export default endpoint({
  PATCH: {
    auth: "member",
    roles: STAFF_ROLES,
    async handle({ req, tx, org, params, userId }) {
      return json(await updateTask(tx, org.id, params.id, userId, await readJson(req, updateTaskRequestSchema)));
    },
  },
});

export const config = { path: "/api/tasks/:id" };
