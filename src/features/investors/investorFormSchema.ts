import { z } from "zod";
import { ACCREDITATION_STATUSES, createInvestorRequestSchema, type Investor, type UpdateInvestorRequest } from "@/domain/investors";
import { LEVERAGE_PREFERENCES, PROPERTY_TYPES } from "@/domain/matching/types";

/** What the investor form holds: text as typed (money as dollars, target return as a percentage), lists as chips. */
export interface InvestorFormValues {
  firstName: string;
  lastName: string;
  company: string;
  email: string;
  phone: string;
  accreditationStatus: (typeof ACCREDITATION_STATUSES)[number];
  minInvestment: string;
  maxInvestment: string;
  capitalCommitted: string;
  capitalAvailable: string;
  propertyTypes: (typeof PROPERTY_TYPES)[number][];
  states: string[];
  cities: string[];
  zips: string[];
  /** Percent, e.g. "12" = 12% (sent as 0.12). */
  targetReturn: string;
  riskTolerance: string;
  holdPeriodMonths: string;
  leveragePreference: "" | (typeof LEVERAGE_PREFERENCES)[number];
}

export type InvestorRequest = z.output<typeof createInvestorRequestSchema>;

export const emptyInvestorForm: InvestorFormValues = {
  firstName: "",
  lastName: "",
  company: "",
  email: "",
  phone: "",
  accreditationStatus: "unverified",
  minInvestment: "",
  maxInvestment: "",
  capitalCommitted: "",
  capitalAvailable: "",
  propertyTypes: [],
  states: [],
  cities: [],
  zips: [],
  targetReturn: "",
  riskTolerance: "",
  holdPeriodMonths: "",
  leveragePreference: "",
};

const blankToNull = (s: string): string | null => (s.trim() === "" ? null : s.trim());

/** "250,000" / "$250000" → 250000; "" → null; anything else not a number → NaN (the API's rule then says "must be a number"). */
export function parseAmount(s: string): number | null {
  const t = s.replace(/[$,\s]/g, "");
  return t === "" ? null : Number(t);
}

/** "12" or "12.5%" → 0.12 / 0.125 (no float noise). */
export function percentToFraction(s: string): number | null {
  const n = parseAmount(s.replace(/%/g, ""));
  return n === null || Number.isNaN(n) ? n : Number((n / 100).toFixed(10));
}

export function fractionToPercent(f: number | null): string {
  return f === null ? "" : String(Number((f * 100).toFixed(6)));
}

/**
 * The form's values turned into a request body and checked with the API's own schema
 * (createInvestorRequestSchema), so the rules and messages are the server's. Errors land on the form's fields.
 */
export const investorFormSchema = z
  .object({
    firstName: z.string(),
    lastName: z.string(),
    company: z.string(),
    email: z.string(),
    phone: z.string(),
    accreditationStatus: z.enum(ACCREDITATION_STATUSES),
    minInvestment: z.string(),
    maxInvestment: z.string(),
    capitalCommitted: z.string(),
    capitalAvailable: z.string(),
    propertyTypes: z.array(z.enum(PROPERTY_TYPES)),
    states: z.array(z.string()),
    cities: z.array(z.string()),
    zips: z.array(z.string()),
    targetReturn: z.string(),
    riskTolerance: z.string(),
    holdPeriodMonths: z.string(),
    leveragePreference: z.union([z.literal(""), z.enum(LEVERAGE_PREFERENCES)]),
  })
  .transform((v): z.input<typeof createInvestorRequestSchema> => ({
    firstName: v.firstName,
    lastName: blankToNull(v.lastName),
    company: blankToNull(v.company),
    email: blankToNull(v.email),
    phone: blankToNull(v.phone),
    accreditationStatus: v.accreditationStatus,
    minInvestment: parseAmount(v.minInvestment),
    maxInvestment: parseAmount(v.maxInvestment),
    capitalCommitted: parseAmount(v.capitalCommitted) ?? undefined,
    capitalAvailable: parseAmount(v.capitalAvailable) ?? undefined,
    propertyTypes: v.propertyTypes,
    states: v.states,
    cities: v.cities,
    zips: v.zips,
    targetReturn: percentToFraction(v.targetReturn),
    riskTolerance: parseAmount(v.riskTolerance),
    holdPeriodMonths: parseAmount(v.holdPeriodMonths),
    leveragePreference: v.leveragePreference === "" ? null : v.leveragePreference,
  }))
  .pipe(createInvestorRequestSchema);

/** The body of POST /api/investors: only what was filled in. */
export function toCreateRequest(values: InvestorRequest): InvestorRequest {
  return Object.fromEntries(
    Object.entries(values).filter(([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0)),
  ) as InvestorRequest;
}

export function toFormValues(investor: Investor): InvestorFormValues {
  const amount = (n: number | null) => (n === null ? "" : String(n));
  return {
    firstName: investor.firstName,
    lastName: investor.lastName ?? "",
    company: investor.company ?? "",
    email: investor.email ?? "",
    phone: investor.phone ?? "",
    accreditationStatus: investor.accreditationStatus,
    minInvestment: amount(investor.minInvestment),
    maxInvestment: amount(investor.maxInvestment),
    capitalCommitted: amount(investor.capitalCommitted),
    capitalAvailable: amount(investor.capitalAvailable),
    propertyTypes: investor.propertyTypes.filter((t): t is (typeof PROPERTY_TYPES)[number] => (PROPERTY_TYPES as readonly string[]).includes(t)),
    states: [...investor.states],
    cities: [...investor.cities],
    zips: [...investor.zips],
    targetReturn: fractionToPercent(investor.targetReturn),
    riskTolerance: amount(investor.riskTolerance),
    holdPeriodMonths: amount(investor.holdPeriodMonths),
    leveragePreference: investor.leveragePreference ?? "",
  };
}

/** The body of PATCH /api/investors/:id: the fields whose value differs from the investor's (so a concurrent edit of another field survives). */
export function toUpdateRequest(investor: Investor, values: InvestorRequest): UpdateInvestorRequest {
  const patch: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) continue;
    const before = (investor as unknown as Record<string, unknown>)[key] ?? null;
    if (JSON.stringify(before) !== JSON.stringify(value)) patch[key] = value;
  }
  return patch as UpdateInvestorRequest;
}

/** The form's field names, for placing the server's field errors. */
export const INVESTOR_FORM_FIELDS = Object.keys(emptyInvestorForm) as (keyof InvestorFormValues)[];
