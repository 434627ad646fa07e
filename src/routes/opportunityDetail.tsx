import { createRoute } from "@tanstack/react-router";
import { OpportunityDetailPage } from "@/features/opportunities/OpportunityDetailPage";
import { authedRoute } from "./authed";

export const opportunityDetailRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "/opportunities/$opportunityId",
  component: function OpportunityDetailPageRoute() {
    const { opportunityId } = opportunityDetailRoute.useParams();
    return <OpportunityDetailPage key={opportunityId} opportunityId={opportunityId} />;
  },
});
