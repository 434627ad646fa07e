// Builds the deal models' input (ml/features/dealFeatures.ts: DealHistory event streams) from the org's
// opportunities. Every event carries the time it was recorded, so the histories are point-in-time correct by
// construction: the feature builder only reads events strictly before its cutoff.
//
// Sources (all filtered by org, and by opportunity when ids are given; read as the caller, so RLS applies):
//   opportunities            dealId, createdAt
//   properties               market ("City, ST"), property type, beds, baths, sqft, year built, ZIP (never a feature)
//   opportunity_stage_moves  stage events at moved_at, by the kind of the stage moved to (pipeline_stages):
//                              won → closed, lost → lost, open → sourced for the org's first open stage (lowest
//                              position), under_contract for any later open stage
//   opportunities.analysis   the deal analyzer's saved inputs (src/domain/dealAnalyzer/schemas.ts) → one underwriting
//                            event: purchase price, repairs (line items × (1 + contingency)), ARV, monthly rent; at
//                            the time the current analysis was saved (the latest opportunity.updated activity with
//                            data.analysisSaved), or the row's updated_at when no such activity exists (never earlier
//                            than it could have been known). Earlier analyses are not kept, so there is one at most.
// Not known to the CRM, so null / absent: the inspection condition, and the realized return (no outcome events: the
// expected-return model cannot be trained from this org's data until exits are recorded).

import { sql, type Kysely } from "kysely";
import type { DealEvent, DealHistory, DealStage } from "../../../../ml/features/dealFeatures";
import type { Database } from "../../db/schema";

type Db = Kysely<Database>;

const ms = (d: Date | string) => (d instanceof Date ? d.getTime() : new Date(d).getTime());
const numOrNull = (v: unknown): number | null =>
  typeof v === "number" && Number.isFinite(v) ? v : typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v)) ? Number(v) : null;
const obj = (v: unknown): Record<string, unknown> => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/** The analyzer's saved inputs → an underwriting (null when there is no purchase price). */
export function underwritingFromAnalysis(analysis: unknown): { purchasePrice: number; repairEstimate: number; arv: number; monthlyRent: number } | null {
  const a = obj(analysis);
  const purchase = obj(a.purchase);
  const purchasePrice = numOrNull(purchase.purchasePrice);
  if (purchasePrice === null) return null;
  const repairs = obj(a.repairs);
  const items = Array.isArray(repairs.items) ? repairs.items : [];
  const itemsTotal = items.reduce<number>((s, i) => s + (numOrNull(obj(i).cost) ?? 0), 0);
  const repairEstimate = itemsTotal * (1 + (numOrNull(repairs.contingencyRate) ?? 0));
  return {
    purchasePrice,
    repairEstimate,
    // Unknown ARV / rent are NaN: the feature builder treats them (and the ratios built on them) as missing.
    arv: numOrNull(purchase.arv) ?? NaN,
    monthlyRent: numOrNull(obj(a.operating).monthlyRent) ?? NaN,
  };
}

export function marketOf(city: string | null, state: string | null): string {
  return city && state ? `${city.trim()}, ${state.trim().toUpperCase()}` : "";
}

/** The org's deal histories (all, or the given opportunities). Opportunities not visible to the caller are absent. */
export async function loadDealHistories(db: Db, orgId: string, options: { opportunityIds?: string[] } = {}): Promise<DealHistory[]> {
  const ids = options.opportunityIds;
  if (ids && ids.length === 0) return [];
  let q = db
    .selectFrom("opportunities as o")
    .leftJoin("properties as p", "p.id", "o.propertyId")
    .select(["o.id", "o.createdAt", "o.updatedAt", "o.analysis", "p.city", "p.state", "p.zip", "p.propertyType", "p.beds", "p.baths", "p.sqft", "p.yearBuilt"])
    .where("o.orgId", "=", orgId);
  if (ids) q = q.where("o.id", "in", ids);
  const rows = await q.orderBy("o.createdAt").orderBy("o.id").execute();
  if (rows.length === 0) return [];
  const wanted = rows.map((r) => r.id);

  const stages = await db.selectFrom("pipelineStages").select(["id", "kind", "position"]).where("orgId", "=", orgId).execute();
  const firstOpen = stages.filter((s) => s.kind === "open").reduce<{ id: string; position: number } | null>((best, s) => (!best || s.position < best.position ? s : best), null);
  const stageOf = new Map<string, DealStage>(stages.map((s) => [s.id, s.kind === "won" ? "closed" : s.kind === "lost" ? "lost" : s.id === firstOpen?.id ? "sourced" : "under_contract"]));

  const moves = await db
    .selectFrom("opportunityStageMoves")
    .select(["opportunityId", "toStageId", "movedAt"])
    .where("orgId", "=", orgId)
    .where("opportunityId", "in", wanted)
    .orderBy("movedAt")
    .execute();
  const saved = await db
    .selectFrom("activities")
    .select(["opportunityId", (eb) => eb.fn.max("occurredAt").as("at")])
    .where("orgId", "=", orgId)
    .where("opportunityId", "in", wanted)
    .where("type", "=", "opportunity.updated")
    .where(sql<boolean>`data ->> 'analysisSaved' = 'true'`)
    .groupBy("opportunityId")
    .execute();
  const savedAt = new Map(saved.map((s) => [s.opportunityId!, s.at ? ms(s.at as Date) : null]));

  const events = new Map<string, DealEvent[]>(wanted.map((id) => [id, []]));
  for (const m of moves) {
    const to = m.toStageId ? stageOf.get(m.toStageId) : undefined;
    if (to) events.get(m.opportunityId)!.push({ type: "stage", at: ms(m.movedAt), to });
  }

  return rows.map((r) => {
    const evs = events.get(r.id)!;
    const u = underwritingFromAnalysis(r.analysis);
    if (u) evs.push({ type: "underwriting", at: savedAt.get(r.id) ?? ms(r.updatedAt as Date), ...u });
    return {
      dealId: r.id,
      createdAt: ms(r.createdAt as Date),
      market: marketOf(r.city, r.state),
      propertyType: r.propertyType ?? "",
      property: {
        beds: numOrNull(r.beds),
        baths: numOrNull(r.baths),
        sqft: numOrNull(r.sqft),
        yearBuilt: numOrNull(r.yearBuilt),
        condition: null,
        zip: r.zip ?? null,
      },
      events: evs,
    };
  });
}
