import { TRIGGER_LABELS, type ExecutionStatus, type StepStatus, type TriggerEvent, type WorkflowSummary } from "@/domain/workflows";

export const triggerLabel = (event: TriggerEvent | null): string => (event ? TRIGGER_LABELS[event] : "No trigger yet");

/** "v3", "v3 · changes not published", or "Draft" when never published. */
export function versionLabel(w: Pick<WorkflowSummary, "version" | "hasUnpublishedChanges">): string {
  if (w.version === null) return "Draft";
  return w.hasUnpublishedChanges ? `v${w.version} · unpublished changes` : `v${w.version}`;
}

export const EXECUTION_STATUS_LABELS: Record<ExecutionStatus, string> = {
  running: "Running",
  waiting: "Waiting",
  completed: "Completed",
  failed: "Failed",
  stopped: "Stopped",
};

export const STEP_STATUS_LABELS: Record<StepStatus, string> = { running: "Running", done: "Done", skipped: "Skipped", failed: "Failed" };

/** Badge colours per run or step status. */
export const STATUS_TONES: Record<ExecutionStatus | StepStatus, string> = {
  running: "bg-sky-100 text-sky-800 dark:bg-sky-950/60 dark:text-sky-300",
  waiting: "bg-amber-100 text-amber-800 dark:bg-amber-950/60 dark:text-amber-300",
  completed: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950/60 dark:text-emerald-300",
  done: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950/60 dark:text-emerald-300",
  failed: "bg-red-100 text-red-800 dark:bg-red-950/60 dark:text-red-300",
  stopped: "bg-zinc-200 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300",
  skipped: "bg-zinc-200 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300",
};

/** "1.2 s", "340 ms", "3 min". */
export function formatDuration(ms: number | null): string {
  if (ms === null) return "—";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min`;
  return `${(ms / 3_600_000).toFixed(1)} h`;
}

const dateTime = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric", hour: "numeric", minute: "2-digit", second: "2-digit" });
export const formatDateTime = (iso: string | null): string => (iso ? dateTime.format(new Date(iso)) : "—");
