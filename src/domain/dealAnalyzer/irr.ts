// Discounted cash flow: NPV and IRR for yearly (or any evenly spaced) cash flows, t = 0 first.

/** NPV = Σ_t CF_t / (1 + rate)^t, t = 0 … n (the first flow is not discounted). */
export function npv(rate: number, cashFlows: readonly number[]): number {
  let total = 0;
  let discount = 1;
  for (const flow of cashFlows) {
    total += flow / discount;
    discount *= 1 + rate;
  }
  return total;
}

/** dNPV/dr = Σ_t −t × CF_t / (1 + rate)^(t+1). */
function npvDerivative(rate: number, cashFlows: readonly number[]): number {
  let total = 0;
  for (let t = 1; t < cashFlows.length; t++) total -= (t * cashFlows[t]) / (1 + rate) ** (t + 1);
  return total;
}

const TOLERANCE = 1e-10;
const MIN_RATE = -0.999999;
const MAX_RATE = 1e6;

/**
 * IRR: the rate r with NPV(r) = 0, r > −100%. Newton–Raphson from `guess` (default 10%); if it fails to converge
 * or leaves (−100%, ∞), bisection on a bracket found by widening outwards from the guess.
 * null when the flows never change sign (no IRR exists) or no root is bracketed. With several sign changes
 * several IRRs may exist: the one found nearest the guess is returned.
 */
export function irr(cashFlows: readonly number[], guess = 0.1): number | null {
  let positive = false;
  let negative = false;
  for (const flow of cashFlows) {
    if (flow > 0) positive = true;
    else if (flow < 0) negative = true;
  }
  if (!positive || !negative) return null;

  let rate = guess;
  for (let i = 0; i < 50; i++) {
    const value = npv(rate, cashFlows);
    if (Math.abs(value) < TOLERANCE) return rate;
    const slope = npvDerivative(rate, cashFlows);
    if (slope === 0 || !Number.isFinite(slope)) break;
    const next = rate - value / slope;
    if (!Number.isFinite(next) || next <= MIN_RATE) break;
    if (Math.abs(next - rate) < TOLERANCE) return next;
    rate = next;
  }
  return bisect(cashFlows, guess);
}

function bisect(cashFlows: readonly number[], guess: number): number | null {
  const start = Math.min(Math.max(guess, MIN_RATE / 2), MAX_RATE);
  const startValue = npv(start, cashFlows);
  if (startValue === 0) return start;
  // Walk outwards from the guess on both sides until NPV changes sign.
  let low = start;
  let high = start;
  let bracket: [number, number] | null = null;
  for (let step = 0.05; step < 2 * MAX_RATE && !bracket; step *= 2) {
    const up = Math.min(start + step, MAX_RATE);
    if (Math.sign(npv(up, cashFlows)) !== Math.sign(startValue)) bracket = [high, up];
    else high = up;
    const down = Math.max(start - step, MIN_RATE);
    if (!bracket && Math.sign(npv(down, cashFlows)) !== Math.sign(startValue)) bracket = [down, low];
    else low = down;
  }
  if (!bracket) return null;
  let [a, b] = bracket;
  let valueA = npv(a, cashFlows);
  for (let i = 0; i < 200; i++) {
    const mid = (a + b) / 2;
    const valueMid = npv(mid, cashFlows);
    if (Math.abs(valueMid) < TOLERANCE || (b - a) / 2 < TOLERANCE) return mid;
    if (Math.sign(valueMid) === Math.sign(valueA)) {
      a = mid;
      valueA = valueMid;
    } else {
      b = mid;
    }
  }
  return (a + b) / 2;
}
