/** The part of Netlify's v2 Context the functions use; the local server passes the same. */
export interface FunctionContext {
  params: Record<string, string>;
  requestId?: string;
  /** The client's IP (Netlify sets it; the local server passes the socket's). */
  ip?: string;
}
