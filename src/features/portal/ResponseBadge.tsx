import { CircleCheck, CircleMinus, Clock } from "lucide-react";
import type { PortalOpportunity } from "@/domain/portal";
import { cn } from "@/lib/cn";

const LOOK = {
  interested: { label: "You're interested", icon: CircleCheck, className: "bg-emerald-50 text-emerald-700 ring-emerald-600/20 dark:bg-emerald-950/40 dark:text-emerald-300" },
  passed: { label: "You passed", icon: CircleMinus, className: "bg-zinc-100 text-zinc-600 ring-zinc-500/20 dark:bg-zinc-800 dark:text-zinc-300" },
  none: { label: "Awaiting your answer", icon: Clock, className: "bg-amber-50 text-amber-800 ring-amber-600/20 dark:bg-amber-950/40 dark:text-amber-300" },
} as const;

/** The investor's current answer to a shared deal. */
export function ResponseBadge({ response }: { response: PortalOpportunity["response"] }) {
  const look = LOOK[response ?? "none"];
  const Icon = look.icon;
  return (
    <span className={cn("inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset", look.className)}>
      <Icon className="size-3.5" aria-hidden="true" />
      {look.label}
    </span>
  );
}
