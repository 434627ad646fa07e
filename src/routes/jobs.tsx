import { createRoute, lazyRouteComponent } from "@tanstack/react-router";
import { authedRoute } from "./authed";

export const jobsRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "/settings/jobs",
  // Its own chunk: loaded when the route is first visited.
  component: lazyRouteComponent(() => import("@/features/jobs/JobsPage"), "JobsPage"),
});
