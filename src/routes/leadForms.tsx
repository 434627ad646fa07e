import { createRoute } from "@tanstack/react-router";
import { LeadFormsPage } from "@/features/forms/LeadFormsPage";
import { authedRoute } from "./authed";

export const leadFormsRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "/settings/lead-forms",
  component: LeadFormsPage,
});
