import { createRoute, lazyRouteComponent } from "@tanstack/react-router";
import { authedRoute } from "./authed";

export const pipelineRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "/pipeline",
  // Its own chunk: loaded when the route is first visited.
  component: lazyRouteComponent(() => import("@/features/pipeline/PipelineBoardPage"), "PipelineBoardPage"),
});
