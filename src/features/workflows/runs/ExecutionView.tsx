import { Link } from "@tanstack/react-router";
import { useCallback, useEffect, useMemo, useState } from "react";
import type { ExecutionDetail } from "@/domain/workflows";
import { errorMessage } from "@/lib/apiError";
import { Spinner } from "@/ui/Spinner";
import { StatusBadge } from "../StatusBadge";
import { formatDateTime } from "../workflowLabels";
import { getExecution } from "../workflowsApi";
import { executionPath } from "./executionPath";
import { RunGraph } from "./RunGraph";
import { StepRunList } from "./StepRunList";
import { usePolling } from "./usePolling";

const ACTIVE_POLL_MS = 2000;

/** One run: its version's graph with the path taken, and its steps. Refreshes every 2 s while it runs or waits. */
export function ExecutionView({ executionId }: { executionId: string }) {
  const [run, setRun] = useState<ExecutionDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    getExecution(executionId).then((r) => (setRun(r), setError(null)), (err: unknown) => setError(errorMessage(err)));
  }, [executionId]);
  // Mounted with key={executionId}: one run per instance.
  useEffect(() => load(), [load]);
  const active = run?.status === "running" || run?.status === "waiting";
  usePolling(load, active ? ACTIVE_POLL_MS : null);
  const path = useMemo(() => (run ? executionPath(run) : null), [run]);

  if (error && !run) return <p role="alert" className="text-sm text-red-700 dark:text-red-400">{error}</p>;
  if (!run || !path) return <Spinner label="Loading the run" />;
  return (
    <section aria-label="Run" className="space-y-3" data-testid="execution-view" data-status={run.status}>
      <header className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
        <StatusBadge status={run.status} />
        <span>
          {run.leadId ? (
            <Link to="/leads/$leadId" params={{ leadId: run.leadId }} className="font-medium text-accent-700 hover:underline dark:text-accent-300">{run.leadName ?? "Lead"}</Link>
          ) : (
            <span className="text-zinc-500">No lead</span>
          )}
        </span>
        <span className="text-zinc-500 dark:text-zinc-400">v{run.version} · started {formatDateTime(run.startedAt)}{run.finishedAt ? ` · finished ${formatDateTime(run.finishedAt)}` : ""}</span>
        {run.status === "waiting" && run.resumeAt && <span className="text-amber-700 dark:text-amber-400">continues {formatDateTime(run.resumeAt)}</span>}
        {active && <span className="text-xs text-zinc-400">refreshing…</span>}
      </header>
      {run.error && <p className="rounded-md bg-red-50 p-2 text-sm text-red-700 dark:bg-red-950/40 dark:text-red-300">{run.error}</p>}
      <div className="grid gap-3 lg:grid-cols-[1fr_22rem]">
        <div className="h-[32rem] overflow-hidden rounded-lg border border-zinc-200 dark:border-zinc-800">
          <RunGraph graph={run.graph} path={path} />
        </div>
        <div className="max-h-[32rem] overflow-y-auto">
          <StepRunList run={run} />
        </div>
      </div>
    </section>
  );
}
