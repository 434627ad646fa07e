import { signUpRequestSchema } from "../../src/domain/auth";
import { getConfig } from "../server/config";
import { readJson } from "../server/http/body";
import { endpoint, json } from "../server/http/endpoint";
import { HttpError } from "../server/http/errors";
import { signUp } from "../server/services/auth/localAuth";

export default endpoint({
  POST: {
    auth: "public",
    async handle({ req, database }) {
      if (!getConfig().localAuth) throw new HttpError(404, "not_found", "Sign up through Supabase Auth");
      const input = await readJson(req, signUpRequestSchema);
      return json(await signUp((await database()).db, input), 201);
    },
  },
});

export const config = { path: "/api/auth/signup" };
