import { useEffect, useRef } from "react";

/** Calls `load` now and then every `intervalMs` while `intervalMs` is a number; null pauses. Skips while the tab is hidden. */
export function usePolling(load: () => void, intervalMs: number | null): void {
  const latest = useRef(load);
  useEffect(() => {
    latest.current = load;
  });
  useEffect(() => {
    if (intervalMs === null) return;
    const timer = setInterval(() => {
      if (document.visibilityState !== "hidden") latest.current();
    }, intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
}
