import { createRoute } from "@tanstack/react-router";
import { LeadSourceDeliveriesPage } from "@/features/leadSources/LeadSourceDeliveriesPage";
import { authedRoute } from "./authed";

export const leadSourceDeliveriesRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "/settings/lead-sources/$sourceId",
  component: function LeadSourceDeliveriesRoute() {
    const { sourceId } = leadSourceDeliveriesRoute.useParams();
    // Keyed by source: moving to another source's deliveries starts afresh.
    return <LeadSourceDeliveriesPage key={sourceId} sourceId={sourceId} />;
  },
});
