import { sql } from "kysely";
import { realizedReturnOf, type OpportunityDetail, type RecordExitRequest } from "../../../../src/domain/pipeline";
import type { Tx } from "../../db/transactions";
import { conflict, validationFailed } from "../../http/errors";
import { getOpportunity, loadExit, requireOpportunity } from "./opportunitiesService";

/**
 * Records (or corrects) what a won deal returned. Only a deal in a won stage has an exit (409 otherwise), and it
 * can't exit before it closed or after today (400 naming exitedOn). The timeline records it; the next training of
 * the deal models learns from it (dealHistoryFromDb reads it as an outcome known from the time it was recorded).
 */
export async function recordExit(tx: Tx, orgId: string, id: string, actorId: string | null, input: RecordExitRequest, now = new Date()): Promise<OpportunityDetail> {
  const deal = await requireOpportunity(tx, orgId, id, true);
  const stage = await tx.selectFrom("pipelineStages").select(["kind", "name"]).where("orgId", "=", orgId).where("id", "=", deal.stageId).executeTakeFirstOrThrow();
  if (stage.kind !== "won") {
    throw conflict("deal_not_won", `Only a won deal has an exit; this deal is in "${stage.name}". Move it to a won stage first.`);
  }
  const today = now.toISOString().slice(0, 10);
  if (input.exitedOn > today) throw validationFailed({ exitedOn: "must not be in the future" });
  const closedOn = deal.closedAt ? new Date(deal.closedAt).toISOString().slice(0, 10) : null;
  if (closedOn && input.exitedOn < closedOn) throw validationFailed({ exitedOn: `must not be before the deal closed (${closedOn})` });

  const previous = await loadExit(tx, orgId, id);
  await tx
    .updateTable("opportunities")
    .set({ exitedOn: input.exitedOn, exitTotalCost: input.totalCost, exitProceeds: input.proceeds, exitRecordedAt: now, version: sql`version + 1` })
    .where("orgId", "=", orgId)
    .where("id", "=", id)
    .execute();
  await tx
    .insertInto("activities")
    .values({
      orgId,
      opportunityId: id,
      actorId,
      type: "opportunity.exit_recorded",
      body: null,
      data: { ...input, realizedReturn: realizedReturnOf(input), ...(previous ? { previous } : {}) },
    })
    .execute();
  return getOpportunity(tx, orgId, id);
}
