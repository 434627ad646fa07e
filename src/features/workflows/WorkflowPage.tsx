import { Link, useParams } from "@tanstack/react-router";
import { ChevronLeft } from "lucide-react";
import { useCallback, useEffect, useState } from "react";
import type { WorkflowDetail } from "@/domain/workflows";
import { errorMessage } from "@/lib/apiError";
import { cn } from "@/lib/cn";
import { canManageMembers, useActiveMembership } from "@/features/orgs/useActiveMembership";
import { Switch } from "@/features/leadSources/Switch";
import { Notice } from "@/ui/Notice";
import { Spinner } from "@/ui/Spinner";
import { toast } from "@/ui/toastStore";
import { WorkflowEditor } from "./editor/WorkflowEditor";
import { WorkflowRunsView } from "./runs/WorkflowRunsView";
import { triggerLabel, versionLabel } from "./workflowLabels";
import { getWorkflow, updateWorkflow } from "./workflowsApi";

type Tab = "editor" | "runs";

/** /workflows/$workflowId */
export function WorkflowEditorRoute() {
  const { workflowId } = useParams({ strict: false });
  return <WorkflowPage key={workflowId} workflowId={workflowId ?? ""} tab="editor" />;
}

/** /workflows/$workflowId/runs */
export function WorkflowRunsRoute() {
  const { workflowId } = useParams({ strict: false });
  return <WorkflowPage key={workflowId} workflowId={workflowId ?? ""} tab="runs" />;
}

/** One workflow: its name, version and on/off switch, and two tabs — the builder and the runs. */
export function WorkflowPage({ workflowId, tab }: { workflowId: string; tab: Tab }) {
  const [workflow, setWorkflow] = useState<WorkflowDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const manager = canManageMembers(useActiveMembership()?.role);
  useEffect(() => {
    const controller = new AbortController();
    getWorkflow(workflowId, controller.signal).then(setWorkflow, (err: unknown) => !controller.signal.aborted && setError(errorMessage(err)));
    return () => controller.abort();
  }, [workflowId]);
  const onSaved = useCallback((detail: WorkflowDetail) => setWorkflow(detail), []);

  const setEnabled = async (enabled: boolean) => {
    if (!workflow) return;
    setWorkflow({ ...workflow, enabled });
    try {
      setWorkflow(await updateWorkflow(workflow.id, { enabled }));
      toast({ title: enabled ? "Workflow turned on" : "Workflow turned off", variant: "success" });
    } catch (err) {
      setWorkflow({ ...workflow });
      toast({ title: "Couldn't switch the workflow", description: errorMessage(err), variant: "error" });
    }
  };

  if (error) return <Notice title="Couldn't open the workflow">{error}</Notice>;
  if (!workflow) return <Spinner label="Loading the workflow" />;
  const tabClass = (t: Tab) =>
    cn("border-b-2 px-1 pb-2 text-sm font-medium", t === tab ? "border-accent-600 text-accent-700 dark:text-accent-300" : "border-transparent text-zinc-500 hover:text-zinc-800 dark:hover:text-zinc-200");
  return (
    <div className="space-y-4">
      <div className="space-y-1">
        <Link to="/workflows" className="inline-flex items-center gap-1 text-sm text-zinc-500 hover:text-zinc-800 dark:hover:text-zinc-200">
          <ChevronLeft className="size-4" aria-hidden="true" /> Workflows
        </Link>
        <div className="flex flex-wrap items-center justify-between gap-3">
          <div className="min-w-0">
            <h1 className="truncate text-2xl font-semibold tracking-tight">{workflow.name}</h1>
            <p className="text-sm text-zinc-500 dark:text-zinc-400" data-testid="workflow-version">
              {triggerLabel(workflow.triggerEvent)} · {versionLabel(workflow)}
            </p>
          </div>
          <div className="flex items-center gap-2 text-sm text-zinc-600 dark:text-zinc-300" title={workflow.version === null ? "Publish it first" : undefined}>
            <span aria-hidden="true">{workflow.enabled ? "On" : "Off"}</span>
            <Switch checked={workflow.enabled} onCheckedChange={(on) => void setEnabled(on)} label="Enabled" disabled={!manager || workflow.version === null} />
          </div>
        </div>
      </div>
      <nav aria-label="Workflow views" className="flex gap-5 border-b border-zinc-200 dark:border-zinc-800">
        <Link to="/workflows/$workflowId" params={{ workflowId }} className={tabClass("editor")} aria-current={tab === "editor" ? "page" : undefined}>Editor</Link>
        <Link to="/workflows/$workflowId/runs" params={{ workflowId }} className={tabClass("runs")} aria-current={tab === "runs" ? "page" : undefined}>Runs</Link>
      </nav>
      {tab === "editor" ? <WorkflowEditor workflow={workflow} readOnly={!manager} onSaved={onSaved} /> : <WorkflowRunsView workflowId={workflowId} />}
    </div>
  );
}
