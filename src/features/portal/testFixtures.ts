import { analyzeDeal } from "@/domain/dealAnalyzer/analyzeDeal";
import { dealAnalysisInputSchema } from "@/domain/dealAnalyzer/schemas";
import type { PortalOpportunity, PortalOpportunityDetail } from "@/domain/portal";

export const SHARED_ID = "f1f1f1f1-1111-4111-8111-111111111111";
export const OTHER_SHARED_ID = "f2f2f2f2-2222-4222-8222-222222222222";

export function sharedDeal(over: Partial<PortalOpportunity> = {}): PortalOpportunity {
  return {
    id: SHARED_ID,
    title: "Maple St duplex",
    stageName: "Under contract",
    value: 210_000,
    expectedCloseDate: "2026-12-15",
    city: "Austin",
    state: "TX",
    zip: "78704",
    propertyType: "multifamily",
    sharedAt: "2026-11-20T15:00:00.000Z",
    response: null,
    comment: null,
    ...over,
  };
}

/** The duplex of analyzeDeal.test.ts: cap rate 7.5%, MAO $165,500. */
export const duplexAnalysis = analyzeDeal(
  dealAnalysisInputSchema.parse({
    purchase: { purchasePrice: 200_000, arv: 260_000, closingCostRate: 0.02, closingCostFixed: 1_000 },
    repairs: { items: [{ label: "Flooring", cost: 10_000 }, { label: "Paint", cost: 5_000 }], contingencyRate: 0.1 },
    financing: { loanToValue: 0.75, annualRate: 0.06, amortizationYears: 30, pointsRate: 0.01 },
    operating: {
      monthlyRent: 2_000,
      otherMonthlyIncome: 100,
      vacancyRate: 0.05,
      managementRate: 0.08,
      maintenanceRate: 0.05,
      capexRate: 0.05,
      annualPropertyTaxes: 3_000,
      annualInsurance: 1_200,
      annualOtherExpenses: 480,
    },
    projection: { holdYears: 5, exitCapRate: 0.075, sellingCostRate: 0.06 },
  }),
);

export function sharedDealDetail(over: Partial<PortalOpportunityDetail> = {}): PortalOpportunityDetail {
  return { ...sharedDeal(), street: "12 Maple St", beds: 4, baths: 2, sqft: 1_850, yearBuilt: 1978, analysis: duplexAnalysis, ...over };
}
