import { Link } from "@tanstack/react-router";
import { useEffect, useState } from "react";
import type { InboxReply } from "@/domain/messaging";
import { apiFetch } from "@/lib/api";
import { formatDate, formatPhone } from "@/lib/format";
import { Card, CardBody, CardHeader } from "@/ui/Card";

/** Two-way SMS: the texts leads sent back, newest first, each linking to the lead (where it is on the timeline too). */
export function InboxCard() {
  const [items, setItems] = useState<InboxReply[] | null>(null);
  useEffect(() => {
    let alive = true;
    const load = () => apiFetch<{ items: InboxReply[] }>("/api/messages/inbox").then((r) => alive && setItems(r.items), () => alive && setItems([]));
    void load();
    const timer = setInterval(() => void load(), 30_000);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, []);
  return (
    <Card>
      <CardHeader><h2 className="font-medium">Inbox — replies</h2></CardHeader>
      <CardBody>
        {items === null ? (
          <p className="text-sm text-zinc-500">Loading…</p>
        ) : items.length === 0 ? (
          <p className="text-sm text-zinc-500">No replies yet. Texts leads send back land here and on their timeline.</p>
        ) : (
          <ul className="divide-y divide-zinc-200 dark:divide-zinc-800" aria-label="Replies">
            {items.map((r) => (
              <li key={r.id} className="py-2 text-sm">
                <Link to="/leads/$leadId" params={{ leadId: r.leadId }} className="font-medium hover:underline">{r.leadName}</Link>
                <span className="text-zinc-500"> · {r.from ? formatPhone(r.from) : "unknown number"} · {formatDate(r.receivedAt)}</span>
                <p className="whitespace-pre-wrap">{r.keyword ? <em className="text-zinc-500">{r.keyword.toUpperCase()} — </em> : null}{r.body}</p>
              </li>
            ))}
          </ul>
        )}
      </CardBody>
    </Card>
  );
}
