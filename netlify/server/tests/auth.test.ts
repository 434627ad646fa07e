import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "../db/connect";
import { setDatabase } from "../db/instance";
import { api } from "../testing/apiClient";
import { useTestEnv } from "../testing/env";
import { signUp, uniqueEmail } from "../testing/fixtures";
import { testBackends } from "../testing/testDatabase";

describe.each(testBackends())("auth on $name", (backend) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    useTestEnv();
    handle = await backend.open();
    setDatabase(handle);
  });
  afterAll(() => handle.close());

  it("signs up a user with an org they own, and /api/me lists it", async () => {
    const email = uniqueEmail();
    const res = await api("POST", "/api/auth/signup", { body: { email: ` ${email.toUpperCase()} `, password: "long-enough-pw", orgName: "Lone Star Holdings" } });
    expect(res.status).toBe(201);
    expect(res.body.user.email).toBe(email);
    expect(res.body.org.name).toBe("Lone Star Holdings");
    expect(res.body.expiresIn).toBe(3600);
    const me = await api("GET", "/api/me", { token: res.body.accessToken });
    expect(me.status).toBe(200);
    expect(me.body.memberships).toEqual([{ orgId: res.body.org.id, orgName: "Lone Star Holdings", role: "owner" }]);
  });

  it("issues Supabase-shaped access tokens", async () => {
    const { token, userId, email } = await signUp();
    const [, payload] = token.split(".");
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString());
    expect(claims).toMatchObject({ sub: userId, role: "authenticated", aud: "authenticated", email, app_metadata: { provider: "email" } });
    expect(claims.exp - claims.iat).toBe(3600);
  });

  it("refuses a second account with the same email (409 naming the field), also when racing", async () => {
    const email = uniqueEmail();
    const body = { email, password: "long-enough-pw", orgName: "Twice" };
    const results = await Promise.all([api("POST", "/api/auth/signup", { body }), api("POST", "/api/auth/signup", { body })]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    const again = await api("POST", "/api/auth/signup", { body });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: "email_taken", fields: { email: "is already registered" } });
  });

  it("validates sign-up fields with a 400 naming each", async () => {
    const res = await api("POST", "/api/auth/signup", { body: { email: "nope", password: "short", orgName: "" } });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.fields).sort()).toEqual(["email", "orgName", "password"]);
  });

  it("signs in with the right password only, with the same answer for an unknown email", async () => {
    const { email } = await signUp();
    const ok = await api("POST", "/api/auth/token", { body: { email, password: "correct-horse-battery" } });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ expiresIn: 3600, user: { email } });
    const wrong = await api("POST", "/api/auth/token", { body: { email, password: "wrong-password" } });
    const unknown = await api("POST", "/api/auth/token", { body: { email: uniqueEmail(), password: "wrong-password" } });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.error.code).toBe("invalid_credentials");
    expect(unknown.body.error.message).toBe(wrong.body.error.message);
  });

  it("rotates refresh tokens and revokes the family when one is replayed", async () => {
    const { refreshToken } = await signUp();
    const first = await api("POST", "/api/auth/refresh", { body: { refreshToken } });
    expect(first.status).toBe(200);
    expect(first.body.refreshToken).not.toBe(refreshToken);
    // Replaying the used token is refused and kills the newer one too.
    const replay = await api("POST", "/api/auth/refresh", { body: { refreshToken } });
    expect(replay.status).toBe(401);
    const afterReplay = await api("POST", "/api/auth/refresh", { body: { refreshToken: first.body.refreshToken } });
    expect(afterReplay.status).toBe(401);
  });

  it("answers 401 for a missing, forged, expired or non-user token", async () => {
    const { userId } = await signUp();
    expect((await api("GET", "/api/me")).status).toBe(401);
    expect((await api("GET", "/api/me", { token: "not.a.jwt" })).status).toBe(401);
    const sign = (secret: string, claims: Record<string, unknown>, exp: string | number) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: "HS256" })
        .setSubject(userId)
        .setAudience("authenticated")
        .setIssuer("hidden-key-local")
        .setIssuedAt()
        .setExpirationTime(exp)
        .sign(new TextEncoder().encode(secret));
    const forged = await sign("another-secret-another-secret-another-secret", { role: "authenticated" }, "1h");
    const expired = await sign(process.env.JWT_SECRET!, { role: "authenticated" }, Math.floor(Date.now() / 1000) - 60);
    const anon = await sign(process.env.JWT_SECRET!, { role: "anon" }, "1h");
    const forgedRes = await api("GET", "/api/me", { token: forged });
    expect(forgedRes.status).toBe(401);
    expect(forgedRes.body.error.code).toBe("invalid_token");
    const expiredRes = await api("GET", "/api/me", { token: expired });
    expect(expiredRes.status).toBe(401);
    expect(expiredRes.body.error.code).toBe("token_expired");
    expect((await api("GET", "/api/me", { token: anon })).status).toBe(401);
    // alg=none is never accepted
    const none = `${Buffer.from('{"alg":"none"}').toString("base64url")}.${Buffer.from(JSON.stringify({ sub: userId, role: "authenticated", aud: "authenticated", iss: "hidden-key-local" })).toString("base64url")}.`;
    expect((await api("GET", "/api/me", { token: none })).status).toBe(401);
  });

  it("a token that worked stops working once it expires (verified tokens are remembered only until their exp)", async () => {
    const { token } = await signUp();
    expect((await api("GET", "/api/me", { token })).status).toBe(200);
    expect((await api("GET", "/api/me", { token })).status).toBe(200); // the remembered verification
    const exp = JSON.parse(Buffer.from(token.split(".")[1], "base64url").toString()).exp as number;
    vi.useFakeTimers({ toFake: ["Date"], now: exp * 1000 + 1000 });
    try {
      const res = await api("GET", "/api/me", { token });
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe("token_expired");
    } finally {
      vi.useRealTimers();
    }
  });

  it("creates further orgs for a signed-in user", async () => {
    const { token } = await signUp();
    const res = await api("POST", "/api/orgs", { token, body: { name: "Second Fund" } });
    expect(res.status).toBe(201);
    const me = await api("GET", "/api/me", { token });
    expect(me.body.memberships.map((m: { orgName: string }) => m.orgName)).toContain("Second Fund");
  });
});
