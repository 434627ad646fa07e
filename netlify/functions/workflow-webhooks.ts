import { endpoint, json } from "../server/http/endpoint";
import { receiveWorkflowWebhook } from "../server/services/workflows/inboundWebhook";

// Inbound webhook trigger of a workflow (signed with the workflow's secret).
export default endpoint({
  POST: {
    auth: "public",
    async handle({ req, params, database }) {
      const answer = await receiveWorkflowWebhook((await database()).db, req, params.workflowId);
      return json(answer.body, answer.status);
    },
  },
});

export const config = { path: "/api/webhooks/workflows/:workflowId" };
