import { useCallback, useState } from "react";
import type { BulkLeadsRequest, BulkLeadsResult } from "@/domain/leads";
import { errorMessage, isApiError } from "@/lib/apiError";
import { toast } from "@/ui/toastStore";
import { bulkLeads } from "./leadsApi";
import { LEAD_STATUS_LABELS } from "./leadStatus";

/** The actions of the bulk action bar (restore is the Undo of delete). */
export type BulkAction = Exclude<BulkLeadsRequest, { action: "restore" }>;

/** How long the toast with Undo stays. */
export const UNDO_TOAST_MS = 10_000;

export function leadCount(n: number): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? "lead" : "leads"}`;
}

const quoteList = (tags: string[]) => tags.map((t) => `“${t}”`).join(", ");

/** The toast title for a done action; `assigneeName` names the member leads were assigned to. */
export function resultTitle(request: BulkLeadsRequest, affected: number, assigneeName?: string): string {
  const n = leadCount(affected);
  switch (request.action) {
    case "status":
      return `${n} set to ${LEAD_STATUS_LABELS[request.status]}`;
    case "assign":
      return request.assigneeId === null ? `${n} unassigned` : `${n} assigned to ${assigneeName ?? "a team member"}`;
    case "tag":
      return `Tagged ${n} ${quoteList(request.tags)}`;
    case "untag":
      return `Removed ${quoteList(request.tags)} from ${n}`;
    case "delete":
      return `${n} moved to the trash`;
    case "restore":
      return `${n} restored`;
    case "enrich":
      return `${n} queued for enrichment`;
  }
}

/** "2 skipped: not found (1), …" — or nothing when every lead was done. */
export function skippedSummary(skipped: BulkLeadsResult["skipped"]): string | undefined {
  if (skipped.length === 0) return undefined;
  const reasons = new Map<string, number>();
  for (const { reason } of skipped) reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  const parts = [...reasons].map(([reason, count]) => (reasons.size === 1 ? reason : `${reason} (${count})`));
  return `${leadCount(skipped.length)} skipped: ${parts.join("; ")}.`;
}

/** The API's message with the fields it names ("Invalid assigneeId: must be a staff member of this org"). */
export function bulkErrorMessage(error: unknown): string {
  if (isApiError(error)) {
    if (error.status === 403) return "Your role in this organization doesn't allow this.";
    const fields = Object.values(error.fields ?? {});
    if (fields.length > 0) return `${error.message}: ${fields.join("; ")}`;
  }
  return errorMessage(error);
}

const FAILED: Record<BulkLeadsRequest["action"], string> = {
  status: "Couldn't change the status",
  assign: "Couldn't assign the leads",
  tag: "Couldn't add the tag",
  untag: "Couldn't remove the tag",
  delete: "Couldn't delete the leads",
  restore: "Couldn't restore the leads",
  enrich: "Couldn't queue the enrichment",
};

/**
 * Runs bulk actions on the selected leads: a toast with the outcome (Undo for a delete, which restores the
 * deleted leads), then `onDone` (clear the selection) and `refresh` (reload the list). `pending` is true meanwhile.
 */
export function useBulkActions({ refresh, onDone }: { refresh: () => Promise<void>; onDone: () => void }) {
  const [pending, setPending] = useState(false);

  const reload = useCallback(() => {
    refresh().catch((error: unknown) => toast({ title: "Couldn't reload the leads", description: errorMessage(error), variant: "error" }));
  }, [refresh]);

  const restore = useCallback(
    async (ids: string[]) => {
      try {
        const result = await bulkLeads({ action: "restore", ids });
        toast({ title: resultTitle({ action: "restore", ids }, result.affected.length), description: skippedSummary(result.skipped), variant: "success" });
      } catch (error) {
        toast({ title: FAILED.restore, description: bulkErrorMessage(error), variant: "error" });
      }
      reload();
    },
    [reload],
  );

  const run = useCallback(
    async (request: BulkAction, options: { assigneeName?: string } = {}): Promise<boolean> => {
      setPending(true);
      try {
        const result = await bulkLeads(request);
        const deleted = request.action === "delete" ? result.affected : [];
        toast({
          title: resultTitle(request, result.affected.length, options.assigneeName),
          description: skippedSummary(result.skipped),
          variant: "success",
          ...(deleted.length > 0 && {
            duration: UNDO_TOAST_MS,
            action: { label: "Undo", altText: "Restore the deleted leads from the trash", onClick: () => void restore(deleted) },
          }),
        });
        onDone();
        reload();
        return true;
      } catch (error) {
        toast({ title: FAILED[request.action], description: bulkErrorMessage(error), variant: "error" });
        return false;
      } finally {
        setPending(false);
      }
    },
    [onDone, reload, restore],
  );

  return { run, pending };
}
