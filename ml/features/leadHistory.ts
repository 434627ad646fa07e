// The event model of one lead's history, the input of the lead-to-deal feature builder. It mirrors what the
// database records: the lead row (created_at, source), contact-validation results, property enrichment results,
// every touch (outbound call/text/email by an agent, inbound reply from the lead) and every status change, each
// with the time it was recorded. Times are epoch milliseconds. The synthetic generator (ml/data/
// syntheticHistories.ts) produces these; a database adapter will later build the same shape from rows.
//
// Point-in-time rule: a feature computed "at cutoff c" may only use events with `at < c` (strictly before).

export const DAY_MS = 86_400_000;
export const MINUTE_MS = 60_000;

/** Lead statuses, as in public.leads.status. `converted` and `dead` are terminal (the lead is no longer open). */
export const LEAD_STATUSES = ["new", "contacted", "qualified", "nurturing", "unqualified", "converted", "dead"] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

export type Channel = "call" | "text" | "email";

/** Result of checking the lead's email / phone (null = the lead gave none). */
export interface EmailCheck {
  valid: boolean;
  disposable: boolean;
  /** A free webmail domain (gmail, yahoo, …). */
  free: boolean;
}
export interface PhoneCheck {
  valid: boolean;
  mobile: boolean;
}

/** Facts from property enrichment; any field may be null (the provider did not know it). */
export interface PropertyFacts {
  estimatedValue: number | null;
  equityPercent: number | null;
  yearsOwned: number | null;
  beds: number | null;
  baths: number | null;
  sqft: number | null;
  propertyType: string | null;
  absenteeOwner: boolean | null;
  taxDelinquent: boolean | null;
  vacant: boolean | null;
  /** Present in provider data but protected: the feature builder must never use it. */
  ownerAge?: number | null;
  /** A location proxy for protected classes: never used as a feature. */
  zip?: string | null;
}

export type LeadEvent =
  | { type: "contact_check"; at: number; email: EmailCheck | null; phone: PhoneCheck | null }
  | { type: "property"; at: number; facts: PropertyFacts }
  | { type: "touch"; at: number; direction: "out" | "in"; channel: Channel }
  | { type: "status"; at: number; to: LeadStatus };

export interface LeadHistory {
  leadId: string;
  createdAt: number;
  /** Free text in the database (web_form, facebook, ppc, direct_mail, cold_call, referral, csv_list, …). */
  source: string | null;
  /** Personal data present on the lead row; protected, never a feature. */
  person?: { firstName?: string; lastName?: string };
  /** Any order; the builder does not rely on sorting. */
  events: LeadEvent[];
}

/**
 * One investor's buy box as it was in force over time (org-level, shared by all leads): active for a cutoff c when
 * `from < c` and it had not been removed before c (`until === null || until >= c`). Null criteria match anything.
 */
export interface InvestorBuyBox {
  investorId: string;
  from: number;
  until: number | null;
  minPrice: number | null;
  maxPrice: number | null;
  minBeds: number | null;
  minEquityPercent: number | null;
  propertyTypes: string[] | null;
}

export interface OrgContext {
  buyBoxes: InvestorBuyBox[];
}

/** Whether a property matches a buy box. A criterion on a fact the property lacks (null) is not met. */
export function buyBoxMatches(box: InvestorBuyBox, p: PropertyFacts): boolean {
  if ((box.minPrice !== null || box.maxPrice !== null) && p.estimatedValue === null) return false;
  if (box.minPrice !== null && p.estimatedValue! < box.minPrice) return false;
  if (box.maxPrice !== null && p.estimatedValue! > box.maxPrice) return false;
  if (box.minBeds !== null && (p.beds === null || p.beds < box.minBeds)) return false;
  if (box.minEquityPercent !== null && (p.equityPercent === null || p.equityPercent < box.minEquityPercent)) return false;
  if (box.propertyTypes !== null && (p.propertyType === null || !box.propertyTypes.includes(p.propertyType))) return false;
  return true;
}

/** Whether a buy box was in force at `cutoff` as known before it. */
export function buyBoxActiveAt(box: InvestorBuyBox, cutoff: number): boolean {
  return box.from < cutoff && (box.until === null || box.until >= cutoff);
}
