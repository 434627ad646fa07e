import type { Grade } from "./scoringApi";

/** Colours per grade (A best): the badge on the card, readable in light and dark mode. */
export const GRADE_STYLES: Record<Grade, string> = {
  A: "bg-emerald-600 text-white",
  B: "bg-lime-600 text-white",
  C: "bg-amber-500 text-zinc-950",
  D: "bg-orange-600 text-white",
  F: "bg-red-600 text-white",
};

/** What each grade means (docs/api/ml.md: calibrated probability of converting within 90 days). */
export const GRADE_MEANING: Record<Grade, string> = {
  A: "40% or more",
  B: "20–40%",
  C: "10–20%",
  D: "4–10%",
  F: "under 4%",
};

/** "23%", "under 1%", "over 99%". */
export function formatProbability(p: number): string {
  if (p < 0.005) return "under 1%";
  if (p > 0.995) return "over 99%";
  return `${Math.round(p * 100)}%`;
}
