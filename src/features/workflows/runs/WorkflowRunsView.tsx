import { Link } from "@tanstack/react-router";
import { useCallback, useEffect, useState } from "react";
import { EXECUTION_STATUSES, type ExecutionStatus, type ExecutionSummary } from "@/domain/workflows";
import { errorMessage } from "@/lib/apiError";
import { cn } from "@/lib/cn";
import { Card } from "@/ui/Card";
import { Select } from "@/ui/Input";
import { Notice } from "@/ui/Notice";
import { Spinner } from "@/ui/Spinner";
import { Table, Td, Th } from "@/ui/Table";
import { StatusBadge } from "../StatusBadge";
import { EXECUTION_STATUS_LABELS, formatDateTime } from "../workflowLabels";
import { listExecutions } from "../workflowsApi";
import { ExecutionView } from "./ExecutionView";
import { usePolling } from "./usePolling";

const ACTIVE_POLL_MS = 2000;
const IDLE_POLL_MS = 5000;

/** A workflow's runs, newest first (filter by status); the chosen one — the newest at first — is shown below. */
export function WorkflowRunsView({ workflowId }: { workflowId: string }) {
  const [status, setStatus] = useState<ExecutionStatus | "">("");
  const [items, setItems] = useState<ExecutionSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  const load = useCallback(() => {
    listExecutions(workflowId, { status: status || undefined }).then((list) => (setItems(list), setError(null)), (err: unknown) => setError(errorMessage(err)));
  }, [workflowId, status]);
  useEffect(() => load(), [load]);
  const active = items?.some((r) => r.status === "running" || r.status === "waiting");
  usePolling(load, active ? ACTIVE_POLL_MS : IDLE_POLL_MS);
  const shown = chosen ?? items?.[0]?.id ?? null;

  return (
    <div className="space-y-4">
      <div className="flex items-end gap-3">
        <label className="space-y-1 text-sm">
          <span className="block font-medium text-zinc-700 dark:text-zinc-300">Status</span>
          <Select value={status} onChange={(e) => setStatus(e.target.value as ExecutionStatus | "")} className="w-44!">
            <option value="">All</option>
            {EXECUTION_STATUSES.map((s) => <option key={s} value={s}>{EXECUTION_STATUS_LABELS[s]}</option>)}
          </Select>
        </label>
      </div>
      {error && <Notice title="Couldn't load the runs">{error}</Notice>}
      {!items && !error && <Spinner label="Loading the runs" />}
      {items?.length === 0 && <Notice title="No runs yet">{status ? "None with this status." : "Runs appear here as soon as the published workflow is triggered."}</Notice>}
      {items && items.length > 0 && (
        <Card className="max-h-72 overflow-y-auto">
          <Table aria-label="Runs">
            <thead>
              <tr>
                <Th>Status</Th>
                <Th>Lead</Th>
                <Th>Version</Th>
                <Th>Started</Th>
                <Th>Finished</Th>
                <Th><span className="sr-only">Open</span></Th>
              </tr>
            </thead>
            <tbody>
              {items.map((r) => (
                <tr key={r.id} data-execution-id={r.id} aria-selected={r.id === shown} className={cn(r.id === shown && "bg-accent-50/70 dark:bg-accent-950/30")}>
                  <Td><StatusBadge status={r.status} /></Td>
                  <Td>
                    {r.leadId ? <Link to="/leads/$leadId" params={{ leadId: r.leadId }} className="text-accent-700 hover:underline dark:text-accent-300">{r.leadName ?? "Lead"}</Link> : <span className="text-zinc-500">—</span>}
                  </Td>
                  <Td className="tabular-nums">v{r.version}</Td>
                  <Td className="whitespace-nowrap">{formatDateTime(r.startedAt)}</Td>
                  <Td className="whitespace-nowrap">{formatDateTime(r.finishedAt)}</Td>
                  <Td className="text-right">
                    <button type="button" onClick={() => setChosen(r.id)} className="text-sm font-medium text-accent-700 hover:underline dark:text-accent-300" aria-label={`Show the run of ${r.leadName ?? "this lead"} started ${formatDateTime(r.startedAt)}`}>
                      Show
                    </button>
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        </Card>
      )}
      {shown && <ExecutionView key={shown} executionId={shown} />}
    </div>
  );
}
