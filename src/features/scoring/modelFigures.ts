import { formatDate } from "@/lib/format";

// How the Models page writes figures: "—" for anything missing or not finite.
export const fixed = (v: number | undefined, digits = 3) => (typeof v === "number" && Number.isFinite(v) ? v.toFixed(digits) : "—");
export const count = (v: number | undefined) => (typeof v === "number" ? v.toLocaleString("en-US") : "—");
export const day = (v: string | number | null | undefined) => (v === null || v === undefined ? "—" : formatDate(new Date(v).toISOString()));
export const pct = (v: number | undefined, digits = 0) => (typeof v === "number" && Number.isFinite(v) ? `${(v * 100).toFixed(digits)}%` : "—");
/** A return error (returns are fractions) in percentage points; the column header carries the unit. */
export const points = (v: number | undefined) => (typeof v === "number" && Number.isFinite(v) ? (v * 100).toFixed(1) : "—");
export const muted = "text-zinc-500 dark:text-zinc-400";
