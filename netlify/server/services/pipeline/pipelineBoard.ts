import { sql } from "kysely";
import type { PipelineColumn, PipelineQuery, PipelineResponse, PipelineStage, StageKind } from "../../../../src/domain/pipeline";
import type { Tx } from "../../db/transactions";
import { cardQuery, toCard } from "./opportunityCard";

/** Won and lost columns show their latest deals only; their counts and totals still cover every deal. */
export const CLOSED_COLUMN_CARDS = 50;

export async function listStages(tx: Tx, orgId: string): Promise<PipelineStage[]> {
  const rows = await tx.selectFrom("pipelineStages").select(["id", "name", "position", "kind", "probability"]).where("orgId", "=", orgId).orderBy("position").execute();
  return rows.map((s) => ({ id: s.id, name: s.name, position: s.position, kind: s.kind as StageKind, probability: Number(s.probability) }));
}

/**
 * The board: every stage in order with the deals that pass the filters, sorted by position, and per stage the
 * count, value total and probability-weighted total of those deals. Two queries: one aggregate, one for cards.
 */
export async function loadPipeline(tx: Tx, orgId: string, userId: string, q: PipelineQuery): Promise<PipelineResponse> {
  const stages = await listStages(tx, orgId);
  const conditions = [sql<boolean>`o.org_id = ${orgId}`];
  const ownerId = q.ownerId === "me" ? userId : q.ownerId;
  if (ownerId) conditions.push(sql<boolean>`o.owner_id = ${ownerId}`);
  if (q.propertyType) conditions.push(sql<boolean>`pr.property_type = ${q.propertyType}`);
  if (q.market) {
    const m = q.market.trim();
    conditions.push(sql<boolean>`(pr.state = ${m.toUpperCase()} or lower(pr.city) = ${m.toLowerCase()} or pr.zip = ${m})`);
  }
  if (q.minValue !== undefined) conditions.push(sql<boolean>`o.value >= ${q.minValue}`);
  if (q.maxValue !== undefined) conditions.push(sql<boolean>`o.value <= ${q.maxValue}`);
  const where = sql.join(conditions, sql` and `);

  const totals = await sql<{ stageId: string; count: string; totalValue: string | null; weightedValue: string | null }>`
    select o.stage_id, count(*) as count, sum(o.value) as total_value,
           sum(o.value * coalesce(o.probability, s.probability) / 100) as weighted_value
    from public.opportunities o
    join public.pipeline_stages s on s.id = o.stage_id
    left join public.properties pr on pr.id = o.property_id
    where ${where}
    group by o.stage_id`.execute(tx);
  const byStage = new Map(totals.rows.map((t) => [t.stageId, t]));

  const openIds = stages.filter((s) => s.kind === "open").map((s) => s.id);
  const closedIds = stages.filter((s) => s.kind !== "open").map((s) => s.id);
  const cards = await cardQuery(tx, orgId)
    .where(sql<boolean>`${where}`)
    .where((eb) =>
      eb.or([
        ...(openIds.length ? [eb("o.stageId", "in", openIds)] : []),
        // The latest closed deals per closed stage.
        ...(closedIds.length
          ? [
              eb(
                "o.id",
                "in",
                sql<string>`(select x.id from (select o2.id, row_number() over (partition by o2.stage_id order by o2.closed_at desc nulls last, o2.id) as n
                  from public.opportunities o2 where o2.org_id = ${orgId} and o2.stage_id in (${sql.join(closedIds)})) x where x.n <= ${CLOSED_COLUMN_CARDS})`,
              ),
            ]
          : []),
      ]),
    )
    .orderBy("o.stageId")
    .orderBy("o.position")
    .orderBy("o.id")
    .execute();

  const columns: PipelineColumn[] = stages.map((s) => {
    const t = byStage.get(s.id);
    return { ...s, count: Number(t?.count ?? 0), totalValue: Number(t?.totalValue ?? 0), weightedValue: Math.round(Number(t?.weightedValue ?? 0) * 100) / 100, opportunities: [] };
  });
  const columnOf = new Map(columns.map((c) => [c.id, c]));
  for (const row of cards) {
    const column = columnOf.get(row.stageId);
    if (column) column.opportunities.push(toCard(row, column.opportunities.length));
  }
  return { stages: columns };
}
