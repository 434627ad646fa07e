import { createRoute } from "@tanstack/react-router";
import { PortalPage } from "@/features/portal/PortalPage";
import { authedRoute } from "./authed";

export const portalRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "/portal",
  component: PortalPage,
});
