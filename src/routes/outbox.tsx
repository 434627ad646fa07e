import { createRoute, lazyRouteComponent } from "@tanstack/react-router";
import { authedRoute } from "./authed";

export const outboxRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "/messages",
  // Its own chunk: loaded when the route is first visited.
  component: lazyRouteComponent(() => import("@/features/messaging/OutboxPage"), "OutboxPage"),
});
