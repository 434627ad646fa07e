import { Link } from "@tanstack/react-router";
import { ArrowLeft, Inbox } from "lucide-react";
import { useEffect, useState } from "react";
import type { LeadSource, WebhookEvent } from "@/domain/leadSources";
import { errorMessage } from "@/lib/apiError";
import { isAbortError } from "@/lib/http";
import { Button } from "@/ui/Button";
import { Card } from "@/ui/Card";
import { Field } from "@/ui/Field";
import { Select } from "@/ui/Input";
import { Notice } from "@/ui/Notice";
import { PageHeader } from "@/ui/PageHeader";
import { Spinner } from "@/ui/Spinner";
import { toast } from "@/ui/toastStore";
import { DeliveriesTable } from "./DeliveriesTable";
import { DELIVERY_STATUS_LABELS, DELIVERY_STATUS_OPTIONS } from "./labels";
import { listLeadSources, replayWebhookEvent, type WebhookEventStatus } from "./leadSourcesApi";
import { ManagersOnly } from "./ManagersOnly";
import { useDeliveries } from "./useDeliveries";

/** Settings → Lead sources → one source's recent deliveries, with replay of the ones that can be run again. */
export function LeadSourceDeliveriesPage({ sourceId }: { sourceId: string }) {
  return (
    <ManagersOnly title="Deliveries">
      <Deliveries sourceId={sourceId} />
    </ManagersOnly>
  );
}

/** The source's name for the heading (the list endpoint is the only read there is). */
function useLeadSourceName(sourceId: string): { source: LeadSource | null; missing: boolean } {
  const [found, setFound] = useState<{ source: LeadSource | null; missing: boolean }>({ source: null, missing: false });
  useEffect(() => {
    const controller = new AbortController();
    listLeadSources(controller.signal).then(
      (sources) => {
        const source = sources.find((s) => s.id === sourceId) ?? null;
        setFound({ source, missing: source === null });
      },
      (error: unknown) => {
        if (!isAbortError(error)) setFound({ source: null, missing: false });
      },
    );
    return () => controller.abort();
  }, [sourceId]);
  return found;
}

function Deliveries({ sourceId }: { sourceId: string }) {
  const { source, missing } = useLeadSourceName(sourceId);
  const [statusFilter, setStatusFilter] = useState<WebhookEventStatus | null>(null);
  const deliveries = useDeliveries(sourceId, statusFilter);
  const [replaying, setReplaying] = useState<ReadonlySet<string>>(new Set());

  function filter(value: string) {
    setStatusFilter(value ? (value as WebhookEventStatus) : null);
    deliveries.reset();
  }

  async function replay(event: WebhookEvent) {
    setReplaying((ids) => new Set(ids).add(event.id));
    try {
      const { leadId, duplicate } = await replayWebhookEvent(event.id);
      toast(
        duplicate
          ? { title: "Replayed: matched an existing lead", description: `Lead ${leadId}`, variant: "success" }
          : { title: "Replayed: lead created", description: `Lead ${leadId}`, variant: "success" },
      );
      deliveries.refresh();
    } catch (error) {
      toast({ title: "Couldn't replay delivery", description: errorMessage(error), variant: "error" });
    } finally {
      setReplaying((ids) => {
        const next = new Set(ids);
        next.delete(event.id);
        return next;
      });
    }
  }

  async function loadMore() {
    try {
      await deliveries.loadMore();
    } catch (error) {
      toast({ title: "Couldn't load more deliveries", description: errorMessage(error), variant: "error" });
    }
  }

  return (
    <>
      <Link
        to="/settings/lead-sources"
        activeOptions={{ exact: true }}
        className="mb-3 inline-flex items-center gap-1.5 text-sm font-medium text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
      >
        <ArrowLeft className="size-4" aria-hidden="true" />
        Lead sources
      </Link>
      <PageHeader
        title={source ? `Deliveries: ${source.name}` : "Deliveries"}
        description={
          missing
            ? "This lead source no longer exists in this organization."
            : "What this source posted recently, newest first. Deliveries refused for their content or load can be replayed."
        }
        actions={
          <Field label="Status" className="w-44">
            {(control) => (
              <Select {...control} value={statusFilter ?? ""} onChange={(e) => filter(e.target.value)}>
                <option value="">All statuses</option>
                {DELIVERY_STATUS_OPTIONS.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </Select>
            )}
          </Field>
        }
      />
      {deliveries.status === "loading" && (
        <Card className="p-5">
          <Spinner label="Loading deliveries" />
        </Card>
      )}
      {deliveries.status === "error" && (
        <Notice
          title="Couldn't load deliveries"
          action={
            <Button variant="secondary" onClick={deliveries.reset}>
              Retry
            </Button>
          }
        >
          {deliveries.error}
        </Notice>
      )}
      {deliveries.status === "ready" && deliveries.items.length === 0 && (
        <Notice icon={<Inbox className="size-5" aria-hidden="true" />} title={statusFilter ? `No ${DELIVERY_STATUS_LABELS[statusFilter].toLowerCase()} deliveries` : "No deliveries yet"}>
          {statusFilter ? "Try another status." : "Deliveries appear here as soon as the source posts to its webhook URL."}
        </Notice>
      )}
      {deliveries.status === "ready" && deliveries.items.length > 0 && (
        <Card>
          <DeliveriesTable events={deliveries.items} replaying={replaying} onReplay={(event) => void replay(event)} />
          {deliveries.nextCursor && (
            <div className="flex justify-center border-t border-zinc-100 p-3 dark:border-zinc-800">
              <Button variant="secondary" loading={deliveries.loadingMore} onClick={() => void loadMore()}>
                Load more
              </Button>
            </div>
          )}
        </Card>
      )}
    </>
  );
}
