import { beforeEach, describe, expect, it, vi } from "vitest";
import { apiError, bodyOf, headerOf, jsonResponse, mockFetch } from "@/test/fetchMock";
import { orgId, user } from "@/test/fixtures";
import { ApiError, apiFetch, setSessionExpiredHandler } from "./api";
import { useSession } from "./session";

const refreshToken = "refresh-token-that-is-long-enough";

describe("apiFetch", () => {
  const onExpired = vi.fn();

  beforeEach(() => {
    onExpired.mockReset();
    setSessionExpiredHandler(onExpired);
    useSession.getState().setSession({ accessToken: "old-access", refreshToken, user, activeOrgId: orgId });
  });

  it("sends the bearer token, the active org and JSON", async () => {
    const fetchMock = mockFetch(() => jsonResponse({ id: "x" }, 201));

    await expect(apiFetch("/api/leads", { method: "POST", body: { firstName: "Ada" } })).resolves.toEqual({ id: "x" });

    expect(headerOf(fetchMock, 0, "Authorization")).toBe("Bearer old-access");
    expect(headerOf(fetchMock, 0, "X-Org-Id")).toBe(orgId);
    expect(headerOf(fetchMock, 0, "Content-Type")).toBe("application/json");
    expect(bodyOf(fetchMock)).toEqual({ firstName: "Ada" });
  });

  it("refreshes once on 401 and retries with the new token", async () => {
    const fetchMock = mockFetch((url, init) => {
      if (url === "/api/auth/refresh") {
        return jsonResponse({ accessToken: "new-access", refreshToken: "new-refresh-token-long", expiresIn: 900, user });
      }
      const auth = new Headers(init.headers).get("Authorization");
      return auth === "Bearer new-access" ? jsonResponse({ items: [], nextCursor: null }) : apiError(401, "unauthorized", "Expired");
    });

    await expect(apiFetch("/api/leads?limit=50")).resolves.toEqual({ items: [], nextCursor: null });

    expect(fetchMock.mock.calls.map(([url]) => url)).toEqual(["/api/leads?limit=50", "/api/auth/refresh", "/api/leads?limit=50"]);
    expect(bodyOf(fetchMock, 1)).toEqual({ refreshToken });
    expect(headerOf(fetchMock, 2, "Authorization")).toBe("Bearer new-access");
    expect(headerOf(fetchMock, 2, "X-Org-Id")).toBe(orgId);
    expect(useSession.getState()).toMatchObject({ accessToken: "new-access", refreshToken: "new-refresh-token-long" });
    expect(onExpired).not.toHaveBeenCalled();
  });

  it("shares one refresh between concurrent 401s", async () => {
    const fetchMock = mockFetch((url, init) => {
      if (url === "/api/auth/refresh") {
        return jsonResponse({ accessToken: "new-access", refreshToken: "new-refresh-token-long", expiresIn: 900, user });
      }
      const auth = new Headers(init.headers).get("Authorization");
      return auth === "Bearer new-access" ? jsonResponse({ ok: url }) : apiError(401, "unauthorized", "Expired");
    });

    await Promise.all([apiFetch("/api/me"), apiFetch("/api/leads")]);

    expect(fetchMock.mock.calls.filter(([url]) => url === "/api/auth/refresh")).toHaveLength(1);
  });

  it("clears the session and goes to /login when the refresh fails", async () => {
    const fetchMock = mockFetch((url) =>
      url === "/api/auth/refresh" ? apiError(401, "invalid_refresh_token", "Refresh token expired") : apiError(401, "unauthorized", "Expired"),
    );

    const error = await apiFetch("/api/me").catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 401, code: "unauthorized" });
    expect(fetchMock).toHaveBeenCalledTimes(2);
    expect(useSession.getState()).toMatchObject({ accessToken: null, refreshToken: null, user: null, activeOrgId: null });
    expect(onExpired).toHaveBeenCalledOnce();
  });

  it("throws ApiError with the server's code, fields and request id", async () => {
    mockFetch(() => apiError(400, "validation_failed", "Check the highlighted fields", { "address.zip": "must be a 5-digit ZIP code" }));

    const error = await apiFetch("/api/leads", { method: "POST", body: {} }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 400,
      code: "validation_failed",
      message: "Check the highlighted fields",
      fields: { "address.zip": "must be a 5-digit ZIP code" },
      requestId: "req-test",
    });
    expect(useSession.getState().accessToken).toBe("old-access");
  });

  it("resolves 204 to undefined", async () => {
    mockFetch(() => new Response(null, { status: 204 }));
    await expect(apiFetch("/api/leads/1", { method: "DELETE" })).resolves.toBeUndefined();
  });

  it("turns a network failure into an ApiError", async () => {
    vi.stubGlobal("fetch", vi.fn(() => Promise.reject(new TypeError("Failed to fetch"))));
    await expect(apiFetch("/api/me")).rejects.toMatchObject({ status: 0, code: "network_error" });
  });
});
