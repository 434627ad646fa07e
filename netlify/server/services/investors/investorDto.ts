import type { Selectable } from "kysely";
import type { Investor, AccreditationStatus } from "../../../../src/domain/investors";
import type { InvestorProfile as MatchingInvestor, LeveragePreference } from "../../../../src/domain/matching/types";
import type { InvestorsTable } from "../../db/schema";
import { numberOrNull } from "../../db/numeric";

export type InvestorRow = Selectable<InvestorsTable>;

export function toInvestor(r: InvestorRow): Investor {
  return {
    id: r.id,
    firstName: r.firstName,
    lastName: r.lastName,
    company: r.company,
    email: r.email,
    phone: r.phone,
    accreditationStatus: r.accreditationStatus as AccreditationStatus,
    minInvestment: numberOrNull(r.minInvestment),
    maxInvestment: numberOrNull(r.maxInvestment),
    capitalCommitted: Number(r.capitalCommitted),
    capitalAvailable: Number(r.capitalAvailable),
    propertyTypes: r.propertyTypes ?? [],
    states: r.marketStates ?? [],
    cities: r.marketCities ?? [],
    zips: r.marketZips ?? [],
    targetReturn: numberOrNull(r.targetReturn),
    riskTolerance: r.riskTolerance,
    holdPeriodMonths: r.holdPeriodMonths,
    leveragePreference: r.leveragePreference as Investor["leveragePreference"],
    userId: r.userId,
    createdAt: new Date(r.createdAt).toISOString(),
    updatedAt: new Date(r.updatedAt).toISOString(),
  };
}

/** API fields → columns, for the fields present in a create or patch body. */
export function investorColumns(input: Record<string, unknown>): Record<string, unknown> {
  const rename: Record<string, string> = { states: "marketStates", cities: "marketCities", zips: "marketZips" };
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input)) if (v !== undefined) out[rename[k] ?? k] = v;
  return out;
}

/** The columns the matcher reads, as selected from investors (or an Investor with its markets renamed). */
export interface MatchingInvestorRow {
  id: string;
  firstName: string;
  lastName: string | null;
  propertyTypes: string[];
  marketStates: string[];
  marketCities: string[];
  marketZips: string[];
  minInvestment: unknown;
  maxInvestment: unknown;
  capitalAvailable: unknown;
  targetReturn: unknown;
  riskTolerance: number | null;
  holdPeriodMonths: number | null;
  leveragePreference: string | null;
  accreditationStatus: string;
}

/**
 * The investor as the matcher reads them. Preferences left blank match anything: no minimum, no maximum,
 * no target return, middling risk tolerance (5), a moderate leverage preference; the hold period defaults to
 * the deal's own (so it neither helps nor hurts).
 */
export function toMatchingInvestor(r: MatchingInvestorRow, dealHoldMonths: number): MatchingInvestor {
  return {
    id: r.id,
    name: [r.firstName, r.lastName].filter(Boolean).join(" "),
    propertyTypes: r.propertyTypes ?? [],
    markets: { states: r.marketStates ?? [], cities: r.marketCities ?? [], zips: r.marketZips ?? [] },
    minInvestment: numberOrNull(r.minInvestment) ?? 0,
    maxInvestment: numberOrNull(r.maxInvestment) ?? Number.MAX_SAFE_INTEGER,
    capitalAvailable: Number(r.capitalAvailable),
    targetReturn: numberOrNull(r.targetReturn) ?? 0,
    riskTolerance: r.riskTolerance ?? 5,
    holdPeriodMonths: r.holdPeriodMonths ?? dealHoldMonths,
    leveragePreference: (r.leveragePreference ?? "moderate") as LeveragePreference,
    accredited: r.accreditationStatus === "accredited",
  };
}
