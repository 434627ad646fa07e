import type { LeadStatus } from "@/domain/leads";
import { cn } from "@/lib/cn";
import { LEAD_STATUS_LABELS } from "./leadStatus";

const dot: Record<LeadStatus, string> = {
  new: "bg-accent-500",
  contacted: "bg-sky-500",
  qualified: "bg-emerald-500",
  nurturing: "bg-amber-500",
  unqualified: "bg-zinc-400",
  converted: "bg-emerald-600",
  dead: "bg-zinc-300 dark:bg-zinc-600",
};

export function LeadStatusBadge({ status }: { status: LeadStatus }) {
  return (
    <span className="inline-flex items-center gap-1.5 rounded-full border border-zinc-200 px-2 py-0.5 text-xs font-medium whitespace-nowrap text-zinc-700 dark:border-zinc-700 dark:text-zinc-300">
      <span aria-hidden="true" className={cn("size-1.5 rounded-full", dot[status])} />
      {LEAD_STATUS_LABELS[status] ?? status}
    </span>
  );
}
