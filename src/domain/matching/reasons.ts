// Human-readable reasons for a match ("matches multifamily in 78704", "ROI 14% ≥ target 12%") or an exclusion.
// Deal-side fragments are formatted once per match call (DealText), not once per investor.
import { constraintNames } from "./constraints";
import { formatMoneyShort, formatNumber, formatPercent, formatPropertyType } from "./format";
import type { PreparedDeal, PreparedInvestor } from "./normalize";
import { LEVERAGE_BANDS } from "./score";
import type { DealFacts, InvestorProfile, MarketMatch } from "./types";

/** Deal-side reason fragments. */
export interface DealText {
  type: string;
  ret: string;
  risk: string;
  hold: string;
  ltv: string;
  amount: string;
  /** "in 78704", "in Austin, TX", "in TX", "(any market)". */
  place: Record<MarketMatch, string>;
  /** "78704 (Austin, TX)". */
  location: string;
}

/** Formats the deal's figures for reasons. */
export function dealText(deal: DealFacts, prepared: PreparedDeal): DealText {
  const city = `${deal.city.trim()}, ${prepared.state}`;
  return {
    type: formatPropertyType(prepared.propertyType),
    ret: formatPercent(deal.expectedReturn),
    risk: formatNumber(deal.riskScore),
    hold: formatNumber(deal.holdPeriodMonths, 0),
    ltv: formatPercent(deal.leverageRatio),
    amount: formatMoneyShort(deal.askingAmount),
    place: { zip: `in ${prepared.zip}`, city: `in ${city}`, state: `in ${prepared.state}`, any: "(any market)" },
    location: `${prepared.zip || "no ZIP"} (${city})`,
  };
}

function investorText(investor: InvestorProfile) {
  return {
    target: formatPercent(investor.targetReturn),
    tolerance: formatNumber(investor.riskTolerance),
    hold: formatNumber(investor.holdPeriodMonths, 0),
    capital: formatMoneyShort(investor.capitalAvailable),
  };
}

/**
 * Why an eligible pair fits, one clause per component, in this order: type and market, return, risk, hold,
 * leverage, capital. Joined with "; " they read "matches multifamily in 78704; ROI 14% ≥ target 12%; …".
 */
export function matchReasons(investor: InvestorProfile, prepared: PreparedInvestor, deal: DealFacts, text: DealText, match: MarketMatch): string[] {
  const inv = investorText(investor);
  const [low, high] = LEVERAGE_BANDS[investor.leveragePreference];
  const leverageVerdict = deal.leverageRatio < low ? "below" : deal.leverageRatio > high ? "above" : "fits";
  const share = investor.capitalAvailable > 0 ? formatPercent(deal.askingAmount / investor.capitalAvailable) : "all";
  return [
    `matches ${prepared.propertyTypes ? text.type : `${text.type} (any type)`} ${text.place[match]}`,
    `ROI ${text.ret} ${deal.expectedReturn >= investor.targetReturn ? "≥" : "<"} target ${inv.target}`,
    `risk ${text.risk} ${deal.riskScore <= investor.riskTolerance ? "≤" : ">"} tolerance ${inv.tolerance}`,
    `hold ${text.hold} mo ${text.hold === inv.hold ? "=" : "vs"} preferred ${inv.hold} mo`,
    `LTV ${text.ltv} ${leverageVerdict} ${investor.leveragePreference} leverage`,
    `uses ${share} of ${inv.capital} available`,
  ];
}

/** One reason per failed hard constraint, e.g. "amount $600k above maximum $500k". */
export function exclusionReasons(investor: InvestorProfile, prepared: PreparedInvestor, text: DealText, mask: number): string[] {
  return constraintNames(mask).map((name) => {
    switch (name) {
      case "amount_below_minimum":
        return `amount ${text.amount} below minimum ${formatMoneyShort(investor.minInvestment)}`;
      case "amount_above_maximum":
        return `amount ${text.amount} above maximum ${formatMoneyShort(investor.maxInvestment)}`;
      case "insufficient_capital":
        return `amount ${text.amount} exceeds available capital ${formatMoneyShort(investor.capitalAvailable)}`;
      case "property_type":
        return `${text.type} not in ${[...(prepared.propertyTypes ?? [])].map(formatPropertyType).join(", ")}`;
      case "market":
        return `${text.location} outside investor's markets`;
      case "accreditation":
        return "deal requires an accredited investor";
    }
  });
}
