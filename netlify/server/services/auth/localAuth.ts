import type { Kysely } from "kysely";
import type { SignInRequest, SignUpRequest } from "../../../../src/domain/auth";
import { hashPassword, verifyPassword } from "../../auth/passwords";
import { issueAccessToken } from "../../auth/tokens";
import type { Database } from "../../db/schema";
import { asService, type Tx } from "../../db/transactions";
import { conflict, unauthorized } from "../../http/errors";
import { createOrgWithOwner } from "../orgs/createOrg";
import { createRefreshToken, rotateRefreshToken } from "./refreshTokens";

export interface SessionTokens {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  user: { id: string; email: string; fullName: string | null };
}

async function sessionFor(tx: Tx, user: { id: string; email: string }, refresh?: { token: string; family: string }): Promise<SessionTokens> {
  const { token, family } = refresh ?? (await createRefreshToken(tx, user.id));
  const access = await issueAccessToken(user, family);
  const profile = await tx.selectFrom("profiles").select("fullName").where("id", "=", user.id).executeTakeFirst();
  return {
    accessToken: access.token,
    refreshToken: token,
    expiresIn: access.expiresIn,
    user: { id: user.id, email: user.email, fullName: profile?.fullName ?? null },
  };
}

// Local auth works on auth.users, which the API roles can't read: these run as the service role, deliberately.

/** Creates the user, their org and their owner membership in one transaction. */
export async function signUp(db: Kysely<Database>, input: SignUpRequest) {
  const encryptedPassword = await hashPassword(input.password);
  try {
    return await asService(db, async (tx) => {
      const taken = await tx.selectFrom("auth.users").select("id").where("email", "=", input.email).executeTakeFirst();
      if (taken) throw emailTaken();
      const user = await tx
        .insertInto("auth.users")
        .values({
          email: input.email,
          encryptedPassword,
          rawAppMetaData: { provider: "email", providers: ["email"] },
          rawUserMetaData: {},
        })
        .returning(["id", "email"])
        .executeTakeFirstOrThrow();
      const org = await createOrgWithOwner(tx, user.id, input.orgName);
      return { ...(await sessionFor(tx, user)), org };
    });
  } catch (err) {
    // Two sign-ups racing for one address: the unique index decides.
    if ((err as { code?: string }).code === "23505") throw emailTaken();
    throw err;
  }
}

const emailTaken = () => conflict("email_taken", "An account with this email already exists", { email: "is already registered" });

export async function signIn(db: Kysely<Database>, input: SignInRequest): Promise<SessionTokens> {
  const user = await db.selectFrom("auth.users").select(["id", "email", "encryptedPassword"]).where("email", "=", input.email).executeTakeFirst();
  const ok = await verifyPassword(input.password, user?.encryptedPassword);
  if (!user || !ok) throw unauthorized("invalid_credentials", "Email or password is incorrect");
  return asService(db, async (tx) => {
    await tx.updateTable("auth.users").set({ lastSignInAt: new Date() }).where("id", "=", user.id).execute();
    return sessionFor(tx, user);
  });
}

export async function refreshSession(db: Kysely<Database>, refreshToken: string): Promise<SessionTokens> {
  // A reused token revokes its family; that revocation must survive the 401, so it commits on its own.
  const rotated = await asService(db, async (tx) => {
    try {
      return { ok: true as const, value: await rotateRefreshToken(tx, refreshToken) };
    } catch (err) {
      return { ok: false as const, err };
    }
  });
  if (!rotated.ok) throw rotated.err;
  return asService(db, async (tx) => {
    const user = await tx.selectFrom("auth.users").select(["id", "email"]).where("id", "=", rotated.value.userId).executeTakeFirstOrThrow();
    return sessionFor(tx, user, rotated.value);
  });
}
