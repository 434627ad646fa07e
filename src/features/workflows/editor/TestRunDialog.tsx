import { useState } from "react";
import { leadDisplayName, type Lead } from "@/domain/leads";
import { nodeTitle } from "@/domain/workflows/builderHelpers";
import { nodeById, type DryRunResult, type DryRunStep, type WorkflowGraph } from "@/domain/workflows";
import { errorMessage } from "@/lib/apiError";
import { cn } from "@/lib/cn";
import { Button } from "@/ui/Button";
import { Dialog, DialogContent } from "@/ui/Dialog";
import { FormError } from "@/ui/Field";
import { testWorkflow } from "../workflowsApi";
import { IssueList } from "./IssueList";
import { LeadPicker } from "./LeadPicker";

const OUTCOMES: Record<DryRunStep["outcome"], { label: string; tone: string }> = {
  would_run: { label: "Would run", tone: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950/60 dark:text-emerald-300" },
  would_skip: { label: "Would skip", tone: "bg-zinc-200 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300" },
  would_stop: { label: "Would stop", tone: "bg-amber-100 text-amber-800 dark:bg-amber-950/60 dark:text-amber-300" },
};

/** A dry run of the saved draft on one lead: what each step would do, in order. Nothing is sent or changed. */
export function TestRunDialog({ workflowId, graph, open, onOpenChange, beforeRun }: { workflowId: string; graph: WorkflowGraph; open: boolean; onOpenChange: (o: boolean) => void; beforeRun: () => Promise<boolean> }) {
  const [lead, setLead] = useState<Lead | null>(null);
  const [result, setResult] = useState<DryRunResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const run = async () => {
    if (!lead) return;
    setRunning(true);
    setError(null);
    try {
      if (!(await beforeRun())) throw new Error("Save the draft first: it could not be saved.");
      setResult(await testWorkflow(workflowId, lead.id));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setRunning(false);
    }
  };
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      {open && (
        <DialogContent title="Test run" description="A dry run of the draft on one lead: nothing is sent or changed." className="max-w-2xl">
          <div className="space-y-4">
            <LeadPicker value={lead} onChange={(l) => (setLead(l), setResult(null))} />
            <div className="flex items-center justify-between gap-2">
              <p className="text-sm text-zinc-500">{lead ? <>Testing on <strong className="text-zinc-800 dark:text-zinc-100">{leadDisplayName(lead)}</strong></> : "Pick a lead."}</p>
              <Button onClick={() => void run()} disabled={!lead} loading={running}>Run test</Button>
            </div>
            <FormError message={error ?? undefined} />
            {result && (
              <section aria-label="Test result" className="space-y-3">
                <p className={cn("text-sm font-medium", result.matchesTrigger ? "text-emerald-700 dark:text-emerald-400" : "text-amber-700 dark:text-amber-400")}>
                  {result.matchesTrigger ? "This lead matches the trigger." : "This lead does not match the trigger's conditions: the workflow would not start."}
                </p>
                <ol className="space-y-2" aria-label="Steps">
                  {result.steps.map((step, i) => {
                    const node = nodeById(graph, step.stepId);
                    const outcome = OUTCOMES[step.outcome];
                    return (
                      <li key={`${step.stepId}-${i}`} className="flex items-start gap-3 rounded-md border border-zinc-200 p-2.5 text-sm dark:border-zinc-800">
                        <span className="w-5 text-right text-zinc-400 tabular-nums">{i + 1}.</span>
                        <div className="min-w-0 flex-1">
                          <p className="font-medium">{node ? nodeTitle(node) : step.stepId}</p>
                          <p className="text-zinc-600 dark:text-zinc-300">{step.summary}</p>
                        </div>
                        <span className={cn("rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap", outcome.tone)}>{outcome.label}</span>
                      </li>
                    );
                  })}
                </ol>
                <IssueList issues={result.issues} label="Issues found" />
              </section>
            )}
          </div>
        </DialogContent>
      )}
    </Dialog>
  );
}
