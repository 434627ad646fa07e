import { Link } from "@tanstack/react-router";
import { CalendarClock, MoreHorizontal } from "lucide-react";
import { memo } from "react";
import type { OpportunityCard, PipelineStage } from "@/domain/pipeline";
import { Menu, MenuContent, MenuItem, MenuLabel, MenuTrigger } from "@/ui/Menu";
import { daysSince, formatDay, formatMoney } from "./money";
import { probabilityOf } from "./boardState";

const PROPERTY_TYPE_LABELS: Record<string, string> = {
  single_family: "Single family", multifamily: "Multifamily", condo: "Condo", townhouse: "Townhouse", land: "Land",
  commercial: "Commercial", mixed_use: "Mixed use", mobile_home: "Mobile home", other: "Other",
};
export const propertyTypeLabel = (type: string | null) => (type ? (PROPERTY_TYPE_LABELS[type] ?? type) : null);

export interface CardContentProps {
  card: OpportunityCard;
  /** The stage's probability, used when the card has none of its own. */
  stageProbability: number;
  /** Start of the current minute, so time in stage does not make every card re-render. */
  now: number;
  /** Stages to offer in the "Move to" menu (none: no menu, e.g. in the drag overlay). */
  stages?: readonly PipelineStage[];
  onMoveTo?: (cardId: string, stageId: string) => void;
}

/** What a card shows. Memoised: while dragging, only the wrappers re-render, not this. */
export const OpportunityCardContent = memo(function OpportunityCardContent({ card, stageProbability, now, stages, onMoveTo }: CardContentProps) {
  const days = daysSince(card.stageEnteredAt, now);
  const place = [card.city, card.state].filter(Boolean).join(", ") || card.zip;
  return (
    <div className="space-y-1.5">
      <div className="flex items-start justify-between gap-2">
        <Link
          to="/opportunities/$opportunityId"
          params={{ opportunityId: card.id }}
          className="text-sm leading-snug font-medium text-zinc-900 hover:underline dark:text-zinc-50"
          draggable={false}
        >
          {card.title}
        </Link>
        {stages && onMoveTo && (
          // Keys and pointers here are the menu's, not the card's drag.
          <span onKeyDown={(e) => e.stopPropagation()} onPointerDown={(e) => e.stopPropagation()}>
            <Menu>
              <MenuTrigger
                aria-label={`Move ${card.title} to another stage`}
                className="-m-1 rounded p-1 text-zinc-400 hover:bg-zinc-100 hover:text-zinc-700 dark:hover:bg-zinc-800"
              >
                <MoreHorizontal className="size-4" aria-hidden="true" />
              </MenuTrigger>
              <MenuContent align="end">
                <MenuLabel>Move to</MenuLabel>
                {stages.map((s) => (
                  <MenuItem key={s.id} disabled={s.id === card.stageId} onSelect={() => onMoveTo(card.id, s.id)}>
                    {s.name}
                  </MenuItem>
                ))}
              </MenuContent>
            </Menu>
          </span>
        )}
      </div>
      <p className="flex items-baseline justify-between gap-2 text-sm">
        <span className="font-semibold tabular-nums">{formatMoney(card.value)}</span>
        <span className="text-xs text-zinc-500 tabular-nums" title={card.probability === null ? "The stage's probability" : "This deal's probability"}>
          {probabilityOf(card, { probability: stageProbability })}%
        </span>
      </p>
      <p className="flex flex-wrap gap-x-2 text-xs text-zinc-500 dark:text-zinc-400">
        {card.expectedCloseDate && (
          <span className="inline-flex items-center gap-1">
            <CalendarClock className="size-3" aria-hidden="true" />
            <span>Close {formatDay(card.expectedCloseDate)}</span>
          </span>
        )}
        <span>{days} d in stage</span>
      </p>
      {(card.ownerName || place || card.propertyType) && (
        <p className="truncate text-xs text-zinc-500 dark:text-zinc-400">
          {[card.ownerName, propertyTypeLabel(card.propertyType), place].filter(Boolean).join(" · ")}
        </p>
      )}
    </div>
  );
});
