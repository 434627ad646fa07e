import { useSession } from "@/lib/session";

/** Forgets the session on this device; the authenticated layout then sends the browser to /login. */
export function signOut(): void {
  useSession.getState().clear();
}
