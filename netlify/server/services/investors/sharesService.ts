import type { OpportunityShare } from "../../../../src/domain/pipeline";
import type { Tx } from "../../db/transactions";
import { validationFailed } from "../../http/errors";
import { listShares, requireOpportunity } from "../pipeline/opportunitiesService";

/** Shares a deal with investors of the org (again = no-op), on the deal's timeline; returns all its shares. */
export async function shareOpportunity(tx: Tx, orgId: string, opportunityId: string, actorId: string, investorIds: string[]): Promise<OpportunityShare[]> {
  await requireOpportunity(tx, orgId, opportunityId);
  const ids = [...new Set(investorIds)];
  const investors = await tx.selectFrom("investors").select(["id", "firstName", "lastName"]).where("orgId", "=", orgId).where("id", "in", ids).execute();
  if (investors.length !== ids.length) {
    const known = new Set(investors.map((i) => i.id));
    throw validationFailed({ investorIds: `not investors of this org: ${ids.filter((id) => !known.has(id)).join(", ")}` });
  }
  const added = await tx
    .insertInto("opportunityShares")
    .values(ids.map((investorId) => ({ orgId, opportunityId, investorId, sharedBy: actorId })))
    .onConflict((oc) => oc.columns(["opportunityId", "investorId"]).doNothing())
    .returning("investorId")
    .execute();
  if (added.length) {
    const names = added.map((a) => investors.find((i) => i.id === a.investorId)!).map((i) => [i.firstName, i.lastName].filter(Boolean).join(" "));
    await tx
      .insertInto("activities")
      .values({ orgId, opportunityId, actorId, type: "opportunity.shared", body: null, data: { investorIds: added.map((a) => a.investorId), investorNames: names } })
      .execute();
  }
  return listShares(tx, orgId, opportunityId);
}
