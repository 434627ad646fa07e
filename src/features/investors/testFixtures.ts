import type { Investor, InvestorProfile } from "@/domain/investors";
import type { OpportunityCard } from "@/domain/pipeline";

export const INVESTOR_ID = "a1a1a1a1-1111-4111-8111-111111111111";
export const DEAL_A = "d1d1d1d1-1111-4111-8111-111111111111";
export const DEAL_B = "d2d2d2d2-2222-4222-8222-222222222222";

export function investor(over: Partial<Investor> = {}): Investor {
  return {
    id: INVESTOR_ID,
    firstName: "Iris",
    lastName: "Investor",
    company: "Bluebonnet Capital",
    email: "iris@example.com",
    phone: "+15125550100",
    accreditationStatus: "accredited",
    minInvestment: 50_000,
    maxInvestment: 250_000,
    capitalCommitted: 300_000,
    capitalAvailable: 200_000,
    propertyTypes: ["multifamily"],
    states: ["TX"],
    cities: ["Austin, TX"],
    zips: [],
    targetReturn: 0.12,
    riskTolerance: 6,
    holdPeriodMonths: 60,
    leveragePreference: "moderate",
    userId: null,
    createdAt: "2026-10-01T12:00:00.000Z",
    updatedAt: "2026-10-01T12:00:00.000Z",
    ...over,
  };
}

export function profile(over: Partial<InvestorProfile> = {}): InvestorProfile {
  return {
    ...investor(),
    portfolio: {
      deals: 2,
      investedCapital: 300_000,
      realizedReturn: 18_000,
      projectedReturn: 54_000,
      investments: [
        { opportunityId: DEAL_A, title: "Elm St duplex", amount: 100_000, investedAt: "2025-03-01T00:00:00.000Z", status: "exited", realizedReturn: 18_000, projectedReturn: 15_000 },
        { opportunityId: DEAL_B, title: "Oak Ave fourplex", amount: 200_000, investedAt: "2026-02-01T00:00:00.000Z", status: "active", realizedReturn: null, projectedReturn: 39_000 },
      ],
    },
    activity: [
      { id: "act-2", type: "opportunity.shared", body: null, data: { title: "Cedar Park triplex" }, actorName: "Olivia Owner", occurredAt: "2026-11-20T15:00:00.000Z" },
      { id: "act-1", type: "note", body: "Prefers deals closing in Q1.", data: {}, actorName: "Adam Agent", occurredAt: "2026-11-01T15:00:00.000Z" },
    ],
    ...over,
  };
}

export function card(over: Partial<OpportunityCard> = {}): OpportunityCard {
  return {
    id: "c3c3c3c3-3333-4333-8333-333333333333",
    title: "Cedar Park triplex",
    stageId: "e5e5e5e5-5555-4555-8555-555555555555",
    position: 0,
    version: 1,
    value: 180_000,
    probability: null,
    expectedCloseDate: "2026-12-15",
    ownerId: null,
    ownerName: null,
    leadId: null,
    propertyType: "multifamily",
    city: "Cedar Park",
    state: "TX",
    zip: "78613",
    stageEnteredAt: "2026-11-01T00:00:00.000Z",
    createdAt: "2026-11-01T00:00:00.000Z",
    ...over,
  };
}
