import { cn } from "@/lib/cn";
import { DELIVERY_STATUS_LABELS } from "./labels";
import type { WebhookEventStatus } from "./leadSourcesApi";

const tone: Record<WebhookEventStatus, string> = {
  accepted: "border-emerald-200 bg-emerald-50 text-emerald-800 dark:border-emerald-900 dark:bg-emerald-950/40 dark:text-emerald-300",
  duplicate: "border-sky-200 bg-sky-50 text-sky-800 dark:border-sky-900 dark:bg-sky-950/40 dark:text-sky-300",
  rejected: "border-amber-200 bg-amber-50 text-amber-800 dark:border-amber-900 dark:bg-amber-950/40 dark:text-amber-300",
  failed: "border-red-200 bg-red-50 text-red-800 dark:border-red-900 dark:bg-red-950/40 dark:text-red-300",
};

export function DeliveryStatusBadge({ status }: { status: WebhookEventStatus }) {
  return (
    <span className={cn("inline-flex rounded-full border px-2 py-0.5 text-xs font-medium whitespace-nowrap", tone[status])}>
      {DELIVERY_STATUS_LABELS[status] ?? status}
    </span>
  );
}
