import { createRoute, lazyRouteComponent } from "@tanstack/react-router";
import { authedRoute } from "./authed";

export const workflowsRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "/workflows",
  // Its own chunk: loaded when the route is first visited.
  component: lazyRouteComponent(() => import("@/features/workflows/WorkflowsPage"), "WorkflowsPage"),
});
