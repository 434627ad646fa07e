import { beforeEach, describe, expect, it, vi } from "vitest";
import { headerOf, jsonResponse, mockFetch, bodyOf } from "@/test/fetchMock";
import { orgId, user } from "@/test/fixtures";

const auth = {
  signInWithPassword: vi.fn(),
  signUp: vi.fn(),
  refreshSession: vi.fn(),
};
vi.mock("@supabase/supabase-js", () => ({ createClient: vi.fn(() => ({ auth })) }));

const session = { access_token: "sb-access", refresh_token: "sb-refresh", expires_in: 3600 };
const sbUser = { id: user.id, email: user.email, user_metadata: { full_name: user.fullName }, identities: [{}] };

async function loadWithSupabase() {
  vi.resetModules();
  vi.stubEnv("VITE_SUPABASE_URL", "https://example.supabase.co");
  vi.stubEnv("VITE_SUPABASE_ANON_KEY", "anon-key");
  return import("./authClient");
}

describe("authClient with Supabase configured", () => {
  beforeEach(() => Object.values(auth).forEach((fn) => fn.mockReset()));

  it("signs in through supabase-js", async () => {
    const client = await loadWithSupabase();
    auth.signInWithPassword.mockResolvedValue({ data: { session, user: sbUser }, error: null });

    expect(client.authMode).toBe("supabase");
    await expect(client.signIn({ email: user.email, password: "demo-pass-2026" })).resolves.toEqual({
      accessToken: "sb-access",
      refreshToken: "sb-refresh",
      user,
    });
  });

  it("signs up, then creates the org with POST /api/orgs", async () => {
    const client = await loadWithSupabase();
    auth.signUp.mockResolvedValue({ data: { session, user: sbUser }, error: null });
    const fetchMock = mockFetch(() => jsonResponse({ id: orgId, name: "Acme Realty" }, 201));

    const result = await client.signUp({ email: user.email, password: "long-enough-pass", orgName: "Acme Realty" });

    expect(auth.signUp).toHaveBeenCalledWith({ email: user.email, password: "long-enough-pass" });
    expect(fetchMock.mock.calls[0][0]).toBe("/api/orgs");
    expect(bodyOf(fetchMock)).toEqual({ name: "Acme Realty" });
    expect(headerOf(fetchMock, 0, "Authorization")).toBe("Bearer sb-access");
    expect(result.org).toEqual({ id: orgId, name: "Acme Realty" });
  });

  it("reports a taken email on the email field", async () => {
    const client = await loadWithSupabase();
    auth.signUp.mockResolvedValue({ data: { session: null, user: null }, error: { code: "user_already_exists", message: "User already registered", status: 422 } });

    await expect(client.signUp({ email: user.email, password: "long-enough-pass", orgName: "Acme" })).rejects.toMatchObject({
      status: 409,
      code: "email_taken",
      fields: { email: "is already registered" },
    });
  });

  it("refreshes through supabase-js", async () => {
    const client = await loadWithSupabase();
    auth.refreshSession.mockResolvedValue({ data: { session: { ...session, access_token: "sb-access-2" } }, error: null });

    await expect(client.refreshTokens("sb-refresh")).resolves.toEqual({ accessToken: "sb-access-2", refreshToken: "sb-refresh" });
    expect(auth.refreshSession).toHaveBeenCalledWith({ refresh_token: "sb-refresh" });
  });
});

describe("authClient without Supabase", () => {
  it("uses the local endpoints", async () => {
    vi.resetModules();
    vi.stubEnv("VITE_SUPABASE_URL", "");
    const client = await import("./authClient");
    const fetchMock = mockFetch(() => jsonResponse({ accessToken: "a", refreshToken: "r", expiresIn: 900, user }));

    expect(client.authMode).toBe("local");
    await client.refreshTokens("old-refresh");

    expect(fetchMock.mock.calls[0][0]).toBe("/api/auth/refresh");
    expect(bodyOf(fetchMock)).toEqual({ refreshToken: "old-refresh" });
  });
});
