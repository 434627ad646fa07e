import type { AccreditationStatus } from "@/domain/investors";
import { cn } from "@/lib/cn";
import { ACCREDITATION_LABELS } from "./format";

const tone: Record<AccreditationStatus, string> = {
  accredited: "bg-emerald-50 text-emerald-700 ring-emerald-600/20 dark:bg-emerald-950/40 dark:text-emerald-300",
  pending: "bg-amber-50 text-amber-800 ring-amber-600/20 dark:bg-amber-950/40 dark:text-amber-300",
  unverified: "bg-zinc-100 text-zinc-700 ring-zinc-500/20 dark:bg-zinc-800 dark:text-zinc-300",
  not_accredited: "bg-red-50 text-red-700 ring-red-600/20 dark:bg-red-950/40 dark:text-red-300",
};

export function AccreditationBadge({ status }: { status: AccreditationStatus }) {
  return (
    <span className={cn("inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset", tone[status])}>
      {ACCREDITATION_LABELS[status]}
    </span>
  );
}
