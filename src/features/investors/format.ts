import { formatDate } from "@/lib/format";
import { ACCREDITATION_STATUSES, type AccreditationStatus } from "@/domain/investors";
import { LEVERAGE_PREFERENCES, PROPERTY_TYPES, type LeveragePreference, type PropertyType } from "@/domain/matching/types";

// Labels and number formats shared by the investor screens and the investor portal.

const money0 = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 0 });
const compact = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", notation: "compact", maximumFractionDigits: 1 });

/** 250000 → "$250,000"; null → "—". */
export function formatMoney(value: number | null | undefined): string {
  return value == null || !Number.isFinite(value) ? "—" : money0.format(value);
}

/** 250000 → "$250K" (axis labels). */
export function formatMoneyShort(value: number): string {
  return compact.format(value);
}

/** A fraction as a percentage: 0.125 → "12.5%"; null → "—". */
export function formatPercent(fraction: number | null | undefined, digits = 1): string {
  if (fraction == null || !Number.isFinite(fraction)) return "—";
  const pct = fraction * 100;
  return `${Number(pct.toFixed(digits)).toLocaleString("en-US")}%`;
}

/** 1.42 → "1.42×". */
export function formatMultiple(value: number | null | undefined): string {
  return value == null || !Number.isFinite(value) ? "—" : `${value.toFixed(2)}×`;
}

export const PROPERTY_TYPE_LABELS: Record<PropertyType, string> = {
  single_family: "Single-family",
  multifamily: "Multifamily",
  condo: "Condo",
  townhouse: "Townhouse",
  land: "Land",
  commercial: "Commercial",
  mixed_use: "Mixed use",
  mobile_home: "Mobile home",
  other: "Other",
};

export const PROPERTY_TYPE_OPTIONS = PROPERTY_TYPES.map((value) => ({ value, label: PROPERTY_TYPE_LABELS[value] }));

/** A property type as stored (possibly one the app does not know) → a label. */
export function propertyTypeLabel(value: string | null | undefined): string {
  if (!value) return "—";
  return (PROPERTY_TYPE_LABELS as Record<string, string>)[value] ?? value.replace(/_/g, " ");
}

export const ACCREDITATION_LABELS: Record<AccreditationStatus, string> = {
  unverified: "Unverified",
  pending: "Pending",
  accredited: "Accredited",
  not_accredited: "Not accredited",
};

export const ACCREDITATION_OPTIONS = ACCREDITATION_STATUSES.map((value) => ({ value, label: ACCREDITATION_LABELS[value] }));

export const LEVERAGE_LABELS: Record<LeveragePreference, string> = {
  none: "None (all cash)",
  low: "Low",
  moderate: "Moderate",
  high: "High",
};

export const LEVERAGE_OPTIONS = LEVERAGE_PREFERENCES.map((value) => ({ value, label: LEVERAGE_LABELS[value] }));

/** "Austin, TX" from parts, leaving out what is missing. */
export function placeLabel(city: string | null, state: string | null, zip?: string | null): string {
  const place = [city, state].filter(Boolean).join(", ");
  return [place, zip].filter(Boolean).join(" ") || "—";
}

export function investorName(i: { firstName: string; lastName: string | null }): string {
  return [i.firstName, i.lastName].filter(Boolean).join(" ");
}

const dayFormat = new Intl.DateTimeFormat(undefined, { year: "numeric", month: "short", day: "numeric" });

/** A calendar day ("2026-12-15") in the reader's locale, without the time-zone shift `new Date("2026-12-15")` brings. */
export function formatDay(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return formatDate(value);
  return dayFormat.format(new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}
