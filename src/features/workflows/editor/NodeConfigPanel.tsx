import { Trash2, X } from "lucide-react";
import { ACTION_LABELS, type GraphIssue, type NodeType } from "@/domain/workflows";
import { Button } from "@/ui/Button";
import { Field } from "@/ui/Field";
import { Input } from "@/ui/Input";
import type { EditorLookups } from "../forms/formKit";
import { NodeConfigForm } from "../forms/NodeConfigForm";
import { IssueList } from "./IssueList";

export interface PanelNode {
  id: string;
  type: NodeType;
  label?: string;
  config: Record<string, unknown>;
}

export interface NodeConfigPanelProps {
  node: PanelNode;
  issues: GraphIssue[];
  lookups: EditorLookups;
  onConfigChange: (config: Record<string, unknown>) => void;
  onLabelChange: (label: string) => void;
  onDelete: () => void;
  onClose: () => void;
  readOnly?: boolean;
}

const typeLabel = (type: NodeType) => (type === "trigger" ? "Trigger" : ACTION_LABELS[type]);

/** The side panel of the selected step: its name, its settings form, what is still wrong with it, and Delete. */
export function NodeConfigPanel({ node, issues, lookups, onConfigChange, onLabelChange, onDelete, onClose, readOnly }: NodeConfigPanelProps) {
  return (
    <aside aria-label="Step settings panel" className="flex h-full flex-col overflow-hidden border-l border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
      <header className="flex items-center justify-between gap-2 border-b border-zinc-200 px-4 py-3 dark:border-zinc-800">
        <div className="min-w-0">
          <p className="text-xs font-medium tracking-wide text-zinc-500 uppercase dark:text-zinc-400">{typeLabel(node.type)}</p>
          <h2 className="truncate font-semibold">{node.label || typeLabel(node.type)}</h2>
        </div>
        <Button size="sm" variant="ghost" onClick={onClose} aria-label="Close the panel">
          <X className="size-4" aria-hidden="true" />
        </Button>
      </header>
      <fieldset disabled={readOnly} className="flex-1 space-y-4 overflow-y-auto px-4 py-4">
        <IssueList issues={issues} label="Problems with this step" />
        <Field label="Step name" hint="Optional: shown on the canvas.">
          {(c) => <Input {...c} value={node.label ?? ""} maxLength={120} placeholder={typeLabel(node.type)} onChange={(e) => onLabelChange(e.target.value)} />}
        </Field>
        <NodeConfigForm key={`${node.id}:${node.type}`} type={node.type} config={node.config} lookups={lookups} onChange={onConfigChange} />
      </fieldset>
      {!readOnly && (
        <footer className="border-t border-zinc-200 px-4 py-3 dark:border-zinc-800">
          <Button variant="ghost" size="sm" onClick={onDelete} className="text-red-700 hover:bg-red-50 dark:text-red-400 dark:hover:bg-red-950/40">
            <Trash2 className="size-4" aria-hidden="true" /> Delete step
          </Button>
        </footer>
      )}
    </aside>
  );
}
