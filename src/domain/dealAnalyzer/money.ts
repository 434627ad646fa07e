// Display rounding for money. The analyzer never rounds internally: call this only when showing a figure.

/**
 * Rounds half away from zero to `decimals` places (default 2, cents): sign(x) × round(|x| × 10^d) / 10^d.
 * |x| × 10^d is first trimmed to 15 significant digits so binary noise does not flip a half
 * (1.005 → 1.01, not 1.00). Non-finite values are returned as they are; −0 becomes 0.
 */
export function roundMoney(value: number, decimals = 2): number {
  if (!Number.isFinite(value)) return value;
  const factor = 10 ** decimals;
  const scaled = Number((Math.abs(value) * factor).toPrecision(15));
  const rounded = (Math.sign(value) * Math.round(scaled)) / factor;
  return rounded === 0 ? 0 : rounded;
}
