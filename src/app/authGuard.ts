import { redirect, type ParsedLocation } from "@tanstack/react-router";
import { isSignedIn } from "@/lib/session";

/** beforeLoad of the signed-in routes: no session, no entry (and come back here after signing in). */
export function requireSession({ location }: { location: ParsedLocation }): void {
  if (isSignedIn()) return;
  const back = location.href;
  throw redirect({ to: "/login", search: back === "/" || back === "/leads" ? {} : { redirect: back }, replace: true });
}

/** beforeLoad of /login and /signup: someone already signed in goes straight to the app. */
export function redirectIfSignedIn(): void {
  // "/" sends each role to its home: staff to /leads, investors to /portal.
  if (isSignedIn()) throw redirect({ to: "/", replace: true });
}
