import { Link } from "@tanstack/react-router";
import { useCallback, useEffect, useState } from "react";
import { LEAD_STATUSES, leadDisplayName, type Lead, type LeadStatus } from "@/domain/leads";
import type { Activity } from "@/domain/leadWork";
import { useMembers } from "@/features/orgs/useMembers";
import { ApiError } from "@/lib/apiError";
import { formatDate } from "@/lib/format";
import { Field } from "@/ui/Field";
import { Select } from "@/ui/Input";
import { Notice } from "@/ui/Notice";
import { toast } from "@/ui/toastStore";
import { SendMessageDialog } from "@/features/messaging/SendMessageDialog";
import { Button } from "@/ui/Button";
import { AssigneeSelect } from "./detail/AssigneeSelect";
import { ContactCard } from "./detail/ContactCard";
import { EnrichmentCard } from "./detail/EnrichmentCard";
import { ConvertButton } from "./detail/ConvertButton";
import { MergeLeadDialog } from "./detail/MergeLeadDialog";
import { NoteComposer } from "./detail/NoteComposer";
import { TasksCard } from "@/features/tasks/TasksCard";
import { LeadScoreCard } from "@/features/scoring/LeadScoreCard";
import { TimelineCard } from "./detail/TimelineCard";
import { getLead, listActivities, patchLead } from "./leadDetailApi";
import { LEAD_STATUS_LABELS } from "./leadStatus";

/** A lead: status, assignee and score up top; contact and property edited in place; tasks; the timeline with notes; convert and merge. */
export function LeadDetailPage({ leadId }: { leadId: string }) {
  const [lead, setLead] = useState<Lead | null>(null);
  const [missing, setMissing] = useState(false);
  const [timeline, setTimeline] = useState<Activity[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const { members } = useMembers();
  const [messaging, setMessaging] = useState(false);

  const reloadTimeline = useCallback(async () => {
    try {
      const page = await listActivities(leadId);
      setTimeline(page.items);
      setCursor(page.nextCursor);
    } catch {
      toast({ title: "Couldn't load the timeline", variant: "error" });
    }
  }, [leadId]);

  useEffect(() => {
    getLead(leadId)
      .then(setLead)
      .catch((err) => (err instanceof ApiError && err.status === 404 ? setMissing(true) : toast({ title: "Couldn't load the lead", variant: "error" })));
    listActivities(leadId).then(
      (page) => {
        setTimeline(page.items);
        setCursor(page.nextCursor);
      },
      () => toast({ title: "Couldn't load the timeline", variant: "error" }),
    );
  }, [leadId]);

  if (missing) {
    return (
      <Notice title="Lead not found" action={<Link to="/leads" className="text-accent-600 underline">Back to leads</Link>}>
        It may have been deleted, merged into another lead, or belong to another org.
      </Notice>
    );
  }
  if (!lead) return <p className="text-sm text-zinc-500">Loading…</p>;

  /** Saves one header field optimistically, rolling back with a message if the server refuses. */
  const patchOptimistic = async (patch: { status: LeadStatus } | { assigneeId: string | null }, what: string) => {
    const before = lead;
    setLead({ ...lead, ...patch });
    try {
      setLead(await patchLead(lead.id, patch));
      void reloadTimeline();
    } catch {
      setLead(before);
      toast({ title: `Couldn't change the ${what}`, variant: "error" });
    }
  };
  const saved = (l: Lead) => {
    setLead(l);
    void reloadTimeline();
  };

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <Link to="/leads" className="text-sm text-zinc-500 hover:underline">← Leads</Link>
          <h1 className="mt-1 text-2xl font-semibold tracking-tight">{leadDisplayName(lead)}</h1>
          <p className="text-sm text-zinc-500">
            {lead.source ?? "No source"} · added {formatDate(lead.createdAt)} ·{" "}
            <span aria-label="Score">score {lead.score === null ? "not scored yet" : Math.round(lead.score)}</span>
          </p>
        </div>
        <div className="flex flex-wrap items-end gap-3">
          <Field label="Status">
            {(control) => (
              <Select {...control} value={lead.status} onChange={(e) => void patchOptimistic({ status: e.target.value as LeadStatus }, "status")}>
                {LEAD_STATUSES.map((s) => <option key={s} value={s}>{LEAD_STATUS_LABELS[s]}</option>)}
              </Select>
            )}
          </Field>
          <AssigneeSelect value={lead.assigneeId} members={members} onChange={(assigneeId) => void patchOptimistic({ assigneeId }, "assignee")} />
          <Button variant="secondary" onClick={() => setMessaging(true)}>Message…</Button>
          <SendMessageDialog leadId={lead.id} open={messaging} onOpenChange={setMessaging} onSent={() => void reloadTimeline()} />
          <MergeLeadDialog lead={lead} members={members} onMerged={saved} />
          <ConvertButton lead={lead} onConverted={saved} />
        </div>
      </div>
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-1">
          <LeadScoreCard leadId={lead.id} />
          <ContactCard lead={lead} onSaved={saved} />
          <EnrichmentCard leadId={lead.id} />
          <TasksCard subject={{ kind: "lead", id: lead.id }} members={members} onChanged={() => void reloadTimeline()} />
        </div>
        <div className="space-y-4 lg:col-span-2">
          <NoteComposer leadId={lead.id} onAdded={(a) => setTimeline((t) => [a, ...t])} />
          <TimelineCard
            items={timeline}
            hasMore={cursor !== null}
            nameOf={(id) => members.find((m) => m.userId === id)?.fullName ?? members.find((m) => m.userId === id)?.email}
            onLoadMore={async () => {
              const page = await listActivities(lead.id, cursor);
              setTimeline((t) => [...t, ...page.items]);
              setCursor(page.nextCursor);
            }}
          />
        </div>
      </div>
    </div>
  );
}
