/**
 * Sort keys for cards in a column. A card's position is a float; a move puts it at the midpoint of its new
 * neighbours, so one row changes however long the column. When neighbours get too close to split (after many
 * moves into the same gap), the column is renumbered first.
 */
export const MIN_GAP = 1e-6;

/** The key for a card placed between `before` and `after` (null = column edge); null when there is no room. */
export function positionBetween(before: number | null, after: number | null): number | null {
  if (before === null && after === null) return 0;
  if (before === null) return after! - 1;
  if (after === null) return before + 1;
  if (after - before < MIN_GAP) return null;
  return before + (after - before) / 2;
}
