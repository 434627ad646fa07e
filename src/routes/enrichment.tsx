import { createRoute } from "@tanstack/react-router";
import { EnrichmentMonitorPage } from "@/features/enrichment/EnrichmentMonitorPage";
import { authedRoute } from "./authed";

export const enrichmentRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "/settings/enrichment",
  component: EnrichmentMonitorPage,
});
