/** Only same-site paths are followed after sign-in, so ?redirect= cannot send people elsewhere. */
export function safeRedirect(target: unknown, fallback = "/leads"): string {
  if (typeof target !== "string" || !target.startsWith("/") || target.startsWith("//") || target.startsWith("/\\")) {
    return fallback;
  }
  if (target === "/login" || target.startsWith("/login?") || target === "/signup") return fallback;
  return target;
}
