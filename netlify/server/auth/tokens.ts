import { createRemoteJWKSet, errors, jwtVerify, SignJWT, type JWTPayload } from "jose";
import { getConfig } from "../config";
import type { JwtClaims } from "../db/transactions";
import { unauthorized } from "../http/errors";
import { localJwtSecret } from "./jwtSecret";
import { createVerifiedTokenCache } from "./verifiedTokens";

export const LOCAL_ISSUER = "hidden-key-local";
const AUDIENCE = "authenticated";

/** An access token shaped like Supabase's: sub, role, email, aud, exp, app_metadata. */
export async function issueAccessToken(user: { id: string; email: string }, sessionId: string): Promise<{ token: string; expiresIn: number }> {
  const expiresIn = getConfig().ACCESS_TOKEN_TTL_SECONDS;
  const token = await new SignJWT({
    role: "authenticated",
    email: user.email,
    app_metadata: { provider: "email", providers: ["email"] },
    user_metadata: {},
    session_id: sessionId,
    aal: "aal1",
  })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(user.id)
    .setAudience(AUDIENCE)
    .setIssuer(LOCAL_ISSUER)
    .setIssuedAt()
    .setExpirationTime(`${expiresIn}s`)
    .sign(localJwtSecret());
  return { token, expiresIn };
}

let supabaseJwks: ReturnType<typeof createRemoteJWKSet> | undefined;

async function verifyWithConfiguredKey(token: string): Promise<JWTPayload> {
  const config = getConfig();
  if (config.localAuth) {
    return (await jwtVerify(token, localJwtSecret(), { issuer: LOCAL_ISSUER, audience: AUDIENCE, algorithms: ["HS256"] })).payload;
  }
  const issuer = `${config.SUPABASE_URL!.replace(/\/$/, "")}/auth/v1`;
  if (config.SUPABASE_JWT_SECRET) {
    const key = new TextEncoder().encode(config.SUPABASE_JWT_SECRET);
    return (await jwtVerify(token, key, { issuer, audience: AUDIENCE, algorithms: ["HS256"] })).payload;
  }
  // Projects on asymmetric signing keys publish them here.
  supabaseJwks ??= createRemoteJWKSet(new URL(`${issuer}/.well-known/jwks.json`));
  return (await jwtVerify(token, supabaseJwks, { issuer, audience: AUDIENCE })).payload;
}

const verified = createVerifiedTokenCache();

/** Verifies a bearer token: 401 when it is missing, malformed, forged, expired or not a user's. Verified tokens are remembered until they expire (verifiedTokens.ts). */
export async function verifyAccessToken(token: string): Promise<JwtClaims> {
  const known = verified.get(token);
  if (known) return known;
  let payload: JWTPayload;
  try {
    payload = await verifyWithConfiguredKey(token);
  } catch (err) {
    if (err instanceof errors.JWTExpired) throw unauthorized("token_expired", "Your session has expired");
    throw unauthorized("invalid_token", "The access token is not valid");
  }
  if (typeof payload.sub !== "string" || payload.role !== "authenticated") {
    throw unauthorized("invalid_token", "The access token is not a user's token");
  }
  verified.remember(token, payload as JwtClaims);
  return payload as JwtClaims;
}

export function bearerToken(req: Request): string {
  const header = req.headers.get("authorization") ?? "";
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw unauthorized("unauthenticated", "Send an access token in the Authorization header");
  return match[1];
}
