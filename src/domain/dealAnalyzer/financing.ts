// Turns the financing form group into loan terms against a price.
import type { LoanTerms } from "./loan";
import type { FinancingInput } from "./schemas";

/** Loan terms for a purchase: principal = price × loanToValue; null when there is no financing (all cash). */
export function loanTermsFor(price: number, financing: FinancingInput | null): LoanTerms | null {
  if (!financing || financing.loanToValue <= 0) return null;
  return {
    principal: price * financing.loanToValue,
    annualRate: financing.annualRate,
    years: financing.amortizationYears,
    interestOnly: financing.interestOnly,
  };
}
