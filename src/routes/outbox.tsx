import { createRoute } from "@tanstack/react-router";
import { OutboxPage } from "@/features/messaging/OutboxPage";
import { authedRoute } from "./authed";

export const outboxRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "/messages",
  component: OutboxPage,
});
