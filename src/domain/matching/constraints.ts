// Hard constraints: amount within the investor's range and capital, property type, market, accreditation.
import { lookupHas, lookupSize, type PreparedDeal, type PreparedInvestor } from "./normalize";
import type { DealFacts, HardConstraint, InvestorProfile, MarketMatch } from "./types";

/** Bit per failed constraint, so checking 10,000 investors allocates nothing. */
export const CONSTRAINT_BITS: Record<HardConstraint, number> = {
  amount_below_minimum: 1,
  amount_above_maximum: 2,
  insufficient_capital: 4,
  property_type: 8,
  market: 16,
  accreditation: 32,
};

const ORDER = Object.keys(CONSTRAINT_BITS) as HardConstraint[];

/**
 * Most specific way the investor's markets cover the deal: ZIP ∈ zips → "zip"; "city, ST" ∈ cities, or a bare city
 * ∈ cities with the deal's state ∈ states (or no states given) → "city"; state ∈ states → "state";
 * no markets at all → "any"; otherwise null (excluded).
 */
export function marketMatch(investor: PreparedInvestor, deal: PreparedDeal): MarketMatch | null {
  if (investor.anyMarket) return "any";
  if (deal.zip !== "" && lookupHas(investor.zips, deal.zip)) return "zip";
  if (lookupHas(investor.citiesInState, deal.cityInState)) return "city";
  if (lookupHas(investor.cities, deal.city) && (lookupSize(investor.states) === 0 || lookupHas(investor.states, deal.state))) return "city";
  if (lookupHas(investor.states, deal.state)) return "state";
  return null;
}

/**
 * Bitmask of failed constraints (0 = eligible): amount < min; amount > max; amount > capitalAvailable;
 * type ∉ propertyTypes (empty = any); market is null; deal.accreditedOnly and not accredited.
 */
export function failedConstraints(investor: InvestorProfile, prepared: PreparedInvestor, deal: DealFacts, preparedDeal: PreparedDeal, market: MarketMatch | null): number {
  let mask = 0;
  const amount = deal.askingAmount;
  if (amount < investor.minInvestment) mask |= CONSTRAINT_BITS.amount_below_minimum;
  if (amount > investor.maxInvestment) mask |= CONSTRAINT_BITS.amount_above_maximum;
  if (amount > investor.capitalAvailable) mask |= CONSTRAINT_BITS.insufficient_capital;
  if (prepared.propertyTypes && !lookupHas(prepared.propertyTypes, preparedDeal.propertyType)) mask |= CONSTRAINT_BITS.property_type;
  if (market === null) mask |= CONSTRAINT_BITS.market;
  if (deal.accreditedOnly && !investor.accredited) mask |= CONSTRAINT_BITS.accreditation;
  return mask;
}

/** The constraint names in a mask, in checking order. */
export function constraintNames(mask: number): HardConstraint[] {
  return ORDER.filter((name) => (mask & CONSTRAINT_BITS[name]) !== 0);
}
