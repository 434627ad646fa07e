import { z } from "zod";
import { LEVERAGE_PREFERENCES, PROPERTY_TYPES, type MarketMatch } from "./matching/types";
import type { OpportunityCard } from "./pipeline";

// Investors of an org: who they are, what they buy, how much they can put in — shared by the API and the SPA.

export const ACCREDITATION_STATUSES = ["unverified", "pending", "accredited", "not_accredited"] as const;
export type AccreditationStatus = (typeof ACCREDITATION_STATUSES)[number];

export interface InvestorPreferences {
  propertyTypes: string[];
  /** Markets: states (two-letter), cities ("Austin, TX" or "Austin"), ZIPs. All empty = anywhere. */
  states: string[];
  cities: string[];
  zips: string[];
  /** Fraction: 0.12 = 12%. */
  targetReturn: number | null;
  /** 1 (cautious) – 10 (anything goes). */
  riskTolerance: number | null;
  holdPeriodMonths: number | null;
  leveragePreference: (typeof LEVERAGE_PREFERENCES)[number] | null;
}

export interface Investor extends InvestorPreferences {
  id: string;
  firstName: string;
  lastName: string | null;
  company: string | null;
  email: string | null;
  phone: string | null;
  accreditationStatus: AccreditationStatus;
  minInvestment: number | null;
  maxInvestment: number | null;
  capitalCommitted: number;
  capitalAvailable: number;
  /** The portal login of this investor, when they have one. */
  userId: string | null;
  createdAt: string;
  updatedAt: string;
}

const money = z.number({ error: "must be a number" }).min(0, { error: "must not be negative" }).max(1e12, { error: "is too large" });
const list = (max: number, item: z.ZodType<string>) => z.array(item).max(max, { error: `at most ${max}` });
const text = (max: number) => z.string().trim().max(max, { error: `must be at most ${max} characters` });

const investorFields = {
  firstName: z.string({ error: "is required" }).trim().min(1, { error: "is required" }).max(100),
  lastName: text(100).nullable().optional(),
  company: text(200).nullable().optional(),
  email: z.string().trim().toLowerCase().pipe(z.email({ error: "must be a valid email address" })).nullable().optional(),
  phone: text(40).nullable().optional(),
  accreditationStatus: z.enum(ACCREDITATION_STATUSES, { error: "is not a known status" }).optional(),
  minInvestment: money.nullable().optional(),
  maxInvestment: money.nullable().optional(),
  capitalCommitted: money.optional(),
  capitalAvailable: money.optional(),
  propertyTypes: list(10, z.enum(PROPERTY_TYPES, { error: "is not a known property type" })).optional(),
  states: list(60, z.string().trim().regex(/^[A-Za-z]{2}$/, { error: "must be two-letter state codes" }).transform((s) => s.toUpperCase())).optional(),
  cities: list(100, text(100).min(1)).optional(),
  zips: list(500, z.string().trim().regex(/^\d{5}$/, { error: "must be 5-digit ZIP codes" })).optional(),
  targetReturn: z.number({ error: "must be a number" }).min(0, { error: "must be 0–100%" }).max(1, { error: "must be 0–100%" }).nullable().optional(),
  riskTolerance: z.number({ error: "must be a number" }).int({ error: "must be a whole number" }).min(1, { error: "must be 1–10" }).max(10, { error: "must be 1–10" }).nullable().optional(),
  holdPeriodMonths: z.number({ error: "must be a number" }).int().min(1, { error: "must be 1–600 months" }).max(600, { error: "must be 1–600 months" }).nullable().optional(),
  leveragePreference: z.enum(LEVERAGE_PREFERENCES, { error: "must be none, low, moderate or high" }).nullable().optional(),
  /** The portal login: a member of the org with the investor role (null unlinks). */
  userId: z.uuid({ error: "must be a user id" }).nullable().optional(),
};

const minNotAboveMax = (v: { minInvestment?: number | null; maxInvestment?: number | null }) =>
  v.minInvestment == null || v.maxInvestment == null || v.minInvestment <= v.maxInvestment;

/** POST /api/investors */
export const createInvestorRequestSchema = z.object(investorFields).strict().refine(minNotAboveMax, { error: "must not be above maxInvestment", path: ["minInvestment"] });
export type CreateInvestorRequest = z.input<typeof createInvestorRequestSchema>;

/** PATCH /api/investors/:id: any subset. */
export const updateInvestorRequestSchema = z
  .object(investorFields)
  .partial()
  .strict()
  .refine(minNotAboveMax, { error: "must not be above maxInvestment", path: ["minInvestment"] })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { error: "nothing to update", path: ["body"] });
export type UpdateInvestorRequest = z.input<typeof updateInvestorRequestSchema>;

/** GET /api/investors query. */
export const listInvestorsQuerySchema = z
  .object({
    q: z.string().trim().max(100).optional(),
    accreditationStatus: z.enum(ACCREDITATION_STATUSES).optional(),
    propertyType: z.enum(PROPERTY_TYPES).optional(),
    state: z.string().trim().regex(/^[A-Za-z]{2}$/, { error: "must be a two-letter state code" }).transform((s) => s.toUpperCase()).optional(),
    minCapital: z.coerce.number({ error: "must be a number" }).min(0).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(500).optional(),
  })
  .strict();

/** Money in dollars: invested capital, and returns as dollar gains (realised on exited deals, projected on active ones). */
export interface PortfolioSummary {
  deals: number;
  investedCapital: number;
  realizedReturn: number;
  projectedReturn: number;
  /** One entry per investment, oldest first, for the charts. */
  investments: { opportunityId: string; title: string; amount: number; investedAt: string; status: "active" | "exited"; realizedReturn: number | null; projectedReturn: number | null }[];
}

/** An entry of the investor's communication history: shares, answers, notes. */
export interface InvestorActivity {
  id: string;
  type: string;
  body: string | null;
  data: Record<string, unknown>;
  actorName: string | null;
  occurredAt: string;
}

/** GET /api/investors/:id */
export interface InvestorProfile extends Investor {
  portfolio: PortfolioSummary;
  activity: InvestorActivity[];
}

/** One ranked investor for a deal (GET /api/opportunities/:id/matches). */
export interface InvestorMatch {
  investorId: string;
  name: string;
  score: number;
  reasons: string[];
  marketMatch: MarketMatch | null;
  /** True when the deal was already shared with them. */
  shared: boolean;
}

/** GET /api/opportunities/:id/matches → { matcher, items } */
export interface InvestorMatchesResponse {
  /** Which matcher ranked them (e.g. "rules-1"; a learned model later). */
  matcher: string;
  items: InvestorMatch[];
}

/** GET /api/investors/:id/matches → open deals that fit. */
export interface DealMatchesResponse {
  matcher: string;
  items: { opportunity: OpportunityCard; score: number; reasons: string[] }[];
}

/** POST /api/opportunities/:id/shares */
export const shareOpportunityRequestSchema = z
  .object({ investorIds: z.array(z.uuid({ error: "must be investor ids" })).min(1, { error: "choose at least one investor" }).max(200) })
  .strict();
