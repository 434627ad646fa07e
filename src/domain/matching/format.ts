// Number formatting for match reasons: "14%", "12.5%", "$250k", "$1.2M".

/** Drops trailing zeros from a fixed-point string: "14.50" → "14.5", "14.00" → "14". */
function trimZeros(fixed: string): string {
  if (!fixed.includes(".")) return fixed;
  let end = fixed.length;
  while (fixed.charCodeAt(end - 1) === 48) end--; // "0"
  if (fixed.charCodeAt(end - 1) === 46) end--; // "."
  return fixed.slice(0, end);
}

/** A plain number with up to `decimals` places and no trailing zeros: 6.5 → "6.5", 7 → "7". */
export function formatNumber(value: number, decimals = 2): string {
  const text = trimZeros(value.toFixed(decimals));
  return text === "-0" ? "0" : text;
}

/** A fraction as a percentage with up to 2 decimals and no trailing zeros: 0.14 → "14%", 0.125 → "12.5%". */
export function formatPercent(fraction: number): string {
  return `${formatNumber(fraction * 100, 2)}%`;
}

/** Dollars, short: 950 → "$950", 250,000 → "$250k", 12,500 → "$12.5k", 1,200,000 → "$1.2M". */
export function formatMoneyShort(dollars: number): string {
  const sign = dollars < 0 ? "-" : "";
  const abs = Math.abs(dollars);
  if (abs >= 999_995) return `${sign}$${formatNumber(abs / 1_000_000, 2)}M`;
  if (abs >= 999.5) return `${sign}$${formatNumber(abs / 1_000, 1)}k`;
  return `${sign}$${formatNumber(abs, 0)}`;
}

/** "single_family" → "single family". */
export function formatPropertyType(type: string): string {
  return type.replace(/_/g, " ");
}
