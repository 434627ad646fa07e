import { endpoint, json } from "../server/http/endpoint";
import { receiveLeadDelivery } from "../server/services/webhooks/receiveLeadDelivery";

export default endpoint({
  POST: {
    auth: "public",
    async handle({ req, params, database }) {
      const answer = await receiveLeadDelivery((await database()).db, req, params.sourceId);
      return json(answer.body, answer.status, answer.headers);
    },
  },
});

export const config = { path: "/api/webhooks/leads/:sourceId" };
