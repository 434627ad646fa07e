import { useCallback, useEffect, useRef, useState } from "react";
import type { WebhookEvent } from "@/domain/leadSources";
import { errorMessage } from "@/lib/apiError";
import { isAbortError } from "@/lib/http";
import { listWebhookEvents, type WebhookEventStatus } from "./leadSourcesApi";

interface DeliveriesState {
  items: WebhookEvent[];
  nextCursor: string | null;
  status: "loading" | "ready" | "error";
  error: string | null;
  loadingMore: boolean;
}

const loading: DeliveriesState = { items: [], nextCursor: null, status: "loading", error: null, loadingMore: false };

/** A source's deliveries, newest first, a page at a time, optionally only those with one status. */
export function useDeliveries(sourceId: string, statusFilter: WebhookEventStatus | null) {
  const [state, setState] = useState<DeliveriesState>(loading);
  const [attempt, setAttempt] = useState(0);
  const loadingMore = useRef(false);

  useEffect(() => {
    const controller = new AbortController();
    listWebhookEvents({ sourceId, status: statusFilter, signal: controller.signal }).then(
      (page) => setState({ items: page.items, nextCursor: page.nextCursor, status: "ready", error: null, loadingMore: false }),
      (error: unknown) => {
        if (!isAbortError(error)) setState((s) => ({ ...s, status: "error", error: errorMessage(error) }));
      },
    );
    return () => controller.abort();
  }, [sourceId, statusFilter, attempt]);

  /** Starts over from the newest (after a filter change or a retry: shows the spinner). */
  const reset = useCallback(() => {
    setState(loading);
    setAttempt((n) => n + 1);
  }, []);

  /** Fetches the newest page again, keeping what is on screen until it arrives (after a replay). */
  const refresh = useCallback(() => setAttempt((n) => n + 1), []);

  const loadMore = useCallback(async (): Promise<void> => {
    const cursor = state.nextCursor;
    if (loadingMore.current || !cursor) return;
    loadingMore.current = true;
    setState((s) => ({ ...s, loadingMore: true }));
    try {
      const page = await listWebhookEvents({ sourceId, status: statusFilter, cursor });
      setState((s) => {
        const seen = new Set(s.items.map((e) => e.id));
        return { ...s, items: [...s.items, ...page.items.filter((e) => !seen.has(e.id))], nextCursor: page.nextCursor };
      });
    } finally {
      loadingMore.current = false;
      setState((s) => ({ ...s, loadingMore: false }));
    }
  }, [sourceId, statusFilter, state.nextCursor]);

  return { ...state, reset, refresh, loadMore };
}
