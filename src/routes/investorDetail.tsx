import { createRoute } from "@tanstack/react-router";
import { lazy, Suspense } from "react";
import { authedRoute } from "./authed";

// Its own chunk: loaded when the route is first visited.
const InvestorDetailPage = lazy(() => import("@/features/investors/InvestorDetailPage").then((m) => ({ default: m.InvestorDetailPage })));

export const investorDetailRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "/investors/$investorId",
  component: function InvestorDetailPageRoute() {
    const { investorId } = investorDetailRoute.useParams();
    return (
      <Suspense fallback={<p className="text-sm text-zinc-500">Loading…</p>}>
        <InvestorDetailPage key={investorId} investorId={investorId} />
      </Suspense>
    );
  },
});
