import { useCallback, useEffect, useRef, useState } from "react";
import type { Lead } from "@/domain/leads";
import { isApiError } from "@/lib/apiError";
import { isAbortError } from "@/lib/http";
import { LEADS_MAX_PAGE_SIZE, LEADS_PAGE_SIZE, listLeads } from "./leadsApi";

export type LeadsError = { kind: "forbidden" } | { kind: "failed"; message: string };

interface LeadsState {
  /** The filter query the items were loaded for; null before the first answer. */
  filters: string | null;
  items: Lead[];
  nextCursor: string | null;
  status: "loading" | "ready" | "error";
  error: LeadsError | null;
  loadingMore: boolean;
}

function toLeadsError(error: unknown): LeadsError {
  if (isApiError(error) && error.status === 403) return { kind: "forbidden" };
  return { kind: "failed", message: error instanceof Error ? error.message : "Could not load leads." };
}

/**
 * The active org's leads matching `filters` (the query of leadsFilterQuery), a page at a time. A change of
 * filters refetches from the first page; until it answers the previous items stay, with status "loading".
 * Mount it under a key of the org so a switch starts over.
 */
export function useLeads(filters = "") {
  const [state, setState] = useState<LeadsState>({
    filters: null,
    items: [],
    nextCursor: null,
    status: "loading",
    error: null,
    loadingMore: false,
  });
  const [attempt, setAttempt] = useState(0);
  const loadingMore = useRef(false);

  useEffect(() => {
    const controller = new AbortController();
    listLeads({ filters, signal: controller.signal }).then(
      (page) => setState({ filters, items: page.items, nextCursor: page.nextCursor, status: "ready", error: null, loadingMore: false }),
      (error: unknown) => {
        if (!isAbortError(error)) setState((s) => ({ ...s, filters, status: "error", error: toLeadsError(error) }));
      },
    );
    return () => controller.abort();
  }, [filters, attempt]);

  const retry = useCallback(() => {
    setState((s) => ({ ...s, status: "loading", error: null }));
    setAttempt((n) => n + 1);
  }, []);

  const current = state.filters === filters;

  const loadMore = useCallback(async (): Promise<void> => {
    if (loadingMore.current || !current) return;
    const cursor = state.nextCursor;
    if (!cursor) return;
    loadingMore.current = true;
    setState((s) => ({ ...s, loadingMore: true }));
    try {
      const page = await listLeads({ filters, cursor });
      setState((s) => {
        // The filters changed while this page was on its way: it belongs to another list.
        if (s.filters !== filters) return s;
        const seen = new Set(s.items.map((l) => l.id));
        return { ...s, items: [...s.items, ...page.items.filter((l) => !seen.has(l.id))], nextCursor: page.nextCursor };
      });
    } finally {
      loadingMore.current = false;
      setState((s) => ({ ...s, loadingMore: false }));
    }
  }, [state.nextCursor, filters, current]);

  const loaded = current ? state.items.length : 0;
  /**
   * Reloads the list from the top without a loading state (after a bulk action): as many rows as are loaded now
   * (at most the API's largest page), so the rows on screen stay; the next ones follow with the new cursor.
   */
  const refresh = useCallback(async (): Promise<void> => {
    const limit = Math.min(Math.max(loaded, LEADS_PAGE_SIZE), LEADS_MAX_PAGE_SIZE);
    const page = await listLeads({ filters, limit });
    setState((s) => (s.filters !== filters ? s : { ...s, items: page.items, nextCursor: page.nextCursor, status: "ready", error: null }));
  }, [filters, loaded]);

  /** Puts a just-created (or just-merged-into) lead at the top without reloading, replacing its old row by id. */
  const prepend = useCallback((lead: Lead) => {
    setState((s) => ({ ...s, items: [lead, ...s.items.filter((l) => l.id !== lead.id)] }));
  }, []);

  return {
    items: state.items,
    nextCursor: current ? state.nextCursor : null,
    status: current ? state.status : "loading",
    error: current ? state.error : null,
    loadingMore: state.loadingMore,
    /** Items of earlier filters are on screen while the new ones load. */
    stale: !current && state.filters !== null,
    retry,
    loadMore,
    refresh,
    prepend,
  };
}
