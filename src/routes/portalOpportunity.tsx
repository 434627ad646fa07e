import { createRoute } from "@tanstack/react-router";
import { PortalOpportunityPage } from "@/features/portal/PortalOpportunityPage";
import { authedRoute } from "./authed";

export const portalOpportunityRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "/portal/opportunities/$opportunityId",
  component: function PortalOpportunityPageRoute() {
    const { opportunityId } = portalOpportunityRoute.useParams();
    return <PortalOpportunityPage key={opportunityId} opportunityId={opportunityId} />;
  },
});
