import type { DealAnalysisFormValues } from "../../../../src/domain/dealAnalyzer/schemas";
import type { CreateOpportunityRequest, DealExit, OpportunityDetail, OpportunityShare, PropertyInput, PropertySummary, StageMove, UpdateOpportunityRequest } from "../../../../src/domain/pipeline";
import type { Tx } from "../../db/transactions";
import { notFound, validationFailed } from "../../http/errors";
import { isUuid } from "../../http/ids";
import { assertStaffMember } from "../leads/leadWorkService";
import { loadCard } from "./opportunityCard";
import { lastPosition, versionConflict } from "./moveOpportunity";
import { listStages } from "./pipelineBoard";
import { numberOrNull } from "../../db/numeric";
import { sql } from "kysely";

const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());

/** The deal (locked when asked) or 404 — also for another org's deal. */
export async function requireOpportunity(tx: Tx, orgId: string, id: string, lock = false) {
  if (!isUuid(id)) throw notFound("Opportunity");
  let q = tx.selectFrom("opportunities").selectAll().where("orgId", "=", orgId).where("id", "=", id);
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw notFound("Opportunity");
  return row;
}

const propertyColumns = (p: PropertyInput) => {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(p)) if (v !== undefined) out[k] = v;
  return out;
};

/** A deal straight onto the board: the first open stage unless told, last in its column, owned by the caller unless told. */
export async function createOpportunity(tx: Tx, orgId: string, actorId: string, input: CreateOpportunityRequest): Promise<OpportunityDetail> {
  const stages = await listStages(tx, orgId);
  const stage = input.stageId ? stages.find((s) => s.id === input.stageId) : stages.find((s) => s.kind === "open");
  if (!stage) throw validationFailed({ stageId: input.stageId ? "is not a stage of this pipeline" : "the pipeline has no open stage" });
  if (stage.kind === "lost") throw validationFailed({ stageId: "a new deal can't start as lost" });
  await assertStaffMember(tx, orgId, input.ownerId, "ownerId");
  const property = input.property && Object.keys(propertyColumns(input.property)).length
    ? await tx.insertInto("properties").values({ orgId, ...propertyColumns(input.property) }).returning("id").executeTakeFirstOrThrow()
    : null;
  const row = await tx
    .insertInto("opportunities")
    .values({
      orgId,
      title: input.title,
      stageId: stage.id,
      position: await lastPosition(tx, orgId, stage.id),
      propertyId: property?.id ?? null,
      ownerId: input.ownerId === undefined ? actorId : input.ownerId,
      value: input.value ?? null,
      probability: input.probability ?? null,
      expectedCloseDate: input.expectedCloseDate ?? null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await tx.insertInto("activities").values({ orgId, opportunityId: row.id, actorId, type: "opportunity.created", body: input.title, data: {} }).execute();
  return getOpportunity(tx, orgId, row.id);
}

/** The exit columns read as the API shows them (the date as YYYY-MM-DD, whatever the driver's date parsing). */
export async function loadExit(tx: Tx, orgId: string, id: string): Promise<DealExit | null> {
  const row = await tx
    .selectFrom("opportunities")
    .select([sql<string | null>`to_char(exited_on, 'YYYY-MM-DD')`.as("exitedOn"), "exitTotalCost", "exitProceeds", "realizedReturn", "exitRecordedAt"])
    .where("orgId", "=", orgId)
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row?.exitedOn || row.exitTotalCost === null || row.exitProceeds === null || row.realizedReturn === null || row.exitRecordedAt === null) return null;
  return {
    exitedOn: row.exitedOn,
    totalCost: Number(row.exitTotalCost),
    proceeds: Number(row.exitProceeds),
    realizedReturn: Number(row.realizedReturn),
    recordedAt: new Date(row.exitRecordedAt).toISOString(),
  };
}

/** Everything the detail page shows: the card, its stage, property, lead, analyzer inputs, stage history, shares. */
export async function getOpportunity(tx: Tx, orgId: string, id: string): Promise<OpportunityDetail> {
  const row = await requireOpportunity(tx, orgId, id);
  const card = (await loadCard(tx, orgId, id))!;
  const stages = await listStages(tx, orgId);
  const stageName = new Map(stages.map((s) => [s.id, s.name]));
  const [property, lead, moves, shares, exit] = await Promise.all([
    row.propertyId ? tx.selectFrom("properties").selectAll().where("orgId", "=", orgId).where("id", "=", row.propertyId).executeTakeFirst() : undefined,
    row.leadId
      ? tx.selectFrom("leads").select(["id", "firstName", "lastName", "email", "phone"]).where("orgId", "=", orgId).where("id", "=", row.leadId).where("deletedAt", "is", null).executeTakeFirst()
      : undefined,
    tx
      .selectFrom("opportunityStageMoves as m")
      .leftJoin("profiles as p", "p.id", "m.movedBy")
      .select(["m.id", "m.fromStageId", "m.toStageId", "m.movedBy", "m.movedAt", "p.fullName", "p.email"])
      .where("m.orgId", "=", orgId)
      .where("m.opportunityId", "=", id)
      .orderBy("m.movedAt")
      .orderBy("m.id")
      .execute(),
    listShares(tx, orgId, id),
    loadExit(tx, orgId, id),
  ]);
  const history: StageMove[] = moves.map((m, i) => ({
    id: m.id,
    fromStageId: m.fromStageId,
    fromStageName: m.fromStageId ? (stageName.get(m.fromStageId) ?? "(deleted stage)") : null,
    toStageId: m.toStageId ?? "",
    toStageName: m.toStageId ? (stageName.get(m.toStageId) ?? "(deleted stage)") : "(deleted stage)",
    movedBy: m.movedBy,
    movedByName: m.fullName ?? m.email ?? null,
    movedAt: new Date(m.movedAt).toISOString(),
    secondsInPreviousStage: i === 0 ? null : Math.round((new Date(m.movedAt).getTime() - new Date(moves[i - 1].movedAt).getTime()) / 1000),
  }));
  return {
    ...card,
    stage: stages.find((s) => s.id === row.stageId)!,
    lostReason: row.lostReason,
    closedAt: iso(row.closedAt),
    property: property ? toPropertySummary(property) : null,
    lead: lead ? { id: lead.id, name: [lead.firstName, lead.lastName].filter(Boolean).join(" ") || lead.email || lead.phone || "Unnamed lead", email: lead.email, phone: lead.phone } : null,
    analysis: (row.analysis ?? null) as DealAnalysisFormValues | null,
    history,
    shares,
    exit,
  };
}

export function toPropertySummary(p: { id: string; street: string | null; city: string | null; state: string | null; zip: string | null; propertyType: string | null; beds: unknown; baths: unknown; sqft: number | null; yearBuilt: number | null; estimatedValue: unknown }): PropertySummary {
  return { id: p.id, street: p.street, city: p.city, state: p.state, zip: p.zip, propertyType: p.propertyType, beds: numberOrNull(p.beds), baths: numberOrNull(p.baths), sqft: p.sqft, yearBuilt: p.yearBuilt, estimatedValue: numberOrNull(p.estimatedValue) };
}

export async function listShares(tx: Tx, orgId: string, opportunityId: string): Promise<OpportunityShare[]> {
  const rows = await tx
    .selectFrom("opportunityShares as s")
    .innerJoin("investors as i", "i.id", "s.investorId")
    .select(["s.id", "s.investorId", "i.firstName", "i.lastName", "s.sharedBy", "s.sharedAt", "s.response", "s.comment", "s.respondedAt"])
    .where("s.orgId", "=", orgId)
    .where("s.opportunityId", "=", opportunityId)
    .orderBy("s.sharedAt", "desc")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    investorId: r.investorId,
    investorName: [r.firstName, r.lastName].filter(Boolean).join(" "),
    sharedBy: r.sharedBy,
    sharedAt: new Date(r.sharedAt).toISOString(),
    response: r.response as OpportunityShare["response"],
    comment: r.comment,
    respondedAt: iso(r.respondedAt),
  }));
}

const TRACKED = ["title", "value", "probability", "expectedCloseDate", "ownerId"] as const;

/**
 * Applies an edit made on `version` (409 when the deal changed since); the property is updated, or created
 * and linked; field changes go on the timeline with before and after.
 */
export async function updateOpportunity(tx: Tx, orgId: string, id: string, actorId: string, patch: UpdateOpportunityRequest): Promise<OpportunityDetail> {
  const before = await requireOpportunity(tx, orgId, id, true);
  if (before.version !== patch.version) throw versionConflict(before.version);
  await assertStaffMember(tx, orgId, patch.ownerId, "ownerId");
  const { version: _version, property, analysis, ...fields } = patch;
  const set: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) set[k] = v;
  if (analysis !== undefined) set.analysis = analysis;
  if (property && Object.keys(propertyColumns(property)).length) {
    if (before.propertyId) {
      await tx.updateTable("properties").set(propertyColumns(property)).where("orgId", "=", orgId).where("id", "=", before.propertyId).execute();
    } else {
      const created = await tx.insertInto("properties").values({ orgId, ...propertyColumns(property) }).returning("id").executeTakeFirstOrThrow();
      set.propertyId = created.id;
    }
  }
  if (Object.keys(set).length) {
    await tx.updateTable("opportunities").set(set).where("orgId", "=", orgId).where("id", "=", id).execute();
  }
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  const beforeValues: Record<string, unknown> = {
    title: before.title,
    value: numberOrNull(before.value),
    probability: numberOrNull(before.probability),
    expectedCloseDate: before.expectedCloseDate ? new Date(before.expectedCloseDate).toISOString().slice(0, 10) : null,
    ownerId: before.ownerId,
  };
  for (const f of TRACKED) if (f in set && set[f] !== beforeValues[f]) changes[f] = { from: beforeValues[f], to: set[f] };
  if (Object.keys(changes).length || analysis !== undefined || property) {
    await tx
      .insertInto("activities")
      .values({ orgId, opportunityId: id, actorId, type: "opportunity.updated", body: null, data: { changes, ...(analysis !== undefined ? { analysisSaved: true } : {}), ...(property ? { propertyUpdated: true } : {}) } })
      .execute();
  }
  return getOpportunity(tx, orgId, id);
}
