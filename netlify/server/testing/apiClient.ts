import { FunctionRouter } from "../local/functionRouter";

let router: Promise<FunctionRouter> | undefined;

export interface ApiCall {
  token?: string;
  orgId?: string;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
  /** The client IP the function sees (context.ip). */
  ip?: string;
}

// Tests read response bodies loosely; each assertion states the shape it expects.
/* eslint-disable @typescript-eslint/no-explicit-any */
export interface ApiResult<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** Calls the Netlify functions exactly as the local server does: a web Request through the function router. */
export async function api<T = any>(method: string, path: string, call: ApiCall = {}): Promise<ApiResult<T>> {
  router ??= FunctionRouter.load();
  const headers = new Headers(call.headers);
  if (call.token) headers.set("authorization", `Bearer ${call.token}`);
  if (call.orgId) headers.set("x-org-id", call.orgId);
  let body: string | undefined = call.rawBody;
  if (call.body !== undefined) {
    body = JSON.stringify(call.body);
    if (!headers.has("content-type")) headers.set("content-type", "application/json");
  }
  const res = await (await router).handle(new Request(`http://hidden-key.test${path}`, { method, headers, body }), call.ip ?? "198.51.100.1");
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}
