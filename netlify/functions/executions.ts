import { STAFF_ROLES } from "../../src/domain/roles";
import { endpoint, json } from "../server/http/endpoint";
import { notFound } from "../server/http/errors";
import { isUuid } from "../server/http/ids";
import { getExecution } from "../server/services/workflows/executionsService";

// One workflow run: the version's graph and each step with its status, input, output and timing.
export default endpoint({
  GET: {
    auth: "member",
    roles: STAFF_ROLES,
    async handle({ tx, org, params }) {
      if (!isUuid(params.id)) throw notFound("Execution");
      return json(await getExecution(tx, org.id, params.id));
    },
  },
});

export const config = { path: "/api/executions/:id" };
