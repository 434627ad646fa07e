import type { ExecutionStatus, StepStatus } from "@/domain/workflows";
import { cn } from "@/lib/cn";
import { EXECUTION_STATUS_LABELS, STATUS_TONES, STEP_STATUS_LABELS } from "./workflowLabels";

/** A run's or a step's status as a coloured pill. */
export function StatusBadge({ status, kind = "run" }: { status: ExecutionStatus | StepStatus; kind?: "run" | "step" }) {
  const label = kind === "step" ? STEP_STATUS_LABELS[status as StepStatus] : EXECUTION_STATUS_LABELS[status as ExecutionStatus];
  return <span className={cn("inline-flex rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap", STATUS_TONES[status])}>{label ?? status}</span>;
}
