import { createRoute } from "@tanstack/react-router";
import { ImportLeadsPage } from "@/features/imports/ImportLeadsPage";
import { authedRoute } from "./authed";

export const leadImportRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "/leads/import",
  component: function LeadImportRoute() {
    return <ImportLeadsPage />;
  },
});
