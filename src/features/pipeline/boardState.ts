// The board's state as pure functions: where a card is, moving it, and keeping each column's count and totals right.
import type { OpportunityCard, PipelineColumn, PipelineStage } from "@/domain/pipeline";

/** The card's win probability (0–100): its own, or its stage's. */
export function probabilityOf(card: Pick<OpportunityCard, "probability">, stage: Pick<PipelineStage, "probability">): number {
  return card.probability ?? stage.probability;
}

/** value × probability: what the card adds to its column's weighted total. */
export function weightedValueOf(card: Pick<OpportunityCard, "value" | "probability">, stage: Pick<PipelineStage, "probability">): number {
  return ((card.value ?? 0) * probabilityOf(card, stage)) / 100;
}

export interface CardLocation {
  column: PipelineColumn;
  columnIndex: number;
  index: number;
  card: OpportunityCard;
}

export function findCard(columns: readonly PipelineColumn[], cardId: string): CardLocation | null {
  for (let columnIndex = 0; columnIndex < columns.length; columnIndex++) {
    const column = columns[columnIndex];
    const index = column.opportunities.findIndex((c) => c.id === cardId);
    if (index !== -1) return { column, columnIndex, index, card: column.opportunities[index] };
  }
  return null;
}

const withPositions = (cards: OpportunityCard[]): OpportunityCard[] =>
  cards.map((c, position) => (c.position === position ? c : { ...c, position }));

/**
 * The board with one card moved to `toIndex` (0-based, clamped) of stage `toStageId`. The two columns' counts, value
 * totals and weighted totals change by the card's share (the weighted one at each stage's probability when the card
 * has none of its own); positions are renumbered; `patch` (e.g. stageEnteredAt) is applied to the card. Unknown
 * card or stage, or no change at all: the same array back.
 */
export function moveCard(
  columns: readonly PipelineColumn[],
  cardId: string,
  toStageId: string,
  toIndex: number,
  patch: Partial<OpportunityCard> = {},
): PipelineColumn[] {
  const from = findCard(columns, cardId);
  const targetIndex = columns.findIndex((c) => c.id === toStageId);
  if (!from || targetIndex === -1) return columns as PipelineColumn[];
  const target = columns[targetIndex];
  const moved: OpportunityCard = { ...from.card, ...patch, stageId: toStageId };

  if (targetIndex === from.columnIndex) {
    const cards = from.column.opportunities.filter((c) => c.id !== cardId);
    const index = Math.max(0, Math.min(toIndex, cards.length));
    if (index === from.index && Object.keys(patch).length === 0) return columns as PipelineColumn[];
    cards.splice(index, 0, moved);
    const next = [...columns];
    next[targetIndex] = { ...target, opportunities: withPositions(cards) };
    return next;
  }

  const value = from.card.value ?? 0;
  const sourceCards = from.column.opportunities.filter((c) => c.id !== cardId);
  const targetCards = [...target.opportunities];
  targetCards.splice(Math.max(0, Math.min(toIndex, targetCards.length)), 0, moved);
  const next = [...columns];
  next[from.columnIndex] = {
    ...from.column,
    count: Math.max(0, from.column.count - 1),
    totalValue: from.column.totalValue - value,
    weightedValue: from.column.weightedValue - weightedValueOf(from.card, from.column),
    opportunities: withPositions(sourceCards),
  };
  next[targetIndex] = {
    ...target,
    count: target.count + 1,
    totalValue: target.totalValue + value,
    weightedValue: target.weightedValue + weightedValueOf(moved, target),
    opportunities: withPositions(targetCards),
  };
  return next;
}

/** The board with a card's fields replaced where it stands (e.g. the server's answer to a move: new version). */
export function updateCard(columns: readonly PipelineColumn[], card: OpportunityCard): PipelineColumn[] {
  const at = findCard(columns, card.id);
  if (!at) return columns as PipelineColumn[];
  if (at.column.id !== card.stageId) return moveCard(columns, card.id, card.stageId, at.index, card);
  const next = [...columns];
  const cards = [...at.column.opportunities];
  cards[at.index] = { ...card, position: at.index };
  next[at.columnIndex] = { ...at.column, opportunities: cards };
  return next;
}

/** The board with a new card at the top of its stage (a deal just created). */
export function addCard(columns: readonly PipelineColumn[], card: OpportunityCard): PipelineColumn[] {
  return columns.map((column) =>
    column.id !== card.stageId
      ? column
      : {
          ...column,
          count: column.count + 1,
          totalValue: column.totalValue + (card.value ?? 0),
          weightedValue: column.weightedValue + weightedValueOf(card, column),
          opportunities: withPositions([card, ...column.opportunities]),
        },
  );
}

/** Where a drop lands: the stage and the index in it, from what the dragged card is over (a card, or a column's empty space). */
export function dropTarget(
  columns: readonly PipelineColumn[],
  activeId: string,
  overId: string,
  columnIdOf: (droppableId: string) => string | null,
  /** How many cards of a column are shown: dropping on the column puts the card after the last one shown. */
  shownIn: (stageId: string) => number = () => Infinity,
): { stageId: string; index: number } | null {
  const stageId = columnIdOf(overId);
  if (stageId) {
    const column = columns.find((c) => c.id === stageId);
    if (!column) return null;
    const without = column.opportunities.filter((c) => c.id !== activeId);
    return { stageId, index: Math.min(without.length, shownIn(stageId)) };
  }
  const over = findCard(columns, overId);
  return over ? { stageId: over.column.id, index: over.index } : null;
}
