import {
  closestCorners,
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  useDroppable,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
  type DragOverEvent,
  type DragStartEvent,
  type ScreenReaderInstructions,
} from "@dnd-kit/core";
import { SortableContext, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { GripVertical } from "lucide-react";
import { memo, useCallback, useLayoutEffect, useMemo, useRef, useState, type KeyboardEventHandler, type PointerEventHandler } from "react";
import type { OpportunityCard, PipelineColumn, PipelineStage } from "@/domain/pipeline";
import { cn } from "@/lib/cn";
import { Button } from "@/ui/Button";
import { dropTarget, findCard, moveCard } from "./boardState";
import { formatMoneyCompact } from "./money";
import { OpportunityCardContent } from "./OpportunityCardContent";

/** Cards rendered per column at first; "Show more" adds as many again. Keeps a 2,000-deal board light. */
export const PAGE_SIZE = 50;

const COLUMN_PREFIX = "column:";
const columnDroppableId = (stageId: string) => `${COLUMN_PREFIX}${stageId}`;
const stageIdOf = (droppableId: string) => (droppableId.startsWith(COLUMN_PREFIX) ? droppableId.slice(COLUMN_PREFIX.length) : null);

const screenReaderInstructions: ScreenReaderInstructions = {
  draggable:
    "To move a deal, press Space. While moving, use the arrow keys: up and down within a stage, left and right to another stage. " +
    "Press Space again to drop the deal, or Escape to cancel.",
};

export interface BoardProps {
  columns: PipelineColumn[];
  /** Cards with a move in flight: not draggable until it is answered. */
  pending: ReadonlySet<string>;
  now: number;
  /** A card dropped somewhere new: stage and 0-based index in it. */
  onMove: (cardId: string, stageId: string, index: number) => void;
}

/**
 * The Kanban board. While a card is dragged the board works on a preview copy of the columns (the card moves
 * between columns as it is dragged over them, counts and totals follow); the drop hands the final place to onMove,
 * a cancel just drops the preview. Mouse, touch and keyboard (Space, arrows, Space) all drive it.
 */
export function Board({ columns, pending, now, onMove }: BoardProps) {
  const [preview, setPreview] = useState<PipelineColumn[] | null>(null);
  const [activeId, setActiveId] = useState<string | null>(null);
  const [limits, setLimits] = useState<Record<string, number>>({});
  const previewRef = useRef<PipelineColumn[] | null>(null);
  const originRef = useRef<{ stageId: string; index: number } | null>(null);
  const droppedRef = useRef<{ title: string; stage: string; position: number; of: number } | null>(null);
  const shown = preview ?? columns;

  const setPreviewColumns = (next: PipelineColumn[] | null) => {
    previewRef.current = next;
    setPreview(next);
  };
  const limitOf = useCallback((stageId: string) => limits[stageId] ?? PAGE_SIZE, [limits]);

  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 5 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );

  const onDragStart = ({ active }: DragStartEvent) => {
    const at = findCard(columns, String(active.id));
    originRef.current = at ? { stageId: at.column.id, index: at.index } : null;
    setActiveId(String(active.id));
    setPreviewColumns(columns);
  };

  // Across columns the card is moved in the preview as soon as it is over another one; within one, sortable shifts the others.
  const onDragOver = ({ active, over }: DragOverEvent) => {
    const current = previewRef.current;
    if (!over || !current) return;
    const id = String(active.id);
    const target = dropTarget(current, id, String(over.id), stageIdOf, limitOf);
    const at = findCard(current, id);
    if (!target || !at || target.stageId === at.column.id) return;
    setPreviewColumns(moveCard(current, id, target.stageId, target.index));
  };

  const finish = () => {
    setActiveId(null);
    setPreviewColumns(null);
  };

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    const current = previewRef.current;
    const origin = originRef.current;
    finish();
    droppedRef.current = null;
    if (!current || !origin) return;
    const id = String(active.id);
    let final = current;
    if (over) {
      const target = dropTarget(current, id, String(over.id), stageIdOf, limitOf);
      if (target) final = moveCard(current, id, target.stageId, target.index);
    }
    const at = findCard(final, id);
    if (!at) return;
    // For the announcement, which comes after this handler.
    droppedRef.current = { title: at.card.title, stage: at.column.name, position: at.index + 1, of: at.column.opportunities.length };
    if (at.column.id === origin.stageId && at.index === origin.index) return;
    onMove(id, at.column.id, at.index);
  };

  const announcements = useMemo<Announcements>(() => {
    const describe = (id: string | number) => {
      const at = findCard(previewRef.current ?? columns, String(id));
      return at ? { title: at.card.title, stage: at.column.name, position: at.index + 1, of: at.column.opportunities.length } : null;
    };
    return {
      onDragStart: ({ active }) => {
        const d = describe(active.id);
        return d ? `Picked up ${d.title} in ${d.stage}, position ${d.position} of ${d.of}.` : undefined;
      },
      onDragOver: ({ active, over }) => {
        const d = describe(active.id);
        if (!d) return undefined;
        return over ? `${d.title} is in ${d.stage}, position ${d.position} of ${d.of}.` : `${d.title} is no longer over a stage.`;
      },
      onDragEnd: ({ active, over }) => {
        const d = droppedRef.current ?? describe(active.id);
        if (!d) return undefined;
        return over ? `Dropped ${d.title} in ${d.stage}, position ${d.position} of ${d.of}.` : `Dropped ${d.title}; it stays where it was.`;
      },
      onDragCancel: ({ active }) => {
        const at = findCard(columns, String(active.id));
        return at ? `Moving ${at.card.title} was cancelled. It is back in ${at.column.name}.` : undefined;
      },
    };
  }, [columns]);

  // Stable between moves (cards are memoised on them): the stages only change when the stages do.
  const stagesKey = JSON.stringify(columns.map(({ id, name, position, kind, probability }) => [id, name, position, kind, probability]));
  const stages = useMemo<PipelineStage[]>(
    () => (JSON.parse(stagesKey) as [string, string, number, PipelineStage["kind"], number][]).map(([id, name, position, kind, probability]) => ({ id, name, position, kind, probability })),
    [stagesKey],
  );
  const latest = useRef({ columns, onMove, limitOf });
  useLayoutEffect(() => {
    latest.current = { columns, onMove, limitOf };
  });
  const onMoveTo = useCallback((cardId: string, stageId: string) => {
    const { columns: cols, onMove: move, limitOf: limit } = latest.current;
    const column = cols.find((c) => c.id === stageId);
    if (column) move(cardId, stageId, Math.min(column.opportunities.length, limit(stageId)));
  }, []);
  const active = activeId ? findCard(shown, activeId) : null;

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={closestCorners}
      onDragStart={onDragStart}
      onDragOver={onDragOver}
      onDragEnd={onDragEnd}
      onDragCancel={finish}
      accessibility={{ announcements, screenReaderInstructions }}
    >
      <div className="-mx-4 overflow-x-auto px-4 pb-4 sm:-mx-8 sm:px-8" role="region" aria-label="Pipeline board">
        <ol className="flex min-w-max items-start gap-3">
          {shown.map((column) => (
            <BoardColumn
              key={column.id}
              column={column}
              stages={stages}
              limit={limitOf(column.id)}
              onShowMore={() => setLimits((l) => ({ ...l, [column.id]: limitOf(column.id) + PAGE_SIZE }))}
              pending={pending}
              now={now}
              activeId={activeId}
              onMoveTo={onMoveTo}
            />
          ))}
        </ol>
      </div>
      <DragOverlay dropAnimation={null}>
        {active ? (
          <div className="h-full w-full rotate-1 cursor-grabbing rounded-md border border-accent-400 bg-white p-3 pl-6 shadow-xl dark:bg-zinc-900">
            <OpportunityCardContent card={active.card} stageProbability={active.column.probability} now={now} />
          </div>
        ) : null}
      </DragOverlay>
    </DndContext>
  );
}

const KIND_STYLES: Record<PipelineStage["kind"], string> = {
  open: "bg-zinc-400",
  won: "bg-emerald-500",
  lost: "bg-red-500",
};

interface BoardColumnProps {
  column: PipelineColumn;
  stages: readonly PipelineStage[];
  limit: number;
  onShowMore: () => void;
  pending: ReadonlySet<string>;
  now: number;
  activeId: string | null;
  onMoveTo: (cardId: string, stageId: string) => void;
}

function BoardColumn({ column, stages, limit, onShowMore, pending, now, activeId, onMoveTo }: BoardColumnProps) {
  const { setNodeRef, isOver } = useDroppable({ id: columnDroppableId(column.id) });
  const visible = useMemo(() => column.opportunities.slice(0, limit), [column.opportunities, limit]);
  const ids = useMemo(() => visible.map((c) => c.id), [visible]);
  const hidden = column.opportunities.length - visible.length;
  const headingId = `stage-${column.id}`;
  return (
    <li className="w-64 shrink-0" aria-labelledby={headingId}>
      <section
        ref={setNodeRef}
        aria-labelledby={headingId}
        data-stage-id={column.id}
        className={cn(
          "flex max-h-[calc(100dvh-15rem)] min-h-40 flex-col rounded-lg border border-zinc-200 bg-zinc-50 dark:border-zinc-800 dark:bg-zinc-900/60",
          isOver && "border-accent-400 ring-2 ring-accent-500/20",
        )}
      >
        <header className="space-y-1 border-b border-zinc-200 px-3 py-2.5 dark:border-zinc-800">
          <div className="flex items-center justify-between gap-2">
            <h2 id={headingId} className="flex items-center gap-2 text-sm font-semibold">
              <span aria-hidden="true" className={cn("size-2 rounded-full", KIND_STYLES[column.kind])} />
              {column.name}
            </h2>
            <span className="rounded-full bg-zinc-200 px-2 text-xs font-medium tabular-nums dark:bg-zinc-800" aria-label={`${column.count} deals`} data-testid="column-count">
              {column.count}
            </span>
          </div>
          <p className="flex justify-between text-xs text-zinc-500 tabular-nums dark:text-zinc-400">
            <span aria-label={`Total value ${formatMoneyCompact(column.totalValue)}`} data-testid="column-total">{formatMoneyCompact(column.totalValue)}</span>
            <span aria-label={`Weighted value ${formatMoneyCompact(column.weightedValue)}`} data-testid="column-weighted" title={`Weighted at ${column.probability}% unless a deal has its own probability`}>
              {formatMoneyCompact(column.weightedValue)} weighted
            </span>
          </p>
        </header>
        <SortableContext id={column.id} items={ids} strategy={verticalListSortingStrategy}>
          <ul className="flex min-h-16 flex-1 flex-col gap-2 overflow-y-auto p-2" aria-label={`${column.name} deals`}>
            {visible.map((card) => (
              <SortableCard key={card.id} card={card} stageProbability={column.probability} stages={stages} now={now} disabled={pending.has(card.id)} onMoveTo={onMoveTo} dragging={card.id === activeId} />
            ))}
            {visible.length === 0 && <li className="px-1 py-4 text-center text-xs text-zinc-400">Drop deals here</li>}
          </ul>
        </SortableContext>
        {hidden > 0 && (
          <div className="border-t border-zinc-200 p-2 dark:border-zinc-800">
            <Button variant="ghost" size="sm" className="w-full" onClick={onShowMore}>
              Show {Math.min(hidden, PAGE_SIZE)} more ({hidden} hidden)
            </Button>
          </div>
        )}
      </section>
    </li>
  );
}

interface SortableCardProps {
  card: OpportunityCard;
  stageProbability: number;
  stages: readonly PipelineStage[];
  now: number;
  disabled: boolean;
  dragging: boolean;
  onMoveTo: (cardId: string, stageId: string) => void;
}

/** A card as a sortable item: the whole card drags with a pointer, its grip with the keyboard. */
const SortableCard = memo(function SortableCard({ card, stageProbability, stages, now, disabled, dragging, onMoveTo }: SortableCardProps) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition } = useSortable({ id: card.id, disabled });
  return (
    <li
      ref={setNodeRef}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      onPointerDown={listeners?.onPointerDown as PointerEventHandler | undefined}
      data-card-id={card.id}
      className={cn(
        "group relative cursor-grab touch-manipulation rounded-md border border-zinc-200 bg-white p-3 pl-6 shadow-xs dark:border-zinc-700 dark:bg-zinc-900",
        dragging && "opacity-40",
        disabled && "cursor-progress opacity-70",
      )}
    >
      <button
        ref={setActivatorNodeRef}
        type="button"
        {...attributes}
        onKeyDown={listeners?.onKeyDown as KeyboardEventHandler | undefined}
        aria-label={`Drag ${card.title}`}
        className="absolute top-2.5 left-1 rounded p-0.5 text-zinc-300 hover:text-zinc-600 focus-visible:text-zinc-700 focus-visible:ring-2 focus-visible:ring-accent-500 focus-visible:outline-none dark:text-zinc-600"
      >
        <GripVertical className="size-4" aria-hidden="true" />
      </button>
      <OpportunityCardContent card={card} stageProbability={stageProbability} now={now} stages={stages} onMoveTo={onMoveTo} />
    </li>
  );
});
