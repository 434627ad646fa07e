import { Link } from "@tanstack/react-router";
import { useCallback, useEffect, useState, type FormEvent } from "react";
import { LEAD_STATUSES, leadDisplayName, type Lead, type LeadStatus } from "@/domain/leads";
import type { Activity } from "@/domain/leadWork";
import { ApiError } from "@/lib/apiError";
import { formatDate, formatPhone } from "@/lib/format";
import { Button } from "@/ui/Button";
import { Card, CardBody, CardHeader } from "@/ui/Card";
import { Field } from "@/ui/Field";
import { Input, Select, Textarea } from "@/ui/Input";
import { Notice } from "@/ui/Notice";
import { toast } from "@/ui/toastStore";
import { describeActivity } from "./describeActivity";
import { addNote, convertLead, getLead, listActivities, patchLead } from "./leadDetailApi";
import { LEAD_STATUS_LABELS } from "./leadStatus";

const EDITABLE = ["firstName", "lastName", "email", "phone", "street", "city", "state", "zip"] as const;
type Editable = (typeof EDITABLE)[number];
const LABELS: Record<Editable, string> = { firstName: "First name", lastName: "Last name", email: "Email", phone: "Phone", street: "Street", city: "City", state: "State", zip: "ZIP" };

const valueOf = (lead: Lead, f: Editable) => (f === "street" || f === "city" || f === "state" || f === "zip" ? lead.address[f] : lead[f]) ?? "";

/** A lead: status, contact and property (editable in place), timeline with notes, and conversion to a deal. */
export function LeadDetailPage({ leadId }: { leadId: string }) {
  const [lead, setLead] = useState<Lead | null>(null);
  const [missing, setMissing] = useState(false);
  const [timeline, setTimeline] = useState<Activity[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);

  const reloadTimeline = useCallback(async () => {
    const page = await listActivities(leadId);
    setTimeline(page.items);
    setCursor(page.nextCursor);
  }, [leadId]);

  useEffect(() => {
    getLead(leadId)
      .then(setLead)
      .catch((err) => (err instanceof ApiError && err.status === 404 ? setMissing(true) : toast({ title: "Couldn't load the lead", variant: "error" })));
    listActivities(leadId)
      .then((page) => {
        setTimeline(page.items);
        setCursor(page.nextCursor);
      })
      .catch(() => toast({ title: "Couldn't load the timeline", variant: "error" }));
  }, [leadId]);

  if (missing) {
    return (
      <Notice title="Lead not found" action={<Link to="/leads" className="text-accent-600 underline">Back to leads</Link>}>
        It may have been deleted, merged into another lead, or belong to another org.
      </Notice>
    );
  }
  if (!lead) return <p className="text-sm text-zinc-500">Loading…</p>;

  const changeStatus = async (status: LeadStatus) => {
    const before = lead;
    setLead({ ...lead, status }); // optimistic
    try {
      setLead(await patchLead(lead.id, { status }));
      void reloadTimeline();
    } catch {
      setLead(before);
      toast({ title: "Couldn't change the status", variant: "error" });
    }
  };

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <Link to="/leads" className="text-sm text-zinc-500 hover:underline">← Leads</Link>
          <h1 className="mt-1 text-2xl font-semibold tracking-tight">{leadDisplayName(lead)}</h1>
          <p className="text-sm text-zinc-500">
            {lead.source ?? "No source"} · added {formatDate(lead.createdAt)} · score {lead.score === null ? "—" : Math.round(lead.score)}
          </p>
        </div>
        <div className="flex items-end gap-3">
          <Field label="Status">
            {(control) => (
              <Select {...control} value={lead.status} onChange={(e) => void changeStatus(e.target.value as LeadStatus)}>
                {LEAD_STATUSES.map((s) => <option key={s} value={s}>{LEAD_STATUS_LABELS[s]}</option>)}
              </Select>
            )}
          </Field>
          <ConvertButton lead={lead} onConverted={(l) => { setLead(l); void reloadTimeline(); }} />
        </div>
      </div>
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="lg:col-span-1">
          <ContactCard lead={lead} onSaved={(l) => { setLead(l); void reloadTimeline(); }} />
        </div>
        <div className="space-y-4 lg:col-span-2">
          <NoteComposer leadId={lead.id} onAdded={(a) => setTimeline((t) => [a, ...t])} />
          <Card>
            <CardHeader><h2 className="font-medium">Timeline</h2></CardHeader>
            <CardBody>
              <ol className="space-y-3" aria-label="Timeline">
                {timeline.map((a) => {
                  const { title, details } = describeActivity(a);
                  return (
                    <li key={a.id} className="border-l-2 border-zinc-200 pl-3 dark:border-zinc-700">
                      <p className="text-sm font-medium">{title}</p>
                      {details.map((d, i) => <p key={i} className="text-sm whitespace-pre-wrap text-zinc-600 dark:text-zinc-300">{d}</p>)}
                      <p className="text-xs text-zinc-500">{[a.actorName, formatDate(a.occurredAt)].filter(Boolean).join(" · ")}</p>
                    </li>
                  );
                })}
              </ol>
              {cursor && (
                <Button variant="secondary" size="sm" className="mt-3" onClick={async () => {
                  const page = await listActivities(lead.id, cursor);
                  setTimeline((t) => [...t, ...page.items]);
                  setCursor(page.nextCursor);
                }}>
                  Load more
                </Button>
              )}
            </CardBody>
          </Card>
        </div>
      </div>
    </div>
  );
}

function ContactCard({ lead, onSaved }: { lead: Lead; onSaved: (lead: Lead) => void }) {
  const [editing, setEditing] = useState(false);
  const [values, setValues] = useState<Record<Editable, string>>(() => Object.fromEntries(EDITABLE.map((f) => [f, valueOf(lead, f)])) as Record<Editable, string>);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const changed = EDITABLE.filter((f) => values[f] !== valueOf(lead, f));
    if (changed.length === 0) return setEditing(false);
    const patch: Record<string, unknown> = {};
    const address: Record<string, string> = {};
    for (const f of changed) {
      if (f === "street" || f === "city" || f === "state" || f === "zip") address[f] = values[f];
      else patch[f] = values[f];
    }
    if (Object.keys(address).length) patch.address = address;
    setSaving(true);
    try {
      onSaved(await patchLead(lead.id, patch));
      setErrors({});
      setEditing(false);
      toast({ title: "Lead saved", variant: "success" });
    } catch (err) {
      if (err instanceof ApiError && err.fields) setErrors(Object.fromEntries(Object.entries(err.fields).map(([k, v]) => [k.replace(/^address\./, ""), v])));
      else toast({ title: "Couldn't save the lead", variant: "error" });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card>
      <CardHeader className="flex items-center justify-between">
        <h2 className="font-medium">Contact and property</h2>
        {!editing && <Button variant="ghost" size="sm" onClick={() => setEditing(true)}>Edit contact</Button>}
      </CardHeader>
      <CardBody>
        {editing ? (
          <form onSubmit={submit} className="space-y-3" noValidate>
            {EDITABLE.map((f) => (
              <Field key={f} label={LABELS[f]} error={errors[f]}>
                {(control) => <Input {...control} value={values[f]} onChange={(e) => setValues({ ...values, [f]: e.target.value })} />}
              </Field>
            ))}
            <div className="flex gap-2">
              <Button type="submit" loading={saving}>Save</Button>
              <Button type="button" variant="secondary" onClick={() => setEditing(false)}>Cancel</Button>
            </div>
          </form>
        ) : (
          <dl className="grid grid-cols-3 gap-y-2 text-sm">
            <dt className="text-zinc-500">Email</dt><dd className="col-span-2 break-all">{lead.email ?? "—"}</dd>
            <dt className="text-zinc-500">Phone</dt><dd className="col-span-2">{lead.phone ? formatPhone(lead.phone) : "—"}</dd>
            <dt className="text-zinc-500">Property</dt>
            <dd className="col-span-2">{[lead.address.street, [lead.address.city, lead.address.state].filter(Boolean).join(", "), lead.address.zip].filter(Boolean).join(" · ") || "—"}</dd>
            <dt className="text-zinc-500">Tags</dt><dd className="col-span-2">{lead.tags.join(", ") || "—"}</dd>
          </dl>
        )}
      </CardBody>
    </Card>
  );
}

function NoteComposer({ leadId, onAdded }: { leadId: string; onAdded: (a: Activity) => void }) {
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

function ConvertButton({ lead, onConverted }: { lead: Lead; onConverted: (lead: Lead) => void }) {
  const [busy, setBusy] = useState(false);
  const convert = async () => {
    setBusy(true);
    try {
      await convertLead(lead.id, {});
      toast({ title: "Converted to an opportunity", variant: "success" });
      onConverted(await getLead(lead.id));
    } catch (err) {
      toast({ title: err instanceof ApiError ? err.message : "Couldn't convert the lead", variant: "error" });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button onClick={() => void convert()} loading={busy} disabled={lead.status === "converted"} title={lead.status === "converted" ? "Already an opportunity" : undefined}>
      Convert to opportunity
    </Button>
  );
}
