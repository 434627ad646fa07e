import { refreshRequestSchema } from "../../src/domain/auth";
import { getConfig } from "../server/config";
import { readJson } from "../server/http/body";
import { endpoint, json } from "../server/http/endpoint";
import { HttpError } from "../server/http/errors";
import { refreshSession } from "../server/services/auth/localAuth";

export default endpoint({
  POST: {
    auth: "public",
    async handle({ req, database }) {
      if (!getConfig().localAuth) throw new HttpError(404, "not_found", "Refresh through Supabase Auth");
      const { refreshToken } = await readJson(req, refreshRequestSchema);
      return json(await refreshSession((await database()).db, refreshToken));
    },
  },
});

export const config = { path: "/api/auth/refresh" };
