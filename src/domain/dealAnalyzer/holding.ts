// Holding costs: what the property costs to carry while it earns nothing (rehab, marketing, sale).
import { type LoanTerms, paymentsBetween } from "./loan";

export interface HoldingCostInput {
  months: number;
  monthlyTaxes?: number;
  monthlyInsurance?: number;
  monthlyUtilities?: number;
  /** Lawn, security, HOA, vacant-property insurance rider… */
  monthlyOther?: number;
  /** The loan being carried: its scheduled payments in months (0, months] are a holding cost. */
  loan?: LoanTerms | null;
}

export interface HoldingCosts {
  taxes: number;
  insurance: number;
  utilities: number;
  other: number;
  /** Loan payments while holding (interest plus any principal; principal comes back at the payoff). */
  financing: number;
  total: number;
}

/**
 * Each line = months × its monthly amount; financing = loan payments in months (0, months] (PMT × months within
 * the term); total = taxes + insurance + utilities + other + financing.
 */
export function holdingCosts(input: HoldingCostInput): HoldingCosts {
  const m = input.months;
  const taxes = m * (input.monthlyTaxes ?? 0);
  const insurance = m * (input.monthlyInsurance ?? 0);
  const utilities = m * (input.monthlyUtilities ?? 0);
  const other = m * (input.monthlyOther ?? 0);
  const financing = input.loan ? paymentsBetween(input.loan, 0, m) : 0;
  return { taxes, insurance, utilities, other, financing, total: taxes + insurance + utilities + other + financing };
}
