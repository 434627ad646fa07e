/** Only same-site paths are followed after sign-in, so ?redirect= cannot send people elsewhere. The fallback "/" lands each role on its home (see routes/index.tsx). */
export function safeRedirect(target: unknown, fallback = "/"): string {
  if (typeof target !== "string" || !target.startsWith("/") || target.startsWith("//") || target.startsWith("/\\")) {
    return fallback;
  }
  if (target === "/login" || target.startsWith("/login?") || target === "/signup") return fallback;
  return target;
}
