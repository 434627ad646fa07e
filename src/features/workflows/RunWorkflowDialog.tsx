import { useEffect, useState } from "react";
import type { WorkflowSummary } from "@/domain/workflows";
import { errorMessage } from "@/lib/apiError";
import { isAbortError } from "@/lib/http";
import { Button } from "@/ui/Button";
import { Dialog, DialogClose, DialogContent } from "@/ui/Dialog";
import { FormError } from "@/ui/Field";
import { Spinner } from "@/ui/Spinner";
import { toast } from "@/ui/toastStore";
import { listWorkflows, runWorkflow } from "./workflowsApi";

/** The workflows a person can run by hand: published, switched on, and started by "Run by hand". */
export const runnableByHand = (w: WorkflowSummary) => w.triggerEvent === "manual" && w.enabled && w.version !== null;

const leads = (n: number) => `${n.toLocaleString("en-US")} ${n === 1 ? "lead" : "leads"}`;

/** Runs a manual-trigger workflow on the selected leads (from the leads list's bulk action bar). */
export function RunWorkflowDialog({ leadIds, open, onOpenChange }: { leadIds: string[]; open: boolean; onOpenChange: (open: boolean) => void }) {
  const [workflows, setWorkflows] = useState<WorkflowSummary[] | null>(null);
  const [chosen, setChosen] = useState<string>("");
  const [error, setError] = useState<string | null>(null);
  const [running, setRunning] = useState(false);

  useEffect(() => {
    if (!open) return;
    const controller = new AbortController();
    listWorkflows(controller.signal).then(
      (list) => setWorkflows(list.filter(runnableByHand)),
      (err: unknown) => !isAbortError(err) && setError(errorMessage(err)),
    );
    return () => controller.abort();
  }, [open]);

  const run = async () => {
    const workflow = workflows?.find((w) => w.id === chosen);
    if (!workflow) return;
    setRunning(true);
    setError(null);
    try {
      const { queued } = await runWorkflow(workflow.id, leadIds);
      toast({
        title: `“${workflow.name}” is starting for ${leads(queued)}`,
        description: "Leads that don't match its conditions are passed over; see its runs for each one.",
        variant: "success",
      });
      onOpenChange(false);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setRunning(false);
    }
  };

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      {open && (
        <DialogContent title="Run a workflow" description={`On the ${leads(leadIds.length)} you selected.`}>
          <div className="space-y-4">
            <FormError message={error ?? undefined} />
            {!workflows && !error && <Spinner label="Loading the workflows" />}
            {workflows?.length === 0 && (
              <p className="text-sm text-zinc-500 dark:text-zinc-400">No workflow runs by hand yet. Publish and switch on one whose trigger is “Run by hand”.</p>
            )}
            {workflows && workflows.length > 0 && (
              <fieldset className="space-y-2">
                <legend className="sr-only">Workflow</legend>
                {workflows.map((w) => (
                  <label key={w.id} className="flex items-start gap-2 rounded-md border border-zinc-200 p-2.5 text-sm has-checked:border-accent-500 dark:border-zinc-800">
                    <input type="radio" name="workflow" value={w.id} checked={chosen === w.id} onChange={() => setChosen(w.id)} className="mt-0.5" />
                    <span>
                      <span className="font-medium">{w.name}</span>
                      {w.description && <span className="block text-xs text-zinc-500 dark:text-zinc-400">{w.description}</span>}
                    </span>
                  </label>
                ))}
              </fieldset>
            )}
            <div className="flex justify-end gap-2">
              <DialogClose asChild><Button variant="ghost">Cancel</Button></DialogClose>
              <Button onClick={() => void run()} disabled={!chosen} loading={running}>Run</Button>
            </div>
          </div>
        </DialogContent>
      )}
    </Dialog>
  );
}
