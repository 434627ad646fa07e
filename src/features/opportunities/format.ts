// Figures as the opportunity page shows them.
import { roundMoney } from "@/domain/dealAnalyzer";

const dollars = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 0 });
const cents = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** "$1,234" (whole dollars, rounded half away from zero); "—" for nothing. */
export function money(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? "—" : dollars.format(roundMoney(value, 0));
}

/** "$1,234.56". */
export function moneyCents(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? "—" : cents.format(roundMoney(value));
}

/** A fraction as a percentage: 0.0825 → "8.25%"; "—" for nothing. */
export function percent(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  return `${roundMoney(value * 100, digits).toFixed(digits)}%`;
}

/** 1.234 → "1.23×". */
export function times(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? "—" : `${roundMoney(value, 2).toFixed(2)}×`;
}

/** A return as a signed percentage with one decimal and a true minus: 0.182 → "18.2%", −0.05 → "−5.0%"; "—" for nothing. */
export function signedPercent(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  return `${value < 0 ? "−" : ""}${Math.abs(value * 100).toFixed(1)}%`;
}
