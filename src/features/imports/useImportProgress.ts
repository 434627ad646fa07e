import { useEffect, useState } from "react";
import type { LeadImport } from "@/domain/imports";
import { errorMessage } from "@/lib/apiError";
import { isAbortError } from "@/lib/http";
import { getImport } from "./importsApi";

export function isImportRunning(job: LeadImport): boolean {
  return job.status === "queued" || job.status === "running";
}

/** How far the import has got, 0–100. */
export function importPercent(job: LeadImport): number {
  if (job.status === "done") return 100;
  if (job.totalRows <= 0) return 0;
  return Math.min(100, Math.floor((job.processedRows / job.totalRows) * 100));
}

/**
 * Follows a started import: polls GET /api/imports/:id every `intervalMs` while it is queued or running.
 * A failed poll is retried on the next tick (and reported as `pollError` meanwhile).
 */
export function useImportProgress(started: LeadImport, intervalMs = 700) {
  const [job, setJob] = useState(started);
  const [poll, setPoll] = useState({ count: 0, error: null as string | null });
  const running = isImportRunning(job);

  useEffect(() => {
    if (!running) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      getImport(job.id, controller.signal).then(
        (next) => {
          setJob(next);
          setPoll((p) => ({ count: p.count + 1, error: null }));
        },
        (error: unknown) => {
          if (!isAbortError(error)) setPoll((p) => ({ count: p.count + 1, error: errorMessage(error) }));
        },
      );
    }, intervalMs);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
    // Each answer (poll.count) schedules the next poll.
  }, [job.id, running, intervalMs, poll.count]);

  return { job, running, pollError: poll.error };
}
