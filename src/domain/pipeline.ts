import { z } from "zod";
import { dealAnalysisInputSchema, type DealAnalysisFormValues } from "./dealAnalyzer/schemas";
import { PROPERTY_TYPES } from "./matching/types";

// The deal pipeline as the API and the SPA share it: stages, opportunity cards and details, moves.

export const STAGE_KINDS = ["open", "won", "lost"] as const;
export type StageKind = (typeof STAGE_KINDS)[number];

export interface PipelineStage {
  id: string;
  name: string;
  position: number;
  kind: StageKind;
  /** Default win probability (0–100) of deals in the stage. */
  probability: number;
}

/** One card on the board. Money in dollars; dates ISO (expectedCloseDate YYYY-MM-DD). */
export interface OpportunityCard {
  id: string;
  title: string;
  stageId: string;
  position: number;
  /** Optimistic-concurrency version: send it back with a move or an edit; a stale one gets 409. */
  version: number;
  value: number | null;
  /** 0–100; null = the stage's probability. */
  probability: number | null;
  expectedCloseDate: string | null;
  ownerId: string | null;
  ownerName: string | null;
  leadId: string | null;
  propertyType: string | null;
  city: string | null;
  state: string | null;
  zip: string | null;
  /** When the deal entered its current stage (time in stage = now − this). */
  stageEnteredAt: string;
  createdAt: string;
}

export interface PipelineColumn extends PipelineStage {
  count: number;
  /** Sum of the values of the stage's deals that match the filters. */
  totalValue: number;
  /** Sum of value × probability (the card's, or the stage's). */
  weightedValue: number;
  opportunities: OpportunityCard[];
}

/** GET /api/pipeline */
export interface PipelineResponse {
  stages: PipelineColumn[];
}

const optionalNumber = (min: number, max: number) => z.coerce.number({ error: "must be a number" }).min(min, { error: `must be at least ${min}` }).max(max, { error: `must be at most ${max}` }).optional();

/** Query of GET /api/pipeline: every filter optional. `market` is a state code, a city or a ZIP. */
export const pipelineQuerySchema = z
  .object({
    ownerId: z.union([z.literal("me"), z.uuid({ error: "must be a user id or 'me'" })]).optional(),
    propertyType: z.enum(PROPERTY_TYPES, { error: "is not a known property type" }).optional(),
    market: z.string().trim().min(1).max(100).optional(),
    minValue: optionalNumber(0, 1e12),
    maxValue: optionalNumber(0, 1e12),
  })
  .strict()
  .refine((q) => q.minValue === undefined || q.maxValue === undefined || q.minValue <= q.maxValue, { error: "must not be above maxValue", path: ["minValue"] });
export type PipelineQuery = z.infer<typeof pipelineQuerySchema>;

/** POST /api/opportunities/:id/move. Closing as lost needs a reason. */
export const moveOpportunityRequestSchema = z
  .object({
    stageId: z.uuid({ error: "must be a stage id" }),
    /** 0-based index within the target stage, after the move. */
    position: z.number({ error: "must be a number" }).int({ error: "must be a whole number" }).min(0, { error: "must not be negative" }).max(100_000),
    version: z.number({ error: "is required" }).int().min(1),
    lostReason: z.string().trim().min(1, { error: "is required" }).max(500, { error: "must be at most 500 characters" }).optional(),
  })
  .strict();
export type MoveOpportunityRequest = z.infer<typeof moveOpportunityRequestSchema>;

/** 200 of a move: the card as it now is. */
export type MoveOpportunityResponse = OpportunityCard;

const money = z.number({ error: "must be a number" }).min(0, { error: "must not be negative" }).max(1e12, { error: "is too large" });
const probability = z.number({ error: "must be a number" }).min(0, { error: "must be 0–100" }).max(100, { error: "must be 0–100" });
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: "must be a date (YYYY-MM-DD)" });

export const propertyInputSchema = z
  .object({
    street: z.string().trim().max(200).nullable().optional(),
    city: z.string().trim().max(100).nullable().optional(),
    state: z.string().trim().regex(/^[A-Za-z]{2}$/, { error: "must be a two-letter state code" }).transform((s) => s.toUpperCase()).nullable().optional(),
    zip: z.string().trim().regex(/^\d{5}(-\d{4})?$/, { error: "must be a 5-digit ZIP code" }).nullable().optional(),
    propertyType: z.enum(PROPERTY_TYPES, { error: "is not a known property type" }).nullable().optional(),
    beds: z.number().min(0).max(100).nullable().optional(),
    baths: z.number().min(0).max(100).nullable().optional(),
    sqft: z.number().int().min(0).max(10_000_000).nullable().optional(),
    yearBuilt: z.number().int().min(1600).max(2100).nullable().optional(),
  })
  .strict();
export type PropertyInput = z.infer<typeof propertyInputSchema>;

/** POST /api/opportunities: a deal straight onto the board (leads convert through /api/leads/:id/convert). */
export const createOpportunityRequestSchema = z
  .object({
    title: z.string({ error: "is required" }).trim().min(1, { error: "is required" }).max(200),
    stageId: z.uuid({ error: "must be a stage id" }).optional(),
    value: money.nullable().optional(),
    probability: probability.nullable().optional(),
    expectedCloseDate: isoDate.nullable().optional(),
    ownerId: z.uuid({ error: "must be a user id" }).nullable().optional(),
    property: propertyInputSchema.optional(),
  })
  .strict();
export type CreateOpportunityRequest = z.infer<typeof createOpportunityRequestSchema>;

/** PATCH /api/opportunities/:id: any subset, with the version read (409 when stale). */
export const updateOpportunityRequestSchema = z
  .object({
    version: z.number({ error: "is required" }).int().min(1),
    title: z.string().trim().min(1, { error: "is required" }).max(200).optional(),
    value: money.nullable().optional(),
    probability: probability.nullable().optional(),
    expectedCloseDate: isoDate.nullable().optional(),
    ownerId: z.uuid({ error: "must be a user id" }).nullable().optional(),
    /** The deal analyzer's inputs; the figures are computed from them (src/domain/dealAnalyzer). */
    analysis: dealAnalysisInputSchema.nullable().optional(),
    property: propertyInputSchema.optional(),
  })
  .strict();
export type UpdateOpportunityRequest = z.input<typeof updateOpportunityRequestSchema>;

export interface PropertySummary {
  id: string;
  street: string | null;
  city: string | null;
  state: string | null;
  zip: string | null;
  propertyType: string | null;
  beds: number | null;
  baths: number | null;
  sqft: number | null;
  yearBuilt: number | null;
  estimatedValue: number | null;
}

export interface StageMove {
  id: string;
  fromStageId: string | null;
  fromStageName: string | null;
  toStageId: string;
  toStageName: string;
  movedBy: string | null;
  movedByName: string | null;
  movedAt: string;
  /** Seconds the deal spent in the stage it left (null for the first entry). */
  secondsInPreviousStage: number | null;
}

export interface OpportunityShare {
  id: string;
  investorId: string;
  investorName: string;
  sharedBy: string | null;
  sharedAt: string;
  /** The investor's answer, once given. */
  response: "interested" | "passed" | null;
  comment: string | null;
  respondedAt: string | null;
}

/** A calendar date that exists (2026-02-30 does not). */
const realDate = isoDate.refine((d) => {
  const t = new Date(`${d}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === d;
}, { error: "is not a calendar date" });

/**
 * POST /api/opportunities/:id/exit: what a won deal really returned — when it exited (sold, refinanced, cashed
 * out), the total cost (purchase, repairs, holding and closing) and the proceeds. Recording again corrects it.
 */
export const recordExitRequestSchema = z
  .object({
    exitedOn: realDate,
    totalCost: z.number({ error: "must be a number" }).positive({ error: "must be more than 0" }).max(1e12, { error: "is too large" }),
    proceeds: money,
  })
  .strict();
export type RecordExitRequest = z.infer<typeof recordExitRequestSchema>;

/** The exit of a won deal, as recorded. */
export interface DealExit {
  exitedOn: string;
  totalCost: number;
  proceeds: number;
  /** (proceeds − total cost) ÷ total cost, e.g. 0.182 for 18.2 %. */
  realizedReturn: number;
  recordedAt: string;
}

/** The realized return of an exit: (proceeds − total cost) ÷ total cost, to four decimals (as Postgres stores it). */
export function realizedReturnOf(exit: { totalCost: number; proceeds: number }): number {
  return Math.round(((exit.proceeds - exit.totalCost) / exit.totalCost) * 10_000) / 10_000;
}

/** GET /api/opportunities/:id */
export interface OpportunityDetail extends OpportunityCard {
  stage: PipelineStage;
  lostReason: string | null;
  closedAt: string | null;
  property: PropertySummary | null;
  lead: { id: string; name: string; email: string | null; phone: string | null } | null;
  /** The analyzer's saved inputs (null until someone fills them in). */
  analysis: DealAnalysisFormValues | null;
  history: StageMove[];
  shares: OpportunityShare[];
  /** Recorded on a won deal (POST /api/opportunities/:id/exit); null until then. */
  exit: DealExit | null;
}

/** PUT /api/pipeline/stages: the org's stages in order; ids keep existing stages, stages left out are deleted (409 if they hold deals). */
export const replaceStagesRequestSchema = z
  .object({
    stages: z
      .array(
        z
          .object({
            id: z.uuid().optional(),
            name: z.string().trim().min(1, { error: "is required" }).max(60),
            kind: z.enum(STAGE_KINDS),
            probability,
          })
          .strict(),
      )
      .min(2, { error: "needs at least two stages" })
      .max(20, { error: "at most 20 stages" }),
  })
  .strict()
  .refine((b) => b.stages.some((s) => s.kind === "open"), { error: "needs at least one open stage", path: ["stages"] })
  .refine((b) => new Set(b.stages.map((s) => s.name.toLowerCase())).size === b.stages.length, { error: "stage names must differ", path: ["stages"] });
