import { createRoute } from "@tanstack/react-router";
import { LeadDetailPage } from "@/features/leads/LeadDetailPage";
import { authedRoute } from "./authed";

export const leadDetailRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "/leads/$leadId",
  component: function LeadDetailRoute() {
    const { leadId } = leadDetailRoute.useParams();
    return <LeadDetailPage key={leadId} leadId={leadId} />;
  },
});
