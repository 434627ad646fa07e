// Money and time as the board shows them.

const whole = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 0 });
const compact = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", notation: "compact", minimumFractionDigits: 0, maximumFractionDigits: 1 });

/** "$245,000"; "—" for no value. */
export function formatMoney(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? "—" : whole.format(value);
}

/** "$1.2M", "$980K", "$0": column totals. */
export function formatMoneyCompact(value: number): string {
  return compact.format(value);
}

const DAY_MS = 86_400_000;

/** Whole days between an ISO instant and now (never negative). */
export function daysSince(iso: string, now: number): number {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? 0 : Math.max(0, Math.floor((now - t) / DAY_MS));
}

/** "3 h", "12 d": a duration in seconds, short. */
export function formatDuration(seconds: number): string {
  if (seconds < 3600) return `${Math.max(1, Math.round(seconds / 60))} min`;
  if (seconds < DAY_MS / 1000) return `${Math.round(seconds / 3600)} h`;
  return `${Math.floor(seconds / 86_400)} d`;
}

/** "Mar 4, 2026" for a YYYY-MM-DD date, read as a calendar date (not shifted by the time zone). */
export function formatDay(date: string): string {
  const [y, m, d] = date.split("-").map(Number);
  if (!y || !m || !d) return date;
  return new Date(y, m - 1, d).toLocaleDateString("en-US", { year: "numeric", month: "short", day: "numeric" });
}
