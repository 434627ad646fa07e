import { sql } from "kysely";
import type { MoveOpportunityRequest, OpportunityCard } from "../../../../src/domain/pipeline";
import type { Tx } from "../../db/transactions";
import { HttpError, notFound, validationFailed } from "../../http/errors";
import { isUuid } from "../../http/ids";
import { loadCard } from "./opportunityCard";
import { positionBetween } from "./positions";

export function versionConflict(current: number): HttpError {
  return new HttpError(409, "version_conflict", "Someone else changed this deal; reload it and try again", { version: `is stale: the deal is at version ${current}` });
}

/**
 * Moves a deal to `position` (0-based, among the other cards) of a stage. The row is locked, the version
 * checked (409 when stale), a lost stage needs a reason; one row is written (its fractional sort key) and a
 * stage change is recorded by the database (opportunity_stage_moves) and on the deal's timeline.
 */
export async function moveOpportunity(tx: Tx, orgId: string, id: string, actorId: string | null, req: MoveOpportunityRequest): Promise<OpportunityCard> {
  if (!isUuid(id)) throw notFound("Opportunity");
  const current = await tx.selectFrom("opportunities").select(["id", "stageId", "version"]).where("orgId", "=", orgId).where("id", "=", id).forUpdate().executeTakeFirst();
  if (!current) throw notFound("Opportunity");
  if (current.version !== req.version) throw versionConflict(current.version);
  const stages = await tx.selectFrom("pipelineStages").select(["id", "name", "kind"]).where("orgId", "=", orgId).where("id", "in", [req.stageId, current.stageId]).execute();
  const target = stages.find((s) => s.id === req.stageId);
  if (!target) throw validationFailed({ stageId: "is not a stage of this pipeline" });
  if (target.kind === "lost" && !req.lostReason && target.id !== current.stageId) throw validationFailed({ lostReason: "is required when a deal is closed as lost" });

  let position = await placeAt(tx, orgId, req.stageId, id, req.position);
  if (position === null) {
    await renumber(tx, orgId, req.stageId);
    position = (await placeAt(tx, orgId, req.stageId, id, req.position))!;
  }
  await tx
    .updateTable("opportunities")
    .set({ stageId: req.stageId, position, ...(target.kind === "lost" && req.lostReason ? { lostReason: req.lostReason } : {}) })
    .where("orgId", "=", orgId)
    .where("id", "=", id)
    .execute();
  if (target.id !== current.stageId) {
    const from = stages.find((s) => s.id === current.stageId);
    await tx
      .insertInto("activities")
      .values({
        orgId,
        opportunityId: id,
        actorId,
        type: "opportunity.stage_changed",
        body: target.kind === "lost" ? (req.lostReason ?? null) : null,
        data: { fromStageId: current.stageId, fromStageName: from?.name ?? null, toStageId: target.id, toStageName: target.name },
      })
      .execute();
  }
  return (await loadCard(tx, orgId, id))!;
}

/** The sort key for index `index` among the stage's other cards, or null when the gap there is too small. */
async function placeAt(tx: Tx, orgId: string, stageId: string, movingId: string, index: number): Promise<number | null> {
  const neighbours = await tx
    .selectFrom("opportunities")
    .select("position")
    .where("orgId", "=", orgId)
    .where("stageId", "=", stageId)
    .where("id", "<>", movingId)
    .orderBy("position")
    .orderBy("id")
    .offset(Math.max(index - 1, 0))
    .limit(2)
    .execute();
  const before = index === 0 ? null : (neighbours[0]?.position ?? null);
  const after = index === 0 ? (neighbours[0]?.position ?? null) : (neighbours[1]?.position ?? null);
  // An index past the end lands last.
  if (index > 0 && neighbours.length === 0) {
    const last = await tx.selectFrom("opportunities").select((eb) => eb.fn.max("position").as("p")).where("orgId", "=", orgId).where("stageId", "=", stageId).where("id", "<>", movingId).executeTakeFirst();
    return positionBetween(last?.p === null || last?.p === undefined ? null : Number(last.p), null);
  }
  return positionBetween(before === null ? null : Number(before), after === null ? null : Number(after));
}

/** Spreads a column's keys back to 0, 1, 2… (rare: only when a gap got too small to split). */
async function renumber(tx: Tx, orgId: string, stageId: string) {
  await sql`
    update public.opportunities o set position = r.n
    from (select id, row_number() over (order by position, id) - 1 as n from public.opportunities where org_id = ${orgId} and stage_id = ${stageId}) r
    where o.id = r.id`.execute(tx);
}

/** The key that puts a new deal last in its stage. */
export async function lastPosition(tx: Tx, orgId: string, stageId: string): Promise<number> {
  const last = await tx.selectFrom("opportunities").select((eb) => eb.fn.max("position").as("p")).where("orgId", "=", orgId).where("stageId", "=", stageId).executeTakeFirst();
  return last?.p === null || last?.p === undefined ? 0 : Number(last.p) + 1;
}
