import { ApiError } from "./apiError";

export interface JsonRequestInit extends Omit<RequestInit, "body"> {
  /** A plain value is sent as JSON; strings, FormData and the like are sent as they are. */
  body?: unknown;
}

function isRawBody(body: unknown): body is BodyInit {
  return (
    typeof body === "string" ||
    body instanceof FormData ||
    body instanceof Blob ||
    body instanceof URLSearchParams ||
    body instanceof ArrayBuffer
  );
}

/** Turns a JsonRequestInit into a RequestInit, encoding the body as JSON when it is a plain value. */
export function toRequestInit(init: JsonRequestInit, extraHeaders: Record<string, string> = {}): RequestInit {
  const { body, headers, ...rest } = init;
  const merged = new Headers(headers);
  if (!merged.has("Accept")) merged.set("Accept", "application/json");
  for (const [name, value] of Object.entries(extraHeaders)) merged.set(name, value);
  let encoded: BodyInit | undefined;
  if (body !== undefined) {
    if (isRawBody(body)) {
      encoded = body;
    } else {
      encoded = JSON.stringify(body);
      if (!merged.has("Content-Type")) merged.set("Content-Type", "application/json");
    }
  }
  return { ...rest, headers: merged, body: encoded };
}

/** Reads a successful response: JSON when there is a body, undefined for 204 and empty bodies. */
export async function readJson<T>(response: Response): Promise<T> {
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export function isAbortError(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { name?: unknown }).name === "AbortError";
}

/** fetch, with a failure to connect turned into an ApiError (aborts pass through). */
export async function sendRequest(path: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(path, init);
  } catch (cause) {
    if (isAbortError(cause)) throw cause;
    throw ApiError.network(cause);
  }
}

/** A JSON request without the session: used by the auth endpoints themselves. */
export async function requestJson<T>(path: string, init: JsonRequestInit = {}, headers: Record<string, string> = {}): Promise<T> {
  const response = await sendRequest(path, toRequestInit(init, headers));
  if (!response.ok) throw await ApiError.fromResponse(response);
  return readJson<T>(response);
}
