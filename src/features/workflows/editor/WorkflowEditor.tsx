import { useCallback, useEffect, useMemo, useState } from "react";
import { useShallow } from "zustand/react/shallow";
import { hasErrors, validateGraph, type GraphIssue, type NodeType, type WorkflowDetail } from "@/domain/workflows";
import { errorMessage, isApiError } from "@/lib/apiError";
import { Button } from "@/ui/Button";
import { Input } from "@/ui/Input";
import { Spinner } from "@/ui/Spinner";
import { toast } from "@/ui/toastStore";
import { getWorkflow, publishWorkflow, updateWorkflow } from "../workflowsApi";
import { CanvasDecorationsContext, issuesByNode } from "./canvasDecorations";
import { selectGraph, useDraftStore } from "./draftStore";
import { EditorCanvas } from "./EditorCanvas";
import { IssuesSummary } from "./IssuesSummary";
import { NodeConfigPanel } from "./NodeConfigPanel";
import { NodePalette } from "./NodePalette";
import { SaveIndicator } from "./SaveIndicator";
import { TestRunDialog } from "./TestRunDialog";
import { useAutosave } from "./useAutosave";
import { useEditorLookups } from "./useEditorLookups";

export interface WorkflowEditorProps {
  workflow: WorkflowDetail;
  /** Owners and admins edit; agents look. */
  readOnly: boolean;
  /** The workflow as the API last answered (after a save, a publish). */
  onSaved: (detail: WorkflowDetail) => void;
}

/** The builder: palette, canvas and the selected step's panel; autosaves the draft, publishes it, test-runs it. */
export function WorkflowEditor(props: WorkflowEditorProps) {
  const workflowId = props.workflow.id;
  const loaded = useDraftStore((s) => s.workflowId === workflowId);
  // The draft loads once per workflow; later answers of the API (after saves) don't overwrite edits.
  useEffect(() => {
    useDraftStore.getState().load({ workflowId, name: props.workflow.name, graph: props.workflow.graph });
    return () => useDraftStore.setState({ workflowId: null });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [workflowId]);
  return loaded ? <EditorBody {...props} /> : <Spinner label="Opening the draft" />;
}

function EditorBody({ workflow, readOnly, onSaved }: WorkflowEditorProps) {
  const { name, nodes, edges, revision } = useDraftStore(useShallow((s) => ({ name: s.name, nodes: s.nodes, edges: s.edges, revision: s.revision })));
  const { rename, addNode, updateNode, removeNode, select } = useDraftStore(useShallow((s) => ({ rename: s.rename, addNode: s.addNode, updateNode: s.updateNode, removeNode: s.removeNode, select: s.select })));
  const { lookups, summary, templates } = useEditorLookups();
  const [publishIssues, setPublishIssues] = useState<{ revision: number; issues: GraphIssue[] } | null>(null);
  const [publishing, setPublishing] = useState(false);
  const [published, setPublished] = useState<number | null>(null);
  const [testing, setTesting] = useState(false);
  const workflowId = workflow.id;

  const save = useCallback(async () => {
    const draft = useDraftStore.getState();
    onSaved(await updateWorkflow(workflowId, { name: draft.name.trim() || workflow.name, graph: selectGraph(draft) }));
  }, [workflowId, workflow.name, onSaved]);
  const autosave = useAutosave(save, revision);

  const graph = useMemo(() => selectGraph({ nodes, edges }), [nodes, edges]);
  const liveIssues = useMemo(() => validateGraph(graph, { templates }), [graph, templates]);
  const issues = publishIssues?.revision === revision ? publishIssues.issues : liveIssues;
  const decorations = useMemo(() => ({ issuesByNode: issuesByNode(issues), lookups: summary }), [issues, summary]);
  const selected = nodes.find((n) => n.selected);

  const publish = async () => {
    setPublishing(true);
    try {
      if (!(await autosave.flush())) throw new Error("The draft could not be saved.");
      const detail = await publishWorkflow(workflowId, workflow.version === null ? true : undefined);
      onSaved(detail);
      setPublishIssues(null);
      setPublished(detail.version);
      toast({ title: `Version ${detail.version} published`, description: detail.enabled ? "It runs from now on." : "It is turned off: switch it on to run it.", variant: "success" });
    } catch (err) {
      if (isApiError(err) && err.status === 422) {
        // The answer's issues are the draft's, which GET also reports.
        const fresh = await getWorkflow(workflowId).catch(() => null);
        const found = fresh?.issues ?? liveIssues;
        setPublishIssues({ revision: useDraftStore.getState().revision, issues: found });
        const count = found.filter((i) => i.severity === "error").length;
        toast({ title: "Not published", description: `${err.message} ${count ? `${count} ${count === 1 ? "error needs" : "errors need"} fixing: see the marked steps.` : ""}`.trim(), variant: "error" });
      } else {
        toast({ title: "Couldn't publish", description: errorMessage(err), variant: "error" });
      }
    } finally {
      setPublishing(false);
    }
  };

  const onConfigChange = useCallback((config: Record<string, unknown>) => selected && updateNode(selected.id, { config }), [selected?.id, updateNode]); // eslint-disable-line react-hooks/exhaustive-deps
  const add = (type: NodeType) => addNode(type);

  return (
    <CanvasDecorationsContext.Provider value={decorations}>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2 border-b border-zinc-200 pb-3 dark:border-zinc-800">
        <label className="sr-only" htmlFor="workflow-name">Workflow name</label>
        <div className="w-80 max-w-full">
          <Input id="workflow-name" value={name} onChange={(e) => rename(e.target.value)} disabled={readOnly} maxLength={120} className="h-8! font-medium" />
        </div>
        <SaveIndicator state={autosave.state} error={autosave.error} />
        <div className="min-w-0 flex-1">
          <IssuesSummary issues={issues} onShow={select} />
        </div>
        {published !== null && <p role="status" data-testid="publish-result" className="text-sm font-medium text-emerald-700 dark:text-emerald-400">Version {published} published</p>}
        <Button variant="secondary" size="sm" onClick={() => setTesting(true)}>Test run</Button>
        {!readOnly && (
          <Button size="sm" onClick={() => void publish()} loading={publishing} title={hasErrors(issues) ? "Fix the errors first" : undefined}>
            Publish
          </Button>
        )}
      </div>
      <div className="relative mt-3 grid h-[calc(100vh-18rem)] min-h-[28rem] grid-cols-[11rem_1fr] overflow-hidden rounded-lg border border-zinc-200 xl:grid-cols-[12rem_1fr_22rem] dark:border-zinc-800" data-selected={selected?.id}>
        <NodePalette onAdd={add} hasTrigger={nodes.some((n) => n.data.nodeType === "trigger")} disabled={readOnly} />
        <div className="relative min-w-0">
          <EditorCanvas readOnly={readOnly} />
        </div>
        {selected ? (
          <div className="absolute inset-y-0 right-0 z-20 w-[22rem] xl:static xl:w-auto">
            <NodeConfigPanel
              node={{ id: selected.id, type: selected.data.nodeType, label: selected.data.label, config: selected.data.config }}
              issues={decorations.issuesByNode.get(selected.id) ?? []}
              lookups={{ ...lookups, webhook: workflow.webhook }}
              onConfigChange={onConfigChange}
              onLabelChange={(label) => updateNode(selected.id, { label })}
              onDelete={() => removeNode(selected.id)}
              onClose={() => select(null)}
              readOnly={readOnly}
            />
          </div>
        ) : (
          <p className="hidden p-4 text-sm text-zinc-500 xl:block dark:text-zinc-400">Select a step to change its settings.</p>
        )}
      </div>
      <TestRunDialog workflowId={workflowId} graph={graph} open={testing} onOpenChange={setTesting} beforeRun={autosave.flush} />
    </CanvasDecorationsContext.Provider>
  );
}
