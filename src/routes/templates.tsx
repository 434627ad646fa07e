import { createRoute, lazyRouteComponent } from "@tanstack/react-router";
import { authedRoute } from "./authed";

export const templatesRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "/settings/templates",
  // Its own chunk: loaded when the route is first visited.
  component: lazyRouteComponent(() => import("@/features/messaging/TemplatesPage"), "TemplatesPage"),
});
