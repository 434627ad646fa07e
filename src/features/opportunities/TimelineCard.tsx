import { useState, type FormEvent } from "react";
import type { Activity } from "@/domain/leadWork";
import { formatDate } from "@/lib/format";
import { Button } from "@/ui/Button";
import { Card, CardBody, CardHeader } from "@/ui/Card";
import { Field } from "@/ui/Field";
import { Textarea } from "@/ui/Input";
import { toast } from "@/ui/toastStore";
import { describeOpportunityActivity } from "./describeOpportunityActivity";
import { addNote } from "./opportunityApi";

/** Notes typed here land at the top of the timeline; the timeline pages back through the deal's history. */
export function TimelineCard({
  opportunityId,
  items,
  hasMore,
  onLoadMore,
  onNote,
  nameOf,
}: {
  opportunityId: string;
  items: Activity[] | null;
  hasMore: boolean;
  onLoadMore: () => void;
  onNote: (a: Activity) => void;
  nameOf: (id: string) => string | undefined;
}) {
  const [body, setBody] = useState("");
  const [saving, setSaving] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!body.trim()) return;
    setSaving(true);
    try {
      onNote(await addNote(opportunityId, body.trim()));
      setBody("");
    } catch {
      toast({ title: "Couldn't save the note", variant: "error" });
    } finally {
      setSaving(false);
    }
  };
  return (
    <Card>
      <CardHeader><h2 className="font-medium">Notes and timeline</h2></CardHeader>
      <CardBody className="space-y-4">
        <form onSubmit={submit} className="space-y-2" aria-label="Add a note">
          <Field label="Add a note">{(c) => <Textarea {...c} value={body} onChange={(e) => setBody(e.target.value)} />}</Field>
          <Button type="submit" size="sm" loading={saving} disabled={!body.trim()}>Save note</Button>
        </form>
        {items === null ? (
          <p className="text-sm text-zinc-500">Loading…</p>
        ) : (
          <ol className="space-y-3" aria-label="Timeline">
            {items.length === 0 && <li className="text-sm text-zinc-500">Nothing yet.</li>}
            {items.map((a) => {
              const { title, details } = describeOpportunityActivity(a, nameOf);
              return (
                <li key={a.id} className="border-l-2 border-zinc-200 pl-3 dark:border-zinc-700">
                  <p className="text-sm font-medium">{title}</p>
                  {details.map((d, i) => <p key={i} className="text-sm whitespace-pre-wrap text-zinc-600 dark:text-zinc-300">{d}</p>)}
                  <p className="text-xs text-zinc-500">{[a.actorName, formatDate(a.occurredAt)].filter(Boolean).join(" · ")}</p>
                </li>
              );
            })}
          </ol>
        )}
        {hasMore && <Button variant="secondary" size="sm" onClick={onLoadMore}>Load more</Button>}
      </CardBody>
    </Card>
  );
}
