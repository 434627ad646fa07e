import { createRoute, lazyRouteComponent } from "@tanstack/react-router";
import { authedRoute } from "./authed";

export const investorsRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "/investors",
  // Its own chunk: loaded when the route is first visited.
  component: lazyRouteComponent(() => import("@/features/investors/InvestorsPage"), "InvestorsPage"),
});
