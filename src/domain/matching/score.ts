// Soft score: each component 0–1, combined with weights into 0–100.
import type { DealFacts, InvestorProfile, LeveragePreference, MarketMatch, ScoreComponents, ScoreWeights } from "./types";

export const DEFAULT_WEIGHTS: ScoreWeights = { return: 0.3, risk: 0.2, market: 0.15, capital: 0.15, holdPeriod: 0.1, leverage: 0.1 };

/** LTV ranges each leverage preference is comfortable with, inclusive. */
export const LEVERAGE_BANDS: Record<LeveragePreference, readonly [number, number]> = {
  none: [0, 0],
  low: [0, 0.5],
  moderate: [0.4, 0.75],
  high: [0.65, 1],
};

/** LTV distance outside the band at which the leverage component reaches 0. */
const LEVERAGE_FALLOFF = 0.25;
/** Risk points above tolerance at which the risk component reaches 0. */
const RISK_FALLOFF = 5;

export const MARKET_FIT: Record<MarketMatch, number> = { zip: 1, city: 0.85, state: 0.7, any: 0.5 };

const clamp01 = (x: number) => (x < 0 ? 0 : x > 1 ? 1 : x);

/** expected ≥ target → 1; else expected / target clamped to [0, 1] (0 when the target is ≤ 0). */
export function returnFit(expected: number, target: number): number {
  if (expected >= target) return 1;
  return target > 0 ? clamp01(expected / target) : 0;
}

/** risk ≤ tolerance → 1; else 1 − (risk − tolerance) / 5, floored at 0. */
export function riskFit(riskScore: number, tolerance: number): number {
  return riskScore <= tolerance ? 1 : clamp01(1 - (riskScore - tolerance) / RISK_FALLOFF);
}

/** 1 − |deal − preferred| / max(deal, preferred); both 0 → 1. */
export function holdFit(dealMonths: number, preferredMonths: number): number {
  const longer = Math.max(dealMonths, preferredMonths);
  return longer <= 0 ? 1 : clamp01(1 - Math.abs(dealMonths - preferredMonths) / longer);
}

/** Inside the preference's LTV band → 1; else 1 − distance to the band / 0.25, floored at 0. */
export function leverageFit(ltv: number, preference: LeveragePreference): number {
  const [low, high] = LEVERAGE_BANDS[preference];
  const distance = ltv < low ? low - ltv : ltv > high ? ltv - high : 0;
  return clamp01(1 - distance / LEVERAGE_FALLOFF);
}

/** Headroom left after the deal: 1 − amount / capitalAvailable, clamped to [0, 1]; no capital → 0. */
export function capitalFit(amount: number, capitalAvailable: number): number {
  return capitalAvailable > 0 ? clamp01(1 - amount / capitalAvailable) : 0;
}

/** zip 1, city 0.85, state 0.7, any market 0.5: a narrow, explicit interest beats a broad one. */
export function marketFit(match: MarketMatch): number {
  return MARKET_FIT[match];
}

/** Every component for an eligible pair. */
export function scoreComponents(investor: InvestorProfile, deal: DealFacts, market: MarketMatch): ScoreComponents {
  return {
    return: returnFit(deal.expectedReturn, investor.targetReturn),
    risk: riskFit(deal.riskScore, investor.riskTolerance),
    holdPeriod: holdFit(deal.holdPeriodMonths, investor.holdPeriodMonths),
    leverage: leverageFit(deal.leverageRatio, investor.leveragePreference),
    capital: capitalFit(deal.askingAmount, investor.capitalAvailable),
    market: marketFit(market),
  };
}

/** score = 100 × Σ weight_i × component_i / Σ weight_i (0 when the weights sum to 0). */
export function weightedScore(c: ScoreComponents, w: ScoreWeights): number {
  const weightSum = w.return + w.risk + w.holdPeriod + w.leverage + w.capital + w.market;
  if (!(weightSum > 0)) return 0;
  const total = w.return * c.return + w.risk * c.risk + w.holdPeriod * c.holdPeriod + w.leverage * c.leverage + w.capital * c.capital + w.market * c.market;
  return (100 * total) / weightSum;
}
