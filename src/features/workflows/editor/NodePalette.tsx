import type { DragEvent } from "react";
import { ACTION_LABELS, type NodeType } from "@/domain/workflows";
import { NODE_ICONS } from "./nodeIcons";

/** The dataTransfer type a palette item carries while dragged onto the canvas. */
export const PALETTE_MIME = "application/x-workflow-step";

const GROUPS: { title: string; types: NodeType[] }[] = [
  { title: "Start", types: ["trigger"] },
  { title: "Messages", types: ["send_sms", "send_email"] },
  { title: "Lead and deal", types: ["update_field", "change_status", "move_stage", "assign", "create_task", "add_note", "enrich"] },
  { title: "Flow", types: ["wait", "branch", "stop_on", "webhook"] },
];

export const paletteLabel = (type: NodeType) => (type === "trigger" ? "Trigger" : ACTION_LABELS[type]);

/** The steps to add: drag one onto the canvas, or click it (Enter/Space) to add it under the selected step. */
export function NodePalette({ onAdd, hasTrigger, disabled }: { onAdd: (type: NodeType) => void; hasTrigger: boolean; disabled?: boolean }) {
  const onDragStart = (event: DragEvent, type: NodeType) => {
    event.dataTransfer.setData(PALETTE_MIME, type);
    event.dataTransfer.effectAllowed = "move";
  };
  return (
    <nav aria-label="Steps to add" className="h-full space-y-4 overflow-y-auto border-r border-zinc-200 bg-white p-3 dark:border-zinc-800 dark:bg-zinc-900">
      <p className="text-xs text-zinc-500 dark:text-zinc-400">Drag onto the canvas, or click to add below the selected step.</p>
      {GROUPS.map((group) => (
        <section key={group.title} aria-label={group.title} className="space-y-1">
          <h3 className="text-[11px] font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400">{group.title}</h3>
          <ul className="space-y-1">
            {group.types.map((type) => {
              const Icon = NODE_ICONS[type];
              const off = disabled || (type === "trigger" && hasTrigger);
              return (
                <li key={type}>
                  <button
                    type="button"
                    data-testid={`palette-${type}`}
                    draggable={!off}
                    disabled={off}
                    title={type === "trigger" && hasTrigger ? "A workflow has one trigger" : undefined}
                    onDragStart={(e) => onDragStart(e, type)}
                    onClick={() => onAdd(type)}
                    className="flex w-full cursor-grab items-center gap-2 rounded-md border border-zinc-200 bg-white px-2 py-1.5 text-left text-sm hover:border-accent-400 hover:bg-accent-50 focus-visible:ring-2 focus-visible:ring-accent-500/40 focus-visible:outline-none disabled:cursor-not-allowed disabled:opacity-50 dark:border-zinc-700 dark:bg-zinc-900 dark:hover:bg-zinc-800"
                  >
                    <Icon className="size-4 shrink-0 text-zinc-500" aria-hidden="true" />
                    {paletteLabel(type)}
                  </button>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </nav>
  );
}
