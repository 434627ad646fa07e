import { Handle, Position, type NodeProps } from "@xyflow/react";
import { memo } from "react";
import { nodeTitle, summarizeNode } from "@/domain/workflows/builderHelpers";
import { ACTION_LABELS } from "@/domain/workflows";
import { cn } from "@/lib/cn";
import { StatusBadge } from "../StatusBadge";
import { useCanvasDecorations } from "./canvasDecorations";
import type { StepNode } from "./flowMapping";
import { IssueList } from "./IssueList";
import { NODE_ICONS } from "./nodeIcons";

const RUN_RING: Record<string, string> = {
  done: "border-emerald-500 ring-2 ring-emerald-500/30",
  running: "border-sky-500 ring-2 ring-sky-500/30",
  failed: "border-red-500 ring-2 ring-red-500/30",
  skipped: "border-zinc-400 border-dashed",
};
const HANDLE = "size-2.5! border-2! border-white! bg-zinc-500! dark:border-zinc-900!";

/** A step on the canvas: icon, title, one line of what it does, its issues (or, in a run, its status), and its handles. */
export const StepNodeCard = memo(function StepNodeCard({ id, data, selected }: NodeProps<StepNode>) {
  const { issuesByNode, runStatusByNode, lookups } = useCanvasDecorations();
  const issues = issuesByNode.get(id) ?? [];
  const status = runStatusByNode?.get(id);
  const unreached = runStatusByNode !== undefined && status === undefined;
  const hasError = issues.some((i) => i.severity === "error");
  const Icon = NODE_ICONS[data.nodeType];
  const title = nodeTitle({ type: data.nodeType, label: data.label });
  const typeName = data.nodeType === "trigger" ? "Trigger" : ACTION_LABELS[data.nodeType];
  return (
    <div
      data-testid={`node-${id}`}
      data-node-type={data.nodeType}
      data-run-status={status}
      data-reached={runStatusByNode ? String(!unreached) : undefined}
      data-has-errors={hasError || undefined}
      className={cn(
        "w-60 rounded-lg border bg-white px-3 py-2.5 text-left shadow-sm transition-opacity dark:bg-zinc-900",
        data.nodeType === "trigger" ? "border-accent-400 dark:border-accent-600" : "border-zinc-300 dark:border-zinc-700",
        hasError && !runStatusByNode && "border-red-400 dark:border-red-700",
        status && RUN_RING[status],
        selected && "ring-2 ring-accent-500/60",
        unreached && "opacity-40",
      )}
    >
      {data.nodeType !== "trigger" && <Handle type="target" position={Position.Top} className={HANDLE} />}
      <div className="flex items-center gap-2">
        <span className={cn("grid size-6 shrink-0 place-items-center rounded", data.nodeType === "trigger" ? "bg-accent-100 text-accent-700 dark:bg-accent-950 dark:text-accent-300" : "bg-zinc-100 text-zinc-600 dark:bg-zinc-800 dark:text-zinc-300")}>
          <Icon className="size-3.5" aria-hidden="true" />
        </span>
        <div className="min-w-0 flex-1">
          <p className="truncate text-sm font-semibold text-zinc-900 dark:text-zinc-50">{title}</p>
          {title !== typeName && <p className="truncate text-[11px] text-zinc-500 dark:text-zinc-400">{typeName}</p>}
        </div>
        {status && <StatusBadge status={status} kind="step" />}
      </div>
      <p className="mt-1.5 line-clamp-2 text-xs text-zinc-600 dark:text-zinc-300">{summarizeNode({ type: data.nodeType, config: data.config }, lookups)}</p>
      {!runStatusByNode && issues.length > 0 && (
        <div className="mt-1.5">
          <IssueList issues={issues} compact label={`Problems with ${title}`} />
        </div>
      )}
      {data.nodeType === "branch" ? (
        <>
          <Handle type="source" id="yes" position={Position.Bottom} style={{ left: "30%" }} className={cn(HANDLE, "bg-emerald-600!")} aria-label="yes" />
          <Handle type="source" id="no" position={Position.Bottom} style={{ left: "70%" }} className={cn(HANDLE, "bg-red-600!")} aria-label="no" />
          <div className="mt-2 flex justify-around text-[10px] font-semibold tracking-wide uppercase" aria-hidden="true">
            <span className="text-emerald-700 dark:text-emerald-400">yes</span>
            <span className="text-red-700 dark:text-red-400">no</span>
          </div>
        </>
      ) : (
        <Handle type="source" position={Position.Bottom} className={HANDLE} />
      )}
    </div>
  );
});
