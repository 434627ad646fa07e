import { useState, type FormEvent } from "react";
import type { Activity } from "@/domain/leadWork";
import { Button } from "@/ui/Button";
import { Field } from "@/ui/Field";
import { Textarea } from "@/ui/Input";
import { toast } from "@/ui/toastStore";
import { addNote } from "../leadDetailApi";

/** A note typed on the lead page; it lands at the top of the timeline. */
export function NoteComposer({ leadId, onAdded }: { leadId: string; onAdded: (a: Activity) => void }) {
  const [body, setBody] = useState("");
  const [saving, setSaving] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!body.trim()) return;
    setSaving(true);
    try {
      onAdded(await addNote(leadId, body));
      setBody("");
    } catch {
      toast({ title: "Couldn't save the note", variant: "error" });
    } finally {
      setSaving(false);
    }
  };
  return (
    <form onSubmit={submit} className="space-y-2">
      <Field label="Add a note">{(control) => <Textarea {...control} value={body} onChange={(e) => setBody(e.target.value)} />}</Field>
      <Button type="submit" size="sm" loading={saving} disabled={!body.trim()}>Save note</Button>
    </form>
  );
}
