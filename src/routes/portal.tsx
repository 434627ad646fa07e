import { createRoute, lazyRouteComponent } from "@tanstack/react-router";
import { authedRoute } from "./authed";

export const portalRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "/portal",
  // Its own chunk: loaded when the route is first visited.
  component: lazyRouteComponent(() => import("@/features/portal/PortalPage"), "PortalPage"),
});
