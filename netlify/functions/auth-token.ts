import { signInRequestSchema } from "../../src/domain/auth";
import { getConfig } from "../server/config";
import { readJson } from "../server/http/body";
import { endpoint, json } from "../server/http/endpoint";
import { HttpError } from "../server/http/errors";
import { signIn } from "../server/services/auth/localAuth";

export default endpoint({
  POST: {
    auth: "public",
    async handle({ req, database }) {
      if (!getConfig().localAuth) throw new HttpError(404, "not_found", "Sign in through Supabase Auth");
      const input = await readJson(req, signInRequestSchema);
      return json(await signIn((await database()).db, input));
    },
  },
});

export const config = { path: "/api/auth/token" };
