import { useCallback, useEffect, useState } from "react";
import type { SavedView } from "@/domain/leads";
import { MANAGER_ROLES, type OrgRole } from "@/domain/roles";
import { errorMessage } from "@/lib/apiError";
import { isAbortError } from "@/lib/http";
import { createSavedView, deleteSavedView, listSavedViews, type SavedViewQuery } from "./leadsApi";
import { FILTER_KEYS, leadsFilterQuery, parseLeadsSearch, type LeadsSearch } from "./leadsSearch";

/** The list's state a view stores: the filters and sort of the URL (never the page). */
export function viewQueryOf(search: LeadsSearch): SavedViewQuery {
  const query: Record<string, unknown> = {};
  for (const key of [...FILTER_KEYS, "sort", "order"] as const) if (search[key] !== undefined) query[key] = search[key];
  return query as SavedViewQuery;
}

/** A view's stored query as the URL's search params (read as leniently as the address bar; "Newest" is the default, so left out). */
export function searchOfView(view: Pick<SavedView, "query">): LeadsSearch {
  const search = parseLeadsSearch({ ...(view.query as Record<string, unknown>) });
  if (search.sort === "created") delete search.sort;
  return search;
}

/** The view whose filters and sort are the ones on screen, if any. */
export function activeView(views: readonly SavedView[], search: LeadsSearch): SavedView | undefined {
  const current = leadsFilterQuery(search);
  return views.find((v) => leadsFilterQuery(searchOfView(v)) === current);
}

/** As the API's row-level rules: a view's owner, and for a shared one also the org's owners and admins. */
export function canDeleteView(view: SavedView, role: OrgRole | undefined): boolean {
  return view.mine || (view.shared && role !== undefined && MANAGER_ROLES.includes(role));
}

type ViewsState = { status: "loading" | "ready"; views: SavedView[] } | { status: "error"; views: SavedView[]; error: string };

const byName = (a: SavedView, b: SavedView) => Number(a.shared) - Number(b.shared) || a.name.localeCompare(b.name);

/** The caller's saved views and the org's shared ones; save and remove throw ApiError for the caller to show. */
export function useSavedViews() {
  const [state, setState] = useState<ViewsState>({ status: "loading", views: [] });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    listSavedViews(controller.signal).then(
      (views) => setState({ status: "ready", views }),
      (error: unknown) => {
        if (!isAbortError(error)) setState({ status: "error", views: [], error: errorMessage(error) });
      },
    );
    return () => controller.abort();
  }, [attempt]);

  const retry = useCallback(() => {
    setState({ status: "loading", views: [] });
    setAttempt((n) => n + 1);
  }, []);

  const save = useCallback(async (input: { name: string; query: SavedViewQuery; shared: boolean }) => {
    const view = await createSavedView(input);
    setState((s) => ({ ...s, views: [...s.views.filter((v) => v.id !== view.id), view].sort(byName) }));
    return view;
  }, []);

  const remove = useCallback(async (id: string) => {
    await deleteSavedView(id);
    setState((s) => ({ ...s, views: s.views.filter((v) => v.id !== id) }));
  }, []);

  return { ...state, retry, save, remove };
}
