// Types for investor ↔ deal matching. The DealMatcher interface is what a learned model will implement later.

/** Property types investors state preferences for (the properties table adds mobile_home and other). */
export const PROPERTY_TYPES = ["single_family", "multifamily", "condo", "townhouse", "land", "commercial", "mixed_use", "mobile_home", "other"] as const;
export type PropertyType = (typeof PROPERTY_TYPES)[number];

export const LEVERAGE_PREFERENCES = ["none", "low", "moderate", "high"] as const;
export type LeveragePreference = (typeof LEVERAGE_PREFERENCES)[number];

export interface InvestorMarkets {
  /** Two-letter codes or full names ("TX", "Texas"). Empty everywhere = any market. */
  states: string[];
  /** "Austin, TX" pins the state; a bare "Austin" matches in any of the investor's states (or any state if none). */
  cities: string[];
  /** 5-digit ZIPs; ZIP+4 is cut to 5. */
  zips: string[];
}

export interface InvestorProfile {
  id: string;
  name: string;
  /** Empty = any type. */
  propertyTypes: string[];
  markets: InvestorMarkets;
  minInvestment: number;
  maxInvestment: number;
  capitalAvailable: number;
  /** Fraction, 0.12 = 12%. */
  targetReturn: number;
  /** 1 (cautious) – 10 (anything goes). */
  riskTolerance: number;
  holdPeriodMonths: number;
  leveragePreference: LeveragePreference;
  accredited: boolean;
}

export interface DealFacts {
  id: string;
  propertyType: string;
  state: string;
  city: string;
  zip: string;
  /** Investment needed from one investor, dollars. */
  askingAmount: number;
  /** Fraction, e.g. the analyzer's cash-on-cash or IRR. */
  expectedReturn: number;
  /** 1 (safe) – 10 (speculative). */
  riskScore: number;
  holdPeriodMonths: number;
  /** Loan-to-value, fraction (0 = all cash). */
  leverageRatio: number;
  /** Only accredited investors may join (e.g. a Reg D 506(c) offering). Omitted = anyone. */
  accreditedOnly?: boolean;
}

/** Hard constraints, in the order they are checked. */
export type HardConstraint = "amount_below_minimum" | "amount_above_maximum" | "insufficient_capital" | "property_type" | "market" | "accreditation";

/** How specifically the investor's markets cover the deal. */
export type MarketMatch = "zip" | "city" | "state" | "any";

/** Each 0 (poor) – 1 (ideal). */
export interface ScoreComponents {
  return: number;
  risk: number;
  holdPeriod: number;
  leverage: number;
  capital: number;
  market: number;
}

export type ScoreWeights = Record<keyof ScoreComponents, number>;

export interface MatchResult {
  investorId: string;
  dealId: string;
  /** Passed every hard constraint. */
  eligible: boolean;
  /** 0–100; 0 when not eligible. */
  score: number;
  /** Human-readable, e.g. ["matches multifamily in 78704", "ROI 14% ≥ target 12%"]; for an excluded pair, why. */
  reasons: string[];
  /** Score inputs; null when not eligible (not scored). */
  components: ScoreComponents | null;
  /** Hard constraints that failed (empty when eligible). */
  failed: HardConstraint[];
  marketMatch: MarketMatch | null;
}

export interface MatchOptions {
  /** Also return pairs that fail a hard constraint, after the eligible ones, with the reason. */
  includeExcluded?: boolean;
  /** Keep only eligible results scoring at least this. */
  minScore?: number;
  /** At most this many results (eligible first). */
  limit?: number;
}

/** A strategy for ranking investors for a deal: rule-based today, a learned model later. */
export interface DealMatcher {
  /** Identifies the strategy and its parameters, stored with any recommendation it makes. */
  readonly version: string;
  /** Investors ranked for the deal: eligible by score desc (ties by id), then excluded ones if asked for. */
  match(deal: DealFacts, investors: readonly InvestorProfile[], opts?: MatchOptions): MatchResult[];
}
