/** The headers netlify.toml sets on every path in production, applied by the local server too. */
export const SECURITY_HEADERS: Record<string, string> = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "strict-origin-when-cross-origin",
  "permissions-policy": "camera=(), microphone=(), geolocation=()",
};

/** Clickjacking protection: no page of the app may be framed… */
export const FRAME_DENY_HEADERS: Record<string, string> = {
  "x-frame-options": "DENY",
  "content-security-policy": "frame-ancestors 'none'",
};

/** …except the public capture forms, which other sites embed with /embed.js. */
export function isEmbeddablePath(pathname: string): boolean {
  return pathname.startsWith("/f/") || pathname === "/embed.js";
}

export function securityHeadersFor(pathname: string): Record<string, string> {
  return isEmbeddablePath(pathname) ? SECURITY_HEADERS : { ...SECURITY_HEADERS, ...FRAME_DENY_HEADERS };
}
