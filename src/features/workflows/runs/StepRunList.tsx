import { nodeTitle } from "@/domain/workflows/builderHelpers";
import { nodeById, type ExecutionDetail } from "@/domain/workflows";
import { StatusBadge } from "../StatusBadge";
import { formatDateTime, formatDuration } from "../workflowLabels";

const isEmpty = (v: Record<string, unknown> | null) => !v || Object.keys(v).length === 0;

function Json({ label, value }: { label: string; value: Record<string, unknown> | null }) {
  if (isEmpty(value)) return null;
  return (
    <details className="text-xs">
      <summary className="cursor-pointer text-zinc-500 select-none dark:text-zinc-400">{label}</summary>
      <pre className="mt-1 max-h-48 overflow-auto rounded bg-zinc-100 p-2 font-mono text-[11px] break-all whitespace-pre-wrap text-zinc-800 dark:bg-zinc-800 dark:text-zinc-200">{JSON.stringify(value, null, 2)}</pre>
    </details>
  );
}

/** A run's steps in the order they ran: status, duration, attempts, error, and the input and output to expand. */
export function StepRunList({ run }: { run: ExecutionDetail }) {
  if (run.steps.length === 0) return <p className="text-sm text-zinc-500 dark:text-zinc-400">No steps have run yet.</p>;
  return (
    <ol className="space-y-2" aria-label="Steps run">
      {run.steps.map((step, i) => {
        const node = nodeById(run.graph, step.stepId);
        return (
          <li key={`${step.stepId}-${i}`} data-step-id={step.stepId} data-status={step.status} className="space-y-1.5 rounded-md border border-zinc-200 p-3 text-sm dark:border-zinc-800">
            <div className="flex items-center gap-2">
              <span className="text-zinc-400 tabular-nums">{i + 1}.</span>
              <span className="min-w-0 flex-1 truncate font-medium">{node ? nodeTitle(node) : step.stepId}</span>
              <StatusBadge status={step.status} kind="step" />
            </div>
            <p className="text-xs text-zinc-500 dark:text-zinc-400">
              {formatDateTime(step.startedAt)} · {formatDuration(step.durationMs)}
              {step.attempts > 1 ? ` · ${step.attempts} attempts` : ""}
            </p>
            {step.error && <p className="text-xs break-words text-red-700 dark:text-red-400">{step.error}</p>}
            <Json label="Input" value={step.input} />
            <Json label="Output" value={step.output} />
          </li>
        );
      })}
    </ol>
  );
}
