import { createRoute, lazyRouteComponent } from "@tanstack/react-router";
import { authedRoute } from "./authed";

// The builder and the runs view share one chunk (with React Flow), loaded when either is first visited.

export const workflowEditorRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "/workflows/$workflowId",
  component: lazyRouteComponent(() => import("@/features/workflows/WorkflowPage"), "WorkflowEditorRoute"),
});

export const workflowRunsRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "/workflows/$workflowId/runs",
  component: lazyRouteComponent(() => import("@/features/workflows/WorkflowPage"), "WorkflowRunsRoute"),
});
