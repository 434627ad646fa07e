import { analyzeDeal } from "../../../../src/domain/dealAnalyzer/analyzeDeal";
import { dealAnalysisInputSchema } from "../../../../src/domain/dealAnalyzer/schemas";
import type { DealAnalysis } from "../../../../src/domain/dealAnalyzer/analyzeDeal";
import type { DealFacts } from "../../../../src/domain/matching/types";

export interface DealSource {
  id: string;
  value: number | null;
  analysis: unknown;
  property: { propertyType: string | null; state: string | null; city: string | null; zip: string | null } | null;
}

/** The analyzer's figures for saved inputs, or null when there are none (or they no longer parse). */
export function analysisOf(saved: unknown): DealAnalysis | null {
  if (saved === null || saved === undefined) return null;
  const parsed = dealAnalysisInputSchema.safeParse(saved);
  return parsed.success ? analyzeDeal(parsed.data) : null;
}

/**
 * What the matcher knows of a deal. From the analyzer when it has been filled in: the cash it takes
 * (total cash invested), the return (IRR over the hold, else year-one cash-on-cash), the hold, the loan-to-value.
 * Without it: the deal's value as the amount, no stated return (0), a 12-month hold, all cash; risk is middling (5)
 * until deals carry a risk grade.
 */
export function dealFactsFor(deal: DealSource): DealFacts {
  const analysis = analysisOf(deal.analysis);
  const parsed = analysis ? dealAnalysisInputSchema.parse(deal.analysis) : null;
  return {
    id: deal.id,
    propertyType: deal.property?.propertyType ?? "",
    state: deal.property?.state ?? "",
    city: deal.property?.city ?? "",
    zip: deal.property?.zip ?? "",
    askingAmount: analysis ? analysis.totalCashInvested : (deal.value ?? 0),
    expectedReturn: analysis ? (analysis.projection.irr ?? analysis.cashOnCash ?? 0) : 0,
    riskScore: 5,
    holdPeriodMonths: parsed ? parsed.projection.holdYears * 12 : 12,
    leverageRatio: parsed?.financing?.loanToValue ?? 0,
  };
}
