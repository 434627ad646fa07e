import { createRoute } from "@tanstack/react-router";
import { LeadSourcesPage } from "@/features/leadSources/LeadSourcesPage";
import { authedRoute } from "./authed";

export const leadSourcesRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "/settings/lead-sources",
  component: LeadSourcesPage,
});
