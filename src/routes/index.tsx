import { createRoute, Navigate, redirect } from "@tanstack/react-router";
import type { OrgRole } from "@/domain/roles";
import { useMeStore } from "@/features/orgs/meStore";
import { useActiveMembership } from "@/features/orgs/useActiveMembership";
import { useSession } from "@/lib/session";
import { authedRoute } from "./authed";

/** Where a role starts: investors in their portal, staff on the leads. */
function homeFor(role: OrgRole | undefined): "/portal" | "/leads" {
  return role === "investor" ? "/portal" : "/leads";
}

export const indexRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "/",
  // Once GET /api/me has answered, the role is known here; before that the page below waits for it (the layout
  // shows "Loading your workspace" until then) and redirects.
  beforeLoad: () => {
    const { me, status } = useMeStore.getState();
    if (status !== "ready" || !me) return;
    const activeOrgId = useSession.getState().activeOrgId;
    const membership = me.memberships.find((m) => m.orgId === activeOrgId);
    if (membership) throw redirect({ to: homeFor(membership.role), replace: true });
  },
  component: function Home() {
    const role = useActiveMembership()?.role;
    return <Navigate to={homeFor(role)} replace />;
  },
});
