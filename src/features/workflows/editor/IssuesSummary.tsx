import type { GraphIssue } from "@/domain/workflows";
import { cn } from "@/lib/cn";
import { IssueList } from "./IssueList";

/** "2 errors · 1 warning" for the whole draft, a button to the first step with an error, and the issues no step owns. */
export function IssuesSummary({ issues, onShow }: { issues: GraphIssue[]; onShow: (nodeId: string) => void }) {
  const errors = issues.filter((i) => i.severity === "error");
  const warnings = issues.length - errors.length;
  const firstNode = (errors[0] ?? issues[0])?.nodeId;
  const general = issues.filter((i) => !i.nodeId);
  if (issues.length === 0) return <p className="text-xs text-emerald-700 dark:text-emerald-400" data-testid="issues-summary">Ready to publish</p>;
  return (
    <div className="space-y-1" data-testid="issues-summary">
      <p className="flex items-center gap-2 text-xs">
        <span className={cn(errors.length ? "font-medium text-red-700 dark:text-red-400" : "text-zinc-500")}>{errors.length} {errors.length === 1 ? "error" : "errors"}</span>
        <span className="text-zinc-400">·</span>
        <span className={cn(warnings ? "text-amber-700 dark:text-amber-400" : "text-zinc-500")}>{warnings} {warnings === 1 ? "warning" : "warnings"}</span>
        {firstNode && (
          <button type="button" className="text-accent-700 underline-offset-2 hover:underline dark:text-accent-300" onClick={() => onShow(firstNode)}>
            Show
          </button>
        )}
      </p>
      <IssueList issues={general} label="Problems with the workflow" />
    </div>
  );
}
