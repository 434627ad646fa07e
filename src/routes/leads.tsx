import { createRoute, useNavigate } from "@tanstack/react-router";
import { useCallback } from "react";
import type { LeadsSearchUpdate } from "@/features/leads/LeadsFilters";
import { LeadsPage } from "@/features/leads/LeadsPage";
import { parseLeadsSearch } from "@/features/leads/leadsSearch";
import { authedRoute } from "./authed";

export const leadsRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "/leads",
  // The list's filters live in the URL, so they survive a reload and can be shared.
  validateSearch: parseLeadsSearch,
  component: function LeadsRoute() {
    const search = leadsRoute.useSearch();
    const navigate = useNavigate({ from: "/leads" });
    const onSearchChange = useCallback<LeadsSearchUpdate>(
      (update, options) => void navigate({ search: (prev) => update(prev), replace: options?.replace }),
      [navigate],
    );
    return <LeadsPage search={search} onSearchChange={onSearchChange} />;
  },
});
