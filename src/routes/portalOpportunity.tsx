import { createRoute } from "@tanstack/react-router";
import { lazy, Suspense } from "react";
import { authedRoute } from "./authed";

// Its own chunk: loaded when the route is first visited.
const PortalOpportunityPage = lazy(() => import("@/features/portal/PortalOpportunityPage").then((m) => ({ default: m.PortalOpportunityPage })));

export const portalOpportunityRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "/portal/opportunities/$opportunityId",
  component: function PortalOpportunityPageRoute() {
    const { opportunityId } = portalOpportunityRoute.useParams();
    return (
      <Suspense fallback={<p className="text-sm text-zinc-500">Loading…</p>}>
        <PortalOpportunityPage key={opportunityId} opportunityId={opportunityId} />
      </Suspense>
    );
  },
});
