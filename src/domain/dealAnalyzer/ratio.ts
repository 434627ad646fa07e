// One rule for every ratio the analyzer reports: a zero (or negative) denominator gives null, never Infinity/NaN.

/**
 * numerator / denominator, or null when the denominator is not > 0 (or either side is not finite).
 * null rather than Infinity: it survives JSON, and the UI shows it as "n/a".
 */
export function safeRatio(numerator: number, denominator: number): number | null {
  if (!Number.isFinite(numerator) || !Number.isFinite(denominator) || denominator <= 0) return null;
  return numerator / denominator;
}
