import { ChevronDown, ChevronRight, RotateCcw } from "lucide-react";
import { Fragment, useState } from "react";
import type { WebhookEvent } from "@/domain/leadSources";
import { Button } from "@/ui/Button";
import { Table, Td, Th } from "@/ui/Table";
import { DeliveryStatusBadge } from "./DeliveryStatusBadge";

const muted = "text-zinc-400 dark:text-zinc-600";
const COLUMNS = 6;

const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "medium" });

/** "Mar 4, 2026, 3:00:00 PM" in the reader's locale; the raw value when it is not a date. */
export function formatDateTime(value: string): string {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : dateTimeFormat.format(date);
}

/** JSON bodies indented; anything else as it came. */
function prettyBody(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

export function DeliveriesTable({
  events,
  replaying,
  onReplay,
}: {
  events: WebhookEvent[];
  /** Ids being replayed right now. */
  replaying: ReadonlySet<string>;
  onReplay: (event: WebhookEvent) => void;
}) {
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());

  function toggle(id: string) {
    setExpanded((ids) => {
      const next = new Set(ids);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  }

  return (
    <Table aria-label="Deliveries">
      <thead>
        <tr>
          <Th>Received</Th>
          <Th>Status</Th>
          <Th>HTTP</Th>
          <Th>Reason</Th>
          <Th>Lead</Th>
          <Th>
            <span className="sr-only">Actions</span>
          </Th>
        </tr>
      </thead>
      <tbody>
        {events.map((event) => {
          const open = expanded.has(event.id);
          const bodyId = `delivery-body-${event.id}`;
          return (
            <Fragment key={event.id}>
              <tr>
                <Td className="whitespace-nowrap text-zinc-600 dark:text-zinc-300">
                  <time dateTime={event.receivedAt}>{formatDateTime(event.receivedAt)}</time>
                </Td>
                <Td>
                  <DeliveryStatusBadge status={event.status} />
                </Td>
                <Td className="font-mono text-xs">{event.httpStatus}</Td>
                <Td className="max-w-sm text-zinc-600 dark:text-zinc-300">{event.reason ?? <span className={muted}>—</span>}</Td>
                <Td>
                  {event.leadId ? (
                    <span className="font-mono text-xs" title="Lead id">
                      {event.leadId}
                    </span>
                  ) : (
                    <span className={muted}>—</span>
                  )}
                </Td>
                <Td>
                  <div className="flex items-center justify-end gap-1">
                    {event.body !== null && (
                      <Button variant="ghost" size="sm" aria-expanded={open} aria-controls={bodyId} onClick={() => toggle(event.id)}>
                        {open ? <ChevronDown className="size-4" aria-hidden="true" /> : <ChevronRight className="size-4" aria-hidden="true" />}
                        Raw body
                      </Button>
                    )}
                    {event.replayable && (
                      <Button variant="secondary" size="sm" loading={replaying.has(event.id)} onClick={() => onReplay(event)}>
                        <RotateCcw className="size-3.5" aria-hidden="true" />
                        Replay
                      </Button>
                    )}
                  </div>
                </Td>
              </tr>
              {open && event.body !== null && (
                <tr id={bodyId}>
                  <Td colSpan={COLUMNS} className="bg-zinc-50 dark:bg-zinc-950/40">
                    <pre aria-label="Raw body" className="max-h-80 overflow-auto text-xs leading-relaxed whitespace-pre-wrap break-all">
                      {prettyBody(event.body)}
                    </pre>
                  </Td>
                </tr>
              )}
            </Fragment>
          );
        })}
      </tbody>
    </Table>
  );
}
