import { createRoute } from "@tanstack/react-router";
import { TemplatesPage } from "@/features/messaging/TemplatesPage";
import { authedRoute } from "./authed";

export const templatesRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "/settings/templates",
  component: TemplatesPage,
});
