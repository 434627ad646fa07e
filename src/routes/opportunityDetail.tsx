import { createRoute } from "@tanstack/react-router";
import { lazy, Suspense } from "react";
import { authedRoute } from "./authed";

// Its own chunk: loaded when the route is first visited.
const OpportunityDetailPage = lazy(() => import("@/features/opportunities/OpportunityDetailPage").then((m) => ({ default: m.OpportunityDetailPage })));

export const opportunityDetailRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "/opportunities/$opportunityId",
  component: function OpportunityDetailPageRoute() {
    const { opportunityId } = opportunityDetailRoute.useParams();
    return (
      <Suspense fallback={<p className="text-sm text-zinc-500">Loading…</p>}>
        <OpportunityDetailPage key={opportunityId} opportunityId={opportunityId} />
      </Suspense>
    );
  },
});
