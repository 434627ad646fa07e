import { z } from "zod";
import type { DealAnalysis } from "./dealAnalyzer/analyzeDeal";

// The investor portal: what an investor sees of a deal shared with them, and their answer.

/** GET /api/portal/opportunities → { items } */
export interface PortalOpportunity {
  id: string;
  title: string;
  stageName: string;
  value: number | null;
  expectedCloseDate: string | null;
  city: string | null;
  state: string | null;
  zip: string | null;
  propertyType: string | null;
  sharedAt: string;
  response: "interested" | "passed" | null;
  comment: string | null;
}

/** GET /api/portal/opportunities/:id: the summary plus the analyzer's figures (never internal notes). */
export interface PortalOpportunityDetail extends PortalOpportunity {
  street: string | null;
  beds: number | null;
  baths: number | null;
  sqft: number | null;
  yearBuilt: number | null;
  analysis: DealAnalysis | null;
}

/** POST /api/portal/opportunities/:id/interest */
export const portalInterestRequestSchema = z
  .object({
    interested: z.boolean({ error: "must be true or false" }),
    comment: z.string().trim().max(2000, { error: "must be at most 2,000 characters" }).optional(),
  })
  .strict();
export type PortalInterestRequest = z.infer<typeof portalInterestRequestSchema>;
