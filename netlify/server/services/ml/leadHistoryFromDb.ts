// Builds the lead-to-deal model's input (ml/features/leadHistory.ts: LeadHistory event streams and the org's
// investor buy boxes) from the database. Every event carries the time it was recorded, so the histories are
// point-in-time correct by construction: the feature builder (ml/features/leadFeatures.ts) only reads events
// strictly before its cutoff, whether the cutoff is a training snapshot or "now".
//
// Sources (all filtered by org, and by lead when ids are given):
//   leads              createdAt, source (the row); the current status when no status change was recorded
//   lead_enrichments   contact  → contact_check (email valid/disposable/free, phone valid/mobile) at created_at
//                      property → property facts at created_at (marketValue → estimatedValue, years owned from
//                                 the last sale date, beds, baths, sqft; equity, type and flags when the provider gives them)
//   activities         message.sent → outbound touch, message.received → reply, call.logged → outbound call,
//                      lead.status_changed (data.changes.status.to) → status, lead.converted → converted
//   opportunities      an opportunity made from the lead → converted at its creation (if no earlier conversion)
//   investors          buy boxes: in force from the investor's creation; price range = min/max investment,
//                      property types from the preferences (the current values: preferences keep no history)
// Notes are not touches (they record what an agent wrote, not contact with the lead); owner names, ages and ZIP codes
// are never read into features (protected attributes).

import { sql, type Kysely } from "kysely";
import { DAY_MS, LEAD_STATUSES, type Channel, type InvestorBuyBox, type LeadEvent, type LeadHistory, type LeadStatus, type OrgContext, type PropertyFacts } from "../../../../ml/features/leadHistory";
import type { Database } from "../../db/schema";
import { cachedBuyBoxes, rememberBuyBoxes } from "./buyBoxCache";

type Db = Kysely<Database>;

export interface OrgHistories {
  histories: LeadHistory[];
  context: OrgContext;
}

/** The registry row of the org's active lead-conversion model (ml_models), read alongside a few leads' histories. */
export interface ActiveModelRef {
  id: string;
  version: number;
}

const STATUS_SET = new Set<string>(LEAD_STATUSES);
const asStatus = (v: unknown): LeadStatus | null => (typeof v === "string" && STATUS_SET.has(v) ? (v as LeadStatus) : null);
const ms = (d: Date | string) => (d instanceof Date ? d.getTime() : new Date(d).getTime());
const numOrNull = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v)) ? Number(v) : null);
const boolOrNull = (v: unknown): boolean | null => (typeof v === "boolean" ? v : null);
const strOrNull = (v: unknown): string | null => (typeof v === "string" && v.length > 0 ? v : null);
const obj = (v: unknown): Record<string, unknown> => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

const channelOf = (v: unknown): Channel => (v === "email" ? "email" : v === "call" ? "call" : "text");

/** The contact enrichment result (netlify/server/services/enrichment: ContactChecks) → a contact_check event. */
export function contactEvent(at: number, result: unknown): LeadEvent {
  const r = obj(result);
  const email = r.email ? obj(r.email) : null;
  const phone = r.phone ? obj(r.phone) : null;
  return {
    type: "contact_check",
    at,
    email: email ? { valid: email.validSyntax === true && email.hasMx !== false, disposable: email.disposable === true, free: email.freeProvider === true } : null,
    phone: phone ? { valid: phone.valid === true, mobile: phone.valid === true && (phone.type === "MOBILE" || phone.textable === true) } : null,
  };
}

/** The property enrichment result (provider PropertyFacts, plus the fields a richer provider may add) → property facts. */
export function propertyFacts(at: number, result: unknown): PropertyFacts {
  const r = obj(result);
  const lastSale = strOrNull(r.lastSaleDate);
  const soldAt = lastSale ? Date.parse(lastSale) : NaN;
  const yearsOwned = numOrNull(r.yearsOwned) ?? (Number.isFinite(soldAt) && soldAt <= at ? Math.floor(((at - soldAt) / (365.25 * DAY_MS)) * 10) / 10 : null);
  return {
    estimatedValue: numOrNull(r.estimatedValue) ?? numOrNull(r.marketValue) ?? numOrNull(r.assessedValue),
    equityPercent: numOrNull(r.equityPercent),
    yearsOwned,
    beds: numOrNull(r.beds),
    baths: numOrNull(r.baths),
    sqft: numOrNull(r.sqft),
    propertyType: strOrNull(r.propertyType),
    absenteeOwner: boolOrNull(r.absenteeOwner),
    taxDelinquent: boolOrNull(r.taxDelinquent),
    vacant: boolOrNull(r.vacant),
  };
}

interface Rows {
  leads: { id: string; createdAt: number; updatedAt: number; source: string | null; status: string }[];
  enrichments: { leadId: string; kind: string; result: unknown; at: number }[];
  activities: { leadId: string; type: string; data: unknown; at: number }[];
  opportunities: { leadId: string; at: number }[];
  investors: { id: string; at: number; minInvestment: unknown; maxInvestment: unknown; preferences: unknown }[];
}

/** Rows for scoring a few leads, with the org's active lead-conversion model (null when it has none). */
type ScoringRows = Rows & { activeLeadModel: ActiveModelRef | null };

const ACTIVITY_TYPES = ["message.sent", "message.received", "call.logged", "lead.status_changed", "lead.converted"];

/**
 * The org's lead histories (all live leads, or only `leadIds`) and buy boxes. Runs its queries on `db` as given: a
 * user's transaction (RLS decides what is visible) or the service role (jobs).
 */
export async function loadLeadHistories(db: Db, orgId: string, options: { leadIds?: string[] } = {}): Promise<OrgHistories> {
  if (!options.leadIds) return assemble(await fetchOrg(db, orgId));
  return loadScoringInput(db, orgId, options.leadIds);
}

/**
 * A few leads' histories and, in the same round trip, the org's active lead-conversion model (its registry id and
 * version; the parsed model comes from modelCache.ts): what scoring one lead needs, in one statement. The buy boxes
 * come from the one-minute cache when it has them (buyBoxCache.ts).
 */
export async function loadScoringInput(db: Db, orgId: string, leadIds: string[]): Promise<OrgHistories & { activeLeadModel: ActiveModelRef | null }> {
  const cached = cachedBuyBoxes(orgId);
  const rows = await fetchLeads(db, orgId, leadIds, cached === undefined);
  const loaded = assemble(rows, cached);
  if (cached === undefined) rememberBuyBoxes(orgId, loaded.context.buyBoxes);
  return { ...loaded, activeLeadModel: rows.activeLeadModel };
}

const epochMs = (column: string) => sql.raw(`floor(extract(epoch from ${column}) * 1000)::float8`);

/** A few leads (scoring): everything in one round trip, as JSON arrays, with the org's active lead-conversion model; the org's investors only when asked. */
async function fetchLeads(db: Db, orgId: string, leadIds: string[], withInvestors: boolean): Promise<ScoringRows> {
  const investors = withInvestors
    ? sql`(select coalesce(jsonb_agg(jsonb_build_object('id', i.id, 'at', ${epochMs("i.created_at")}, 'minInvestment', i.min_investment, 'maxInvestment', i.max_investment, 'preferences', i.preferences)), '[]'::jsonb)
         from public.investors i where i.org_id = ${orgId})`
    : sql`'[]'::jsonb`;
  const ids = sql`(select unnest(${leadIds}::uuid[]))`;
  const result = await sql<ScoringRows>`
    select
      (select jsonb_build_object('id', m.id, 'version', m.version)
         from public.ml_models m where m.org_id = ${orgId} and m.kind = 'lead_conversion' and m.active) as "activeLeadModel",
      (select coalesce(jsonb_agg(jsonb_build_object('id', l.id, 'createdAt', ${epochMs("l.created_at")}, 'updatedAt', ${epochMs("l.updated_at")}, 'source', l.source, 'status', l.status) order by l.created_at, l.id), '[]'::jsonb)
         from public.leads l where l.org_id = ${orgId} and l.deleted_at is null and l.id in ${ids}) as leads,
      (select coalesce(jsonb_agg(jsonb_build_object('leadId', e.lead_id, 'kind', e.kind, 'result', e.result, 'at', ${epochMs("e.created_at")})), '[]'::jsonb)
         from public.lead_enrichments e where e.org_id = ${orgId} and e.status = 'done' and e.lead_id in ${ids}) as enrichments,
      (select coalesce(jsonb_agg(jsonb_build_object('leadId', a.lead_id, 'type', a.type, 'data', a.data, 'at', ${epochMs("a.occurred_at")})), '[]'::jsonb)
         from public.activities a where a.org_id = ${orgId} and a.lead_id in ${ids} and a.type = any (${ACTIVITY_TYPES}::text[])) as activities,
      (select coalesce(jsonb_agg(jsonb_build_object('leadId', o.lead_id, 'at', ${epochMs("o.created_at")})), '[]'::jsonb)
         from public.opportunities o where o.org_id = ${orgId} and o.lead_id in ${ids}) as opportunities,
      ${investors} as investors`.execute(db);
  return result.rows[0];
}

/** The whole org (training): one query per table, one after another (a transaction is one connection). */
async function fetchOrg(db: Db, orgId: string): Promise<Rows> {
  const investors = (await db.selectFrom("investors").select(["id", "createdAt", "minInvestment", "maxInvestment", "preferences"]).where("orgId", "=", orgId).execute()).map((i) => ({ ...i, at: ms(i.createdAt) }));
  const leads = (await db.selectFrom("leads").select(["id", "createdAt", "updatedAt", "source", "status"]).where("orgId", "=", orgId).where("deletedAt", "is", null).orderBy("createdAt").orderBy("id").execute()).map((l) => ({ ...l, createdAt: ms(l.createdAt), updatedAt: ms(l.updatedAt) }));
  const enrichments = (await db.selectFrom("leadEnrichments").select(["leadId", "kind", "result", "createdAt"]).where("orgId", "=", orgId).where("status", "=", "done").execute()).map((e) => ({ ...e, at: ms(e.createdAt) }));
  const activities = (await db.selectFrom("activities").select(["leadId", "type", "data", "occurredAt"]).where("orgId", "=", orgId).where("leadId", "is not", null).where("type", "in", ACTIVITY_TYPES).execute()).map((a) => ({ leadId: a.leadId!, type: a.type, data: a.data, at: ms(a.occurredAt) }));
  const opportunities = (await db.selectFrom("opportunities").select(["leadId", "createdAt"]).where("orgId", "=", orgId).where("leadId", "is not", null).execute()).map((o) => ({ leadId: o.leadId!, at: ms(o.createdAt) }));
  return { leads, enrichments, activities, opportunities, investors };
}

function assemble({ leads, enrichments, activities, opportunities, investors }: Rows, buyBoxes?: InvestorBuyBox[]): OrgHistories {
  const histories = new Map<string, LeadHistory & { status: LeadStatus; updatedAt: number; convertedAt: number }>();
  for (const l of leads) {
    histories.set(l.id, { leadId: l.id, createdAt: l.createdAt, source: l.source, events: [], status: l.status as LeadStatus, updatedAt: l.updatedAt, convertedAt: Infinity });
  }
  for (const e of enrichments) {
    const h = histories.get(e.leadId);
    if (!h) continue;
    if (e.kind === "contact") h.events.push(contactEvent(e.at, e.result));
    else h.events.push({ type: "property", at: e.at, facts: propertyFacts(e.at, e.result) });
  }
  for (const a of activities) {
    const h = histories.get(a.leadId);
    if (!h) continue;
    const at = a.at;
    const data = obj(a.data);
    switch (a.type) {
      case "message.sent":
        h.events.push({ type: "touch", at, direction: "out", channel: channelOf(data.channel) });
        break;
      case "call.logged":
        h.events.push({ type: "touch", at, direction: "out", channel: "call" });
        break;
      case "message.received":
        h.events.push({ type: "touch", at, direction: "in", channel: channelOf(data.channel) });
        break;
      case "lead.status_changed": {
        const to = asStatus(obj(obj(data.changes).status).to);
        if (to) {
          h.events.push({ type: "status", at, to });
          if (to === "converted") h.convertedAt = Math.min(h.convertedAt, at);
        }
        break;
      }
      case "lead.converted":
        h.convertedAt = Math.min(h.convertedAt, at);
        break;
    }
  }
  for (const o of opportunities) {
    const h = histories.get(o.leadId);
    if (h) h.convertedAt = Math.min(h.convertedAt, o.at);
  }

  const out: LeadHistory[] = [];
  for (const h of histories.values()) {
    const statuses = h.events.filter((e): e is Extract<LeadEvent, { type: "status" }> => e.type === "status").sort((x, y) => x.at - y.at);
    // A conversion seen only as an opportunity or a lead.converted entry becomes a status event.
    if (Number.isFinite(h.convertedAt) && !statuses.some((s) => s.to === "converted" && s.at <= h.convertedAt)) {
      h.events.push({ type: "status", at: h.convertedAt, to: "converted" });
      statuses.push({ type: "status", at: h.convertedAt, to: "converted" });
      statuses.sort((x, y) => x.at - y.at);
    }
    // The row's status when no recorded change explains it: set at creation if nothing was recorded, else at the
    // row's last update (the best time the database knows).
    const last = statuses.length ? statuses[statuses.length - 1].to : "new";
    if (last !== h.status && !(h.status === "converted" && statuses.some((s) => s.to === "converted"))) {
      h.events.push({ type: "status", at: statuses.length ? Math.max(h.updatedAt, statuses[statuses.length - 1].at) : h.createdAt, to: h.status });
    }
    out.push({ leadId: h.leadId, createdAt: h.createdAt, source: h.source, events: h.events });
  }
  return { histories: out, context: { buyBoxes: buyBoxes ?? investors.map(buyBoxOf) } };
}

function buyBoxOf(i: Rows["investors"][number]): InvestorBuyBox {
  const types = obj(i.preferences).propertyTypes;
  const propertyTypes = Array.isArray(types) && types.length > 0 ? types.filter((t): t is string => typeof t === "string") : null;
  return { investorId: i.id, from: i.at, until: null, minPrice: numOrNull(i.minInvestment), maxPrice: numOrNull(i.maxInvestment), minBeds: null, minEquityPercent: null, propertyTypes };
}
