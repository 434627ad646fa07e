import { createRoute } from "@tanstack/react-router";
import { InvestorDetailPage } from "@/features/investors/InvestorDetailPage";
import { authedRoute } from "./authed";

export const investorDetailRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "/investors/$investorId",
  component: function InvestorDetailPageRoute() {
    const { investorId } = investorDetailRoute.useParams();
    return <InvestorDetailPage key={investorId} investorId={investorId} />;
  },
});
