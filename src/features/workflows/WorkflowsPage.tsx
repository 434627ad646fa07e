import { Link } from "@tanstack/react-router";
import { Workflow as WorkflowIcon } from "lucide-react";
import { useCallback, useEffect, useState } from "react";
import type { WorkflowSummary } from "@/domain/workflows";
import { errorMessage } from "@/lib/apiError";
import { canManageMembers, useActiveMembership } from "@/features/orgs/useActiveMembership";
import { Switch } from "@/features/leadSources/Switch";
import { Button } from "@/ui/Button";
import { Card } from "@/ui/Card";
import { Notice } from "@/ui/Notice";
import { PageHeader } from "@/ui/PageHeader";
import { Spinner } from "@/ui/Spinner";
import { Table, Td, Th } from "@/ui/Table";
import { toast } from "@/ui/toastStore";
import { NewWorkflowDialog } from "./NewWorkflowDialog";
import { StarterTemplatesDialog } from "./StarterTemplatesDialog";
import { triggerLabel, versionLabel } from "./workflowLabels";
import { listWorkflows, updateWorkflow } from "./workflowsApi";

/** The org's workflows: what starts each, its published version, on/off, and how its runs are going. Managers create and switch them. */
export function WorkflowsPage() {
  const [items, setItems] = useState<WorkflowSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dialog, setDialog] = useState<"new" | "templates" | null>(null);
  const manager = canManageMembers(useActiveMembership()?.role);

  const load = useCallback(() => listWorkflows().then((list) => (setItems(list), setError(null)), (err: unknown) => setError(errorMessage(err))), []);
  useEffect(() => void load(), [load]);

  const setEnabled = async (w: WorkflowSummary, enabled: boolean) => {
    setItems((list) => list?.map((x) => (x.id === w.id ? { ...x, enabled } : x)) ?? null);
    try {
      await updateWorkflow(w.id, { enabled });
      toast({ title: `“${w.name}” ${enabled ? "turned on" : "turned off"}`, variant: "success" });
    } catch (err) {
      toast({ title: "Couldn't switch the workflow", description: errorMessage(err), variant: "error" });
      void load();
    }
  };

  return (
    <div className="space-y-6">
      <PageHeader
        title="Workflows"
        description="Steps that run by themselves when something happens: a new lead, a reply, a deal that sits still."
        actions={
          manager && (
            <>
              <Button variant="secondary" onClick={() => setDialog("templates")}>Start from a template</Button>
              <Button onClick={() => setDialog("new")}>New workflow</Button>
            </>
          )
        }
      />
      {error && <Notice title="Couldn't load the workflows">{error}</Notice>}
      {!items && !error && <Spinner label="Loading the workflows" />}
      {items?.length === 0 && (
        <Notice
          icon={<WorkflowIcon className="size-5" aria-hidden="true" />}
          title="No workflows yet"
          action={manager && <Button onClick={() => setDialog("templates")}>Start from a template</Button>}
        >
          {manager
            ? "The quickest start is a template: an instant text to new leads, a follow-up drip, or a reminder for deals that stall."
            : "Your owner or admins set workflows up; they will show here."}
        </Notice>
      )}
      {items && items.length > 0 && (
        <Card>
          <Table aria-label="Workflows">
            <thead>
              <tr>
                <Th>Name</Th>
                <Th>Trigger</Th>
                <Th>Version</Th>
                <Th>Enabled</Th>
                <Th className="text-right">Running</Th>
                <Th className="text-right">Completed</Th>
                <Th className="text-right">Failed</Th>
              </tr>
            </thead>
            <tbody>
              {items.map((w) => (
                <tr key={w.id}>
                  <Td className="max-w-xs">
                    <Link to="/workflows/$workflowId" params={{ workflowId: w.id }} className="font-medium text-accent-700 hover:underline dark:text-accent-300">
                      {w.name}
                    </Link>
                    {w.description && <p className="truncate text-xs text-zinc-500 dark:text-zinc-400">{w.description}</p>}
                  </Td>
                  <Td>{triggerLabel(w.triggerEvent)}</Td>
                  <Td className="whitespace-nowrap text-zinc-600 dark:text-zinc-300">{versionLabel(w)}</Td>
                  <Td>
                    <Switch
                      checked={w.enabled}
                      label={`Enable “${w.name}”`}
                      disabled={!manager || w.version === null}
                      onCheckedChange={(on) => void setEnabled(w, on)}
                    />
                  </Td>
                  <Td className="text-right tabular-nums">{w.executions.running}</Td>
                  <Td className="text-right tabular-nums">{w.executions.completed}</Td>
                  <Td className={`text-right tabular-nums ${w.executions.failed ? "font-semibold text-red-700 dark:text-red-400" : ""}`}>{w.executions.failed}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        </Card>
      )}
      <NewWorkflowDialog open={dialog === "new"} onOpenChange={(o) => setDialog(o ? "new" : null)} />
      <StarterTemplatesDialog open={dialog === "templates"} onOpenChange={(o) => setDialog(o ? "templates" : null)} />
    </div>
  );
}
