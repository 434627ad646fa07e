import { useEffect, useState } from "react";
import { MESSAGE_STATUSES, type Message, type MessageStatus } from "@/domain/messaging";
import { errorMessage } from "@/lib/apiError";
import { Card, CardBody } from "@/ui/Card";
import { Select } from "@/ui/Input";
import { Notice } from "@/ui/Notice";
import { PageHeader } from "@/ui/PageHeader";
import { Table, Td, Th } from "@/ui/Table";
import { InboxCard } from "./InboxCard";
import { listMessages } from "./messagingApi";

/**
 * The in-app outbox: without SendGrid or Twilio keys every message lands here, showing exactly what would have
 * been sent. A status filter shows the org's other messages (queued, sent, blocked …) the same way.
 */
export function OutboxPage() {
  const [status, setStatus] = useState<MessageStatus>("outbox");
  const [items, setItems] = useState<Message[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    listMessages(status).then(
      (m) => alive && (setItems(m), setError(null)),
      (err: unknown) => alive && setError(errorMessage(err)),
    );
    return () => {
      alive = false;
    };
  }, [status]);

  return (
    <div className="space-y-6">
      <PageHeader
        title="Messages"
        description="Replies from leads, and every message by status — the outbox holds what would have gone out with no provider configured."
        actions={
          <Select aria-label="Status" value={status} onChange={(e) => setStatus(e.target.value as MessageStatus)}>
            {MESSAGE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </Select>
        }
      />
      <InboxCard />
      {error && <Notice title="Couldn't load the messages">{error}</Notice>}
      {items && items.length === 0 && <Notice title="Nothing here">No {status} messages.</Notice>}
      {items && items.length > 0 && (
        <Card>
          <CardBody>
            <Table aria-label="Messages">
              <thead>
                <tr>
                  <Th>Channel</Th>
                  <Th>To</Th>
                  <Th>Subject / message</Th>
                  <Th>Status</Th>
                  <Th>Created</Th>
                </tr>
              </thead>
              <tbody>
                {items.map((m) => (
                  <tr key={m.id} onClick={() => setOpen(open === m.id ? null : m.id)} className="cursor-pointer align-top">
                    <Td>{m.channel === "email" ? "Email" : "SMS"}</Td>
                    <Td>{m.to}</Td>
                    <Td>
                      <div className="font-medium">{m.subject ?? m.bodyText.slice(0, 80)}</div>
                      {m.error && <div className="text-xs text-red-600">{m.error}</div>}
                      {open === m.id && <pre className="mt-2 max-w-xl text-xs whitespace-pre-wrap">{m.bodyText}</pre>}
                    </Td>
                    <Td>{m.status}</Td>
                    <Td>{new Date(m.createdAt).toLocaleString()}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          </CardBody>
        </Card>
      )}
    </div>
  );
}
