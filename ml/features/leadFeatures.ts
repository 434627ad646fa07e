// Point-in-time lead features for the lead-to-deal model: a pure function of one lead's history, the org's
// investor buy boxes and a cutoff time. Only events recorded strictly before the cutoff are read, so a training
// row sees exactly what the app knew at that moment. Every feature is declared once in FEATURE_SPEC (name, type,
// meaning); the trainer builds its columns and the scorer its rows from that list. No protected attributes (names,
// ages, race/ethnicity proxies such as ZIP code) are features — a test checks the spec against a deny-list.

import {
  buyBoxActiveAt,
  buyBoxMatches,
  DAY_MS,
  MINUTE_MS,
  type EmailCheck,
  type LeadHistory,
  type LeadStatus,
  type OrgContext,
  type PhoneCheck,
  type PropertyFacts,
} from "./leadHistory";

export interface FeatureSpecEntry {
  name: string;
  type: "numeric" | "categorical";
  description: string;
}

/** Every feature of the lead-to-deal model, in column order. Numeric features are NaN when unknown at the cutoff; categorical ones null. */
export const FEATURE_SPEC = [
  { name: "source", type: "categorical", description: "lead source as recorded on the lead (web_form, facebook, ppc, direct_mail, …)" },
  { name: "emailValid", type: "numeric", description: "1/0 email passed validation; NaN when no email or not yet checked" },
  { name: "emailDisposable", type: "numeric", description: "1/0 disposable email domain; NaN when no email or not yet checked" },
  { name: "emailFree", type: "numeric", description: "1/0 free webmail domain; NaN when no email or not yet checked" },
  { name: "phoneValid", type: "numeric", description: "1/0 phone passed validation; NaN when no phone or not yet checked" },
  { name: "phoneMobile", type: "numeric", description: "1/0 phone is a mobile line; NaN when no phone or not yet checked" },
  { name: "reachable", type: "numeric", description: "1 if a valid phone or email is known, 0 if checked and neither is, NaN before the check" },
  { name: "propertyKnown", type: "numeric", description: "1 if property enrichment had returned before the cutoff, else 0" },
  { name: "estimatedValue", type: "numeric", description: "enriched estimated property value (USD)" },
  { name: "equityPercent", type: "numeric", description: "enriched owner equity, percent of value (0–100)" },
  { name: "yearsOwned", type: "numeric", description: "enriched years since the owner bought" },
  { name: "beds", type: "numeric", description: "enriched bedrooms" },
  { name: "baths", type: "numeric", description: "enriched bathrooms" },
  { name: "sqft", type: "numeric", description: "enriched living area (sq ft)" },
  { name: "propertyType", type: "categorical", description: "enriched property type (single_family, condo, …)" },
  { name: "absenteeOwner", type: "numeric", description: "1/0 owner's mailing address differs from the property" },
  { name: "taxDelinquent", type: "numeric", description: "1/0 property taxes delinquent" },
  { name: "vacant", type: "numeric", description: "1/0 property flagged vacant" },
  { name: "matchingInvestors", type: "numeric", description: "investor buy boxes in force at the cutoff that the property matches; NaN when the property is unknown" },
  { name: "daysSinceCreated", type: "numeric", description: "days from lead creation to the cutoff" },
  { name: "createdHourUtc", type: "numeric", description: "hour of day (UTC) the lead was created" },
  { name: "createdDayOfWeek", type: "numeric", description: "day of week (0 = Sunday, UTC) the lead was created" },
  { name: "firstResponseMinutes", type: "numeric", description: "minutes from creation to the first outbound touch; NaN when none before the cutoff" },
  { name: "touchesOut", type: "numeric", description: "outbound touches (calls, texts, emails) before the cutoff" },
  { name: "touchesOut7d", type: "numeric", description: "outbound touches in the 7 days before the cutoff" },
  { name: "touchesOut30d", type: "numeric", description: "outbound touches in the 30 days before the cutoff" },
  { name: "replies", type: "numeric", description: "inbound replies from the lead before the cutoff" },
  { name: "replies7d", type: "numeric", description: "inbound replies in the 7 days before the cutoff" },
  { name: "replies30d", type: "numeric", description: "inbound replies in the 30 days before the cutoff" },
  { name: "replyRate", type: "numeric", description: "replies ÷ outbound touches; NaN without outbound touches" },
  { name: "daysSinceLastTouch", type: "numeric", description: "days since the last touch either way; NaN when none" },
  { name: "daysSinceLastReply", type: "numeric", description: "days since the lead's last reply; NaN when none" },
  { name: "status", type: "categorical", description: "lead status at the cutoff (new until the first status change)" },
  { name: "daysInStatus", type: "numeric", description: "days since the status last changed (since creation if never)" },
  { name: "statusChanges", type: "numeric", description: "status changes before the cutoff" },
] as const satisfies readonly FeatureSpecEntry[];

export type FeatureName = (typeof FEATURE_SPEC)[number]["name"];
/** One lead's features at a cutoff: numbers (NaN = unknown) for numeric features, strings (null = unknown) for categorical. */
export type LeadFeatures = Record<FeatureName, number | string | null>;

export const DEFAULT_HORIZON_DAYS = 90;

const flag = (v: boolean | null | undefined): number => (v === null || v === undefined ? NaN : v ? 1 : 0);
const num = (v: number | null | undefined): number => (v === null || v === undefined ? NaN : v);

/** The status in force just before `cutoff` (the last status event before it, `new` if none). */
export function statusAt(history: LeadHistory, cutoff: number): { status: LeadStatus; since: number; changes: number } {
  let status: LeadStatus = "new";
  let since = history.createdAt;
  let changes = 0;
  for (const e of history.events) {
    if (e.type !== "status" || e.at >= cutoff) continue;
    changes++;
    if (e.at >= since) {
      status = e.to;
      since = e.at;
    }
  }
  return { status, since, changes };
}

/** Whether the lead existed and was still open (not converted, not dead) just before `cutoff`: only open leads get a row. */
export function isOpenAt(history: LeadHistory, cutoff: number): boolean {
  if (cutoff <= history.createdAt) return false;
  const { status } = statusAt(history, cutoff);
  return status !== "converted" && status !== "dead";
}

/** When the lead first became `converted` (NaN if never). */
export function conversionTime(history: LeadHistory): number {
  let t = NaN;
  for (const e of history.events) if (e.type === "status" && e.to === "converted" && !(e.at >= t)) t = e.at;
  return t;
}

/**
 * The label of a row at `cutoff`: 1 if the lead converts in [cutoff, cutoff + horizon), 0 otherwise. The label
 * window starts exactly at the cutoff, where the features end.
 */
export function labelAt(history: LeadHistory, cutoff: number, horizonDays = DEFAULT_HORIZON_DAYS): 0 | 1 {
  const t = conversionTime(history);
  return t >= cutoff && t < cutoff + horizonDays * DAY_MS ? 1 : 0;
}

/** The features of `history` at `cutoff`, from events strictly before it. Throws if the lead did not exist yet. */
export function buildLeadFeatures(history: LeadHistory, cutoff: number, context: OrgContext = { buyBoxes: [] }): LeadFeatures {
  if (!(cutoff > history.createdAt)) throw new Error(`cutoff ${cutoff} is not after lead ${history.leadId} was created (${history.createdAt})`);
  let contactAt = -Infinity;
  let email: EmailCheck | null = null;
  let phone: PhoneCheck | null = null;
  let contactChecked = false;
  let propertyAt = -Infinity;
  let property: PropertyFacts | null = null;
  let firstOut = Infinity;
  let touchesOut = 0, touchesOut7d = 0, touchesOut30d = 0;
  let replies = 0, replies7d = 0, replies30d = 0;
  let lastTouch = -Infinity;
  let lastReply = -Infinity;
  const since7 = cutoff - 7 * DAY_MS;
  const since30 = cutoff - 30 * DAY_MS;

  for (const e of history.events) {
    if (!(e.at < cutoff)) continue; // point in time: nothing at or after the cutoff
    switch (e.type) {
      case "contact_check":
        if (e.at >= contactAt) {
          contactAt = e.at;
          email = e.email;
          phone = e.phone;
          contactChecked = true;
        }
        break;
      case "property":
        if (e.at >= propertyAt) {
          propertyAt = e.at;
          property = e.facts;
        }
        break;
      case "touch":
        if (e.at > lastTouch) lastTouch = e.at;
        if (e.direction === "out") {
          touchesOut++;
          if (e.at >= since7) touchesOut7d++;
          if (e.at >= since30) touchesOut30d++;
          if (e.at < firstOut) firstOut = e.at;
        } else {
          replies++;
          if (e.at >= since7) replies7d++;
          if (e.at >= since30) replies30d++;
          if (e.at > lastReply) lastReply = e.at;
        }
        break;
      case "status":
        break;
    }
  }

  const st = statusAt(history, cutoff);
  const created = new Date(history.createdAt);
  const reachable = !contactChecked ? NaN : (email?.valid ?? false) || (phone?.valid ?? false) ? 1 : 0;
  let matchingInvestors = NaN;
  if (property) {
    matchingInvestors = 0;
    for (const box of context.buyBoxes) if (buyBoxActiveAt(box, cutoff) && buyBoxMatches(box, property)) matchingInvestors++;
  }

  return {
    source: history.source === null || history.source === "" ? null : history.source,
    emailValid: flag(email?.valid),
    emailDisposable: flag(email?.disposable),
    emailFree: flag(email?.free),
    phoneValid: flag(phone?.valid),
    phoneMobile: flag(phone?.mobile),
    reachable,
    propertyKnown: property ? 1 : 0,
    estimatedValue: num(property?.estimatedValue),
    equityPercent: num(property?.equityPercent),
    yearsOwned: num(property?.yearsOwned),
    beds: num(property?.beds),
    baths: num(property?.baths),
    sqft: num(property?.sqft),
    propertyType: property?.propertyType ?? null,
    absenteeOwner: flag(property?.absenteeOwner),
    taxDelinquent: flag(property?.taxDelinquent),
    vacant: flag(property?.vacant),
    matchingInvestors,
    daysSinceCreated: (cutoff - history.createdAt) / DAY_MS,
    createdHourUtc: created.getUTCHours(),
    createdDayOfWeek: created.getUTCDay(),
    firstResponseMinutes: Number.isFinite(firstOut) ? (firstOut - history.createdAt) / MINUTE_MS : NaN,
    touchesOut,
    touchesOut7d,
    touchesOut30d,
    replies,
    replies7d,
    replies30d,
    replyRate: touchesOut > 0 ? replies / touchesOut : NaN,
    daysSinceLastTouch: Number.isFinite(lastTouch) ? (cutoff - lastTouch) / DAY_MS : NaN,
    daysSinceLastReply: Number.isFinite(lastReply) ? (cutoff - lastReply) / DAY_MS : NaN,
    status: st.status,
    daysInStatus: (cutoff - st.since) / DAY_MS,
    statusChanges: st.changes,
  };
}
