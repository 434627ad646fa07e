import { ArrowDown, ArrowUp, Shuffle, ShieldAlert } from "lucide-react";
import { useState } from "react";
import type { AssignmentRule } from "@/domain/assignment";
import { isStaffRole } from "@/domain/roles";
import { Switch } from "@/features/leadSources/Switch";
import { canManageMembers, useActiveMembership } from "@/features/orgs/useActiveMembership";
import { useMembers } from "@/features/orgs/useMembers";
import { errorMessage } from "@/lib/apiError";
import { cn } from "@/lib/cn";
import { Button } from "@/ui/Button";
import { Card, CardBody, CardHeader } from "@/ui/Card";
import { Notice } from "@/ui/Notice";
import { PageHeader } from "@/ui/PageHeader";
import { Spinner } from "@/ui/Spinner";
import { toast } from "@/ui/toastStore";
import { AddRuleDialog, DeleteRuleDialog, EditRuleDialog } from "./RuleDialogs";
import { ruleSummary } from "./ruleSummary";
import { useAssignmentRules } from "./useAssignmentRules";
import { useOrgSettings } from "./useOrgSettings";

const TITLE = "Assignment";
const DESCRIPTION = "New leads go to the first matching rule, round robin among its agents.";
const VISIBILITY_LABEL = "Agents see only leads assigned to them";

/** Settings → Assignment: who new leads go to, and what agents see (owners and admins). */
export function AssignmentPage() {
  const membership = useActiveMembership();
  if (!canManageMembers(membership?.role)) {
    return (
      <>
        <PageHeader title={TITLE} />
        <Notice icon={<ShieldAlert className="size-5" aria-hidden="true" />} title="Owners and admins only">
          Ask an owner or admin of {membership?.orgName ?? "this organization"} to change how leads are assigned.
        </Notice>
      </>
    );
  }
  return <ManageAssignment />;
}

function ManageAssignment() {
  const rules = useAssignmentRules();
  const members = useMembers();
  const agents = members.members.filter((m) => isStaffRole(m.role));
  const [editing, setEditing] = useState<AssignmentRule | null>(null);
  const [deleting, setDeleting] = useState<AssignmentRule | null>(null);
  const [busy, setBusy] = useState<ReadonlySet<string>>(new Set());

  async function withBusy(id: string, failure: string, action: () => Promise<unknown>) {
    setBusy((ids) => new Set(ids).add(id));
    try {
      await action();
    } catch (error) {
      toast({ title: failure, description: errorMessage(error), variant: "error" });
    } finally {
      setBusy((ids) => {
        const next = new Set(ids);
        next.delete(id);
        return next;
      });
    }
  }

  const toggle = (rule: AssignmentRule, enabled: boolean) =>
    withBusy(rule.id, "Couldn't update the rule", async () => {
      await rules.update(rule.id, { enabled });
      toast({ title: enabled ? "Rule switched on" : "Rule switched off", description: rule.name, variant: "success" });
    });

  const nextPosition = rules.rules.reduce((max, r) => Math.max(max, r.position + 1), 0);

  return (
    <>
      <PageHeader
        title={TITLE}
        description={DESCRIPTION}
        actions={
          rules.status === "ready" && (
            <AddRuleDialog agents={agents} onCreate={(body) => rules.create({ ...body, position: Math.min(nextPosition, 10_000) })} />
          )
        }
      />
      <div className="space-y-6">
        <VisibilityCard />
        <Card>
          <CardHeader>
            <h2 className="text-base font-semibold">Rules</h2>
            <p className="text-sm text-zinc-500 dark:text-zinc-400">
              Tried from the top for each new lead that doesn't come with an agent. A lead no rule matches stays unassigned; agents no longer on the staff are skipped.
            </p>
          </CardHeader>
          {rules.status === "loading" && (
            <CardBody>
              <Spinner label="Loading rules" />
            </CardBody>
          )}
          {rules.status === "error" && (
            <CardBody className="flex flex-wrap items-center justify-between gap-3">
              <p role="alert" className="text-sm text-red-700 dark:text-red-400">
                Couldn't load the rules: {rules.error}
              </p>
              <Button variant="secondary" onClick={rules.retry}>
                Retry
              </Button>
            </CardBody>
          )}
          {rules.status === "ready" && rules.rules.length === 0 && (
            <CardBody className="flex flex-col items-center gap-2 py-10 text-center">
              <div className="grid size-10 place-items-center rounded-full bg-zinc-100 text-zinc-500 dark:bg-zinc-800 dark:text-zinc-400">
                <Shuffle className="size-5" aria-hidden="true" />
              </div>
              <p className="font-semibold">No rules yet</p>
              <p className="max-w-sm text-sm text-zinc-500 dark:text-zinc-400">Add a rule to hand new leads to your agents automatically.</p>
            </CardBody>
          )}
          {rules.status === "ready" && rules.rules.length > 0 && (
            <ol aria-label="Assignment rules" className="divide-y divide-zinc-100 dark:divide-zinc-800">
              {rules.rules.map((rule, index) => (
                <li key={rule.id} className="flex flex-wrap items-center gap-x-4 gap-y-2 px-5 py-3.5">
                  <span className="grid size-6 shrink-0 place-items-center rounded-full bg-zinc-100 text-xs font-semibold text-zinc-600 dark:bg-zinc-800 dark:text-zinc-300">
                    {index + 1}
                  </span>
                  <div className={cn("min-w-0 flex-1", !rule.enabled && "opacity-60")}>
                    <div className="font-medium">
                      {rule.name}
                      {!rule.enabled && <span className="ml-2 text-xs font-normal text-zinc-500">(off)</span>}
                    </div>
                    <div className="text-sm text-zinc-600 dark:text-zinc-400">{ruleSummary(rule, members.members)}</div>
                  </div>
                  <div className="flex items-center gap-1">
                    <Switch
                      checked={rule.enabled}
                      label={`${rule.name} enabled`}
                      disabled={busy.has(rule.id)}
                      onCheckedChange={(enabled) => void toggle(rule, enabled)}
                    />
                    <Button
                      variant="ghost"
                      size="sm"
                      aria-label={`Move ${rule.name} up`}
                      disabled={index === 0 || busy.size > 0}
                      onClick={() => void withBusy(rule.id, "Couldn't reorder the rules", () => rules.move(rule.id, -1))}
                      className="ml-2"
                    >
                      <ArrowUp className="size-4" aria-hidden="true" />
                    </Button>
                    <Button
                      variant="ghost"
                      size="sm"
                      aria-label={`Move ${rule.name} down`}
                      disabled={index === rules.rules.length - 1 || busy.size > 0}
                      onClick={() => void withBusy(rule.id, "Couldn't reorder the rules", () => rules.move(rule.id, 1))}
                    >
                      <ArrowDown className="size-4" aria-hidden="true" />
                    </Button>
                    <Button variant="ghost" size="sm" aria-label={`Edit ${rule.name}`} onClick={() => setEditing(rule)}>
                      Edit
                    </Button>
                    <Button variant="ghost" size="sm" aria-label={`Delete ${rule.name}`} onClick={() => setDeleting(rule)}>
                      Delete
                    </Button>
                  </div>
                </li>
              ))}
            </ol>
          )}
        </Card>
      </div>
      <EditRuleDialog rule={editing} agents={agents} onOpenChange={(open) => !open && setEditing(null)} onSave={rules.update} />
      <DeleteRuleDialog rule={deleting} onOpenChange={(open) => !open && setDeleting(null)} onDelete={rules.remove} />
    </>
  );
}

/** The org-wide "agents see only their leads" switch. */
function VisibilityCard() {
  const { state, retry, setAgentsSeeAssignedOnly } = useOrgSettings();
  const [saving, setSaving] = useState(false);

  async function flip(value: boolean) {
    setSaving(true);
    try {
      await setAgentsSeeAssignedOnly(value);
      toast({ title: value ? "Agents now see only their leads" : "Agents now see every lead", variant: "success" });
    } catch (error) {
      toast({ title: "Couldn't change lead visibility", description: errorMessage(error), variant: "error" });
    } finally {
      setSaving(false);
    }
  }

  return (
    <Card>
      <CardBody className="flex flex-wrap items-center justify-between gap-4">
        <div className="space-y-0.5">
          <h2 className="text-base font-semibold">{VISIBILITY_LABEL}</h2>
          <p className="text-sm text-zinc-500 dark:text-zinc-400">
            When on, agents see a lead only once it is assigned to them. Owners and admins always see every lead.
          </p>
        </div>
        {state.status === "loading" && <Spinner label="Loading" />}
        {state.status === "error" && (
          <Button variant="secondary" size="sm" onClick={retry}>
            Retry
          </Button>
        )}
        {state.status === "ready" && (
          <Switch checked={state.org.agentsSeeAssignedOnly} label={VISIBILITY_LABEL} disabled={saving} onCheckedChange={(v) => void flip(v)} />
        )}
      </CardBody>
    </Card>
  );
}
