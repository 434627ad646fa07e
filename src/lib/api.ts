import { refreshTokens } from "@/features/auth/authClient";
import { ApiError } from "./apiError";
import { readJson, sendRequest, toRequestInit, type JsonRequestInit } from "./http";
import { useSession } from "./session";

export { ApiError } from "./apiError";
export type { JsonRequestInit as ApiRequestInit } from "./http";

let onSessionExpired: () => void = () => {
  if (window.location.pathname !== "/login") window.location.assign("/login");
};

/** Where to go when the session cannot be renewed; the app points this at the router. */
export function setSessionExpiredHandler(handler: () => void): void {
  onSessionExpired = handler;
}

let refreshing: Promise<boolean> | null = null;

/** Renews the tokens once for however many requests hit a 401 at the same time. */
function refreshSession(): Promise<boolean> {
  refreshing ??= (async () => {
    const { refreshToken } = useSession.getState();
    if (!refreshToken) return false;
    try {
      useSession.getState().setTokens(await refreshTokens(refreshToken));
      return true;
    } catch {
      return false;
    }
  })().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

function expireSession(): void {
  useSession.getState().clear();
  onSessionExpired();
}

function send(path: string, init: JsonRequestInit): Promise<Response> {
  const { accessToken, activeOrgId } = useSession.getState();
  const headers: Record<string, string> = {};
  if (accessToken) headers.Authorization = `Bearer ${accessToken}`;
  if (activeOrgId) headers["X-Org-Id"] = activeOrgId;
  return sendRequest(path, toRequestInit(init, headers));
}

/**
 * Calls the API as the signed-in user in the active org: adds the bearer token, X-Org-Id and JSON.
 * A 401 renews the tokens once and retries; when that fails the session is cleared and the app goes
 * to /login. Non-2xx answers throw ApiError; 204 resolves to undefined.
 */
export async function apiFetch<T = unknown>(path: string, init: JsonRequestInit = {}): Promise<T> {
  return (await apiFetchWithStatus<T>(path, init)).data;
}

/** apiFetch, also handing back the HTTP status, for endpoints whose 2xx statuses mean different things (201 vs 200). */
export async function apiFetchWithStatus<T = unknown>(path: string, init: JsonRequestInit = {}): Promise<{ status: number; data: T }> {
  const sentWith = useSession.getState().accessToken;
  let response = await send(path, init);

  if (response.status === 401 && sentWith) {
    // Another request may already have renewed the tokens while this one was in flight.
    const renewed = useSession.getState().accessToken !== sentWith || (await refreshSession());
    if (!renewed) {
      expireSession();
      throw await ApiError.fromResponse(response);
    }
    response = await send(path, init);
    if (response.status === 401) expireSession();
  } else if (response.status === 401) {
    expireSession();
  }

  if (!response.ok) throw await ApiError.fromResponse(response);
  return { status: response.status, data: await readJson<T>(response) };
}
