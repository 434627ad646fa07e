import { MANAGER_ROLES } from "../../src/domain/roles";
import { endpoint, json } from "../server/http/endpoint";
import { verifyAuditChain } from "../server/services/audit/verifyAuditChain";

export default endpoint({
  GET: {
    auth: "member",
    roles: MANAGER_ROLES,
    async handle({ tx, org }) {
      return json({ orgId: org.id, ...(await verifyAuditChain(tx, org.id)) });
    },
  },
});

export const config = { path: "/api/audit/verify" };
