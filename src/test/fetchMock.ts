import { vi } from "vitest";

/** A JSON Response, as the API would send it. */
export function jsonResponse(body: unknown, status = 200): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json" },
  });
}

export function apiError(status: number, code: string, message: string, fields?: Record<string, string>): Response {
  return jsonResponse({ error: { code, message, fields, requestId: "req-test" } }, status);
}

type Handler = (url: string, init: RequestInit) => Response | Promise<Response>;

/** Stubs global fetch with a handler and returns the mock, so calls can be inspected. */
export function mockFetch(handler: Handler) {
  const fetchMock = vi.fn((input: RequestInfo | URL, init: RequestInit = {}) =>
    Promise.resolve(handler(typeof input === "string" ? input : input.toString(), init)),
  );
  vi.stubGlobal("fetch", fetchMock);
  return fetchMock;
}

/** The parsed JSON body of the nth fetch call. */
export function bodyOf(fetchMock: ReturnType<typeof mockFetch>, call = 0): unknown {
  return JSON.parse(String(fetchMock.mock.calls[call][1]?.body));
}

export function headerOf(fetchMock: ReturnType<typeof mockFetch>, call: number, name: string): string | null {
  return new Headers(fetchMock.mock.calls[call][1]?.headers).get(name);
}
