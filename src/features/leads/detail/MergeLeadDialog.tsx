import { useEffect, useMemo, useState } from "react";
import { leadDisplayName, type Lead } from "@/domain/leads";
import type { Member } from "@/domain/orgs";
import { errorMessage } from "@/lib/apiError";
import { formatPhone } from "@/lib/format";
import { isAbortError } from "@/lib/http";
import { Button } from "@/ui/Button";
import { Dialog, DialogContent, DialogTrigger } from "@/ui/Dialog";
import { Field, FormError } from "@/ui/Field";
import { Input } from "@/ui/Input";
import { toast } from "@/ui/toastStore";
import { mergeLeads, searchLeads } from "../leadDetailApi";
import { keepFromSelection, mergeChoices, type MergeField, type Side } from "./mergeChoices";

/** Finds a duplicate of this lead and merges it in, field by field choosing whose value survives. */
export function MergeLeadDialog({ lead, members, onMerged }: { lead: Lead; members: Member[]; onMerged: (lead: Lead) => void }) {
  const [open, setOpen] = useState(false);
  const [other, setOther] = useState<Lead | null>(null);
  return (
    <Dialog open={open} onOpenChange={(o) => { setOpen(o); if (!o) setOther(null); }}>
      <DialogTrigger asChild><Button variant="secondary">Merge…</Button></DialogTrigger>
      <DialogContent title="Merge a duplicate into this lead" description="The other lead is removed; its timeline, tasks and deals move here." className="max-w-2xl">
        {other ? (
          <MergeChoicesForm lead={lead} other={other} members={members} onBack={() => setOther(null)} onMerged={(l) => { setOpen(false); setOther(null); onMerged(l); }} />
        ) : (
          <DuplicatePicker lead={lead} onPick={setOther} />
        )}
      </DialogContent>
    </Dialog>
  );
}

function DuplicatePicker({ lead, onPick }: { lead: Lead; onPick: (lead: Lead) => void }) {
  const [q, setQ] = useState(lead.lastName ?? lead.firstName ?? "");
  const [results, setResults] = useState<Lead[] | null>(null);
  useEffect(() => {
    if (!q.trim()) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      searchLeads(q.trim(), controller.signal).then(
        (items) => setResults(items.filter((l) => l.id !== lead.id)),
        (err: unknown) => { if (!isAbortError(err)) setResults([]); },
      );
    }, 200);
    return () => { clearTimeout(timer); controller.abort(); };
  }, [q, lead.id]);
  const shown = q.trim() ? results : [];
  return (
    <div className="space-y-3">
      <Field label="Find the other lead" hint="Name, email, phone or address">{(c) => <Input {...c} value={q} onChange={(e) => setQ(e.target.value)} autoFocus />}</Field>
      <ul className="max-h-72 divide-y divide-zinc-200 overflow-y-auto dark:divide-zinc-800" aria-label="Matching leads">
        {shown === null && <li className="py-2 text-sm text-zinc-500">Searching…</li>}
        {shown?.length === 0 && <li className="py-2 text-sm text-zinc-500">No other lead matches.</li>}
        {shown?.map((l) => (
          <li key={l.id}>
            <button type="button" className="w-full px-1 py-2 text-left text-sm hover:bg-zinc-50 dark:hover:bg-zinc-800" onClick={() => onPick(l)}>
              <span className="font-medium">{leadDisplayName(l)}</span>
              <span className="block text-xs text-zinc-500">{[l.email, l.phone && formatPhone(l.phone), l.address.street].filter(Boolean).join(" · ")}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

function MergeChoicesForm({ lead, other, members, onBack, onMerged }: { lead: Lead; other: Lead; members: Member[]; onBack: () => void; onMerged: (lead: Lead) => void }) {
  const memberName = (id: string) => members.find((m) => m.userId === id)?.fullName ?? members.find((m) => m.userId === id)?.email ?? "someone";
  const choices = useMemo(() => mergeChoices(lead, other, memberName), [lead, other]); // eslint-disable-line react-hooks/exhaustive-deps
  const [selection, setSelection] = useState<Partial<Record<MergeField, Side>>>(() => Object.fromEntries(choices.map((c) => [c.field, c.preferred])));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const merge = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const merged = await mergeLeads(lead.id, other.id, keepFromSelection(selection));
      toast({ title: `Merged ${leadDisplayName(other)} into this lead`, variant: "success" });
      onMerged(merged);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="space-y-4">
      <FormError message={error} />
      {choices.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-300">The two leads hold the same values; merging keeps them and joins the histories.</p>
      ) : (
        <table className="w-full text-sm">
          <thead>
            <tr className="text-left text-xs text-zinc-500">
              <th className="py-1 font-medium">Field</th>
              <th className="py-1 font-medium">This lead</th>
              <th className="py-1 font-medium">{leadDisplayName(other)}</th>
            </tr>
          </thead>
          <tbody>
            {choices.map((c) => (
              <tr key={c.field} className="border-t border-zinc-200 dark:border-zinc-800">
                <th scope="row" className="py-2 pr-2 text-left font-medium">{c.label}</th>
                {(["this", "other"] as const).map((side) => (
                  <td key={side} className="py-2 pr-2">
                    <label className="flex items-start gap-2">
                      <input
                        type="radio"
                        name={`keep-${c.field}`}
                        checked={selection[c.field] === side}
                        onChange={() => setSelection((s) => ({ ...s, [c.field]: side }))}
                        aria-label={`Keep ${side === "this" ? "this lead's" : "the other lead's"} ${c.label.toLowerCase()}`}
                      />
                      <span className={side === "this" ? "" : "text-zinc-700 dark:text-zinc-300"}>{(side === "this" ? c.thisValue : c.otherValue) || <em className="text-zinc-400">empty</em>}</span>
                    </label>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="text-xs text-zinc-500">Tags are combined. {leadDisplayName(other)} is removed after the merge.</p>
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onBack}>Back</Button>
        <Button onClick={() => void merge()} loading={busy}>Merge leads</Button>
      </div>
    </div>
  );
}
