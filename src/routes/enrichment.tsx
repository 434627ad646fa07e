import { createRoute, lazyRouteComponent } from "@tanstack/react-router";
import { authedRoute } from "./authed";

export const enrichmentRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "/settings/enrichment",
  // Its own chunk: loaded when the route is first visited.
  component: lazyRouteComponent(() => import("@/features/enrichment/EnrichmentMonitorPage"), "EnrichmentMonitorPage"),
});
