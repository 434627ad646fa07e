import { useCallback, useEffect, useRef, useState } from "react";
import type { Investor } from "@/domain/investors";
import { errorMessage, isApiError } from "@/lib/apiError";
import { isAbortError } from "@/lib/http";
import { listInvestors } from "./investorsApi";

export type InvestorsError = { kind: "forbidden" } | { kind: "failed"; message: string };

interface State {
  /** The filter query the items were loaded for; null before the first answer. */
  filters: string | null;
  items: Investor[];
  nextCursor: string | null;
  status: "loading" | "ready" | "error";
  error: InvestorsError | null;
}

/** The org's investors matching `filters` (investorsFilterQuery), a page at a time; "Load more" follows the cursor. */
export function useInvestors(filters: string) {
  const [state, setState] = useState<State>({ filters: null, items: [], nextCursor: null, status: "loading", error: null });
  const [attempt, setAttempt] = useState(0);
  const [loadingMore, setLoadingMore] = useState(false);
  const busy = useRef(false);

  useEffect(() => {
    const controller = new AbortController();
    listInvestors({ filters, signal: controller.signal }).then(
      (page) => setState({ filters, items: page.items, nextCursor: page.nextCursor, status: "ready", error: null }),
      (error: unknown) => {
        if (isAbortError(error)) return;
        const failure: InvestorsError = isApiError(error) && error.status === 403 ? { kind: "forbidden" } : { kind: "failed", message: errorMessage(error) };
        setState((s) => ({ ...s, filters, status: "error", error: failure }));
      },
    );
    return () => controller.abort();
  }, [filters, attempt]);

  const current = state.filters === filters;

  const retry = useCallback(() => {
    setState((s) => ({ ...s, status: "loading", error: null }));
    setAttempt((n) => n + 1);
  }, []);

  const loadMore = useCallback(async () => {
    const cursor = state.nextCursor;
    if (busy.current || !current || !cursor) return;
    busy.current = true;
    setLoadingMore(true);
    try {
      const page = await listInvestors({ filters, cursor });
      setState((s) => {
        if (s.filters !== filters) return s;
        const seen = new Set(s.items.map((i) => i.id));
        return { ...s, items: [...s.items, ...page.items.filter((i) => !seen.has(i.id))], nextCursor: page.nextCursor };
      });
    } finally {
      busy.current = false;
      setLoadingMore(false);
    }
  }, [state.nextCursor, current, filters]);

  const prepend = useCallback((investor: Investor) => {
    setState((s) => ({ ...s, items: [investor, ...s.items.filter((i) => i.id !== investor.id)] }));
  }, []);

  return {
    items: state.items,
    nextCursor: current ? state.nextCursor : null,
    status: current ? state.status : ("loading" as const),
    error: current ? state.error : null,
    stale: !current && state.filters !== null,
    loadingMore,
    retry,
    loadMore,
    prepend,
  };
}
