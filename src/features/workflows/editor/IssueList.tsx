import { AlertTriangle, CircleAlert } from "lucide-react";
import type { GraphIssue } from "@/domain/workflows";
import { cn } from "@/lib/cn";

/** A node's (or the graph's) validation issues: errors in red, warnings in amber. */
export function IssueList({ issues, compact = false, label = "Issues" }: { issues: GraphIssue[]; compact?: boolean; label?: string }) {
  if (issues.length === 0) return null;
  const shown = compact ? issues.slice(0, 2) : issues;
  return (
    <ul aria-label={label} className={cn("space-y-0.5", compact ? "text-[11px] leading-snug" : "text-xs")}>
      {shown.map((issue, i) => {
        const Icon = issue.severity === "error" ? CircleAlert : AlertTriangle;
        return (
          <li key={i} data-severity={issue.severity} className={cn("flex gap-1", issue.severity === "error" ? "text-red-700 dark:text-red-400" : "text-amber-700 dark:text-amber-400")}>
            <Icon className="mt-px size-3 shrink-0" aria-label={issue.severity === "error" ? "Error" : "Warning"} />
            <span>{issue.message}</span>
          </li>
        );
      })}
      {shown.length < issues.length && <li className="text-zinc-500">+{issues.length - shown.length} more</li>}
    </ul>
  );
}
