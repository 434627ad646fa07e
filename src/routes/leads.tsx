import { createRoute } from "@tanstack/react-router";
import { LeadsPage } from "@/features/leads/LeadsPage";
import { authedRoute } from "./authed";

export const leadsRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "/leads",
  component: LeadsPage,
});
