import { createRoute, lazyRouteComponent } from "@tanstack/react-router";
import { authedRoute } from "./authed";

export const modelsRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "/settings/models",
  // Its own chunk: loaded when the route is first visited.
  component: lazyRouteComponent(() => import("@/features/scoring/ModelsPage"), "ModelsPage"),
});
