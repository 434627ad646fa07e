import { endpoint, json } from "../server/http/endpoint";
import { checkHealth } from "../server/services/health/checkHealth";

export default endpoint({
  GET: {
    auth: "public",
    async handle() {
      const health = await checkHealth();
      return json(health, health.checks.db === "ok" ? 200 : 503, { "cache-control": "no-store" });
    },
  },
});

export const config = { path: "/api/health" };
