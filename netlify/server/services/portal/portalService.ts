import { sql } from "kysely";
import type { PortalInterestRequest, PortalOpportunity, PortalOpportunityDetail } from "../../../../src/domain/portal";
import type { Tx } from "../../db/transactions";
import { notFound } from "../../http/errors";
import { isUuid } from "../../http/ids";
import { analysisOf } from "../investors/dealFacts";
import { numberOrNull } from "../../db/numeric";


/**
 * The deals shared with the signed-in investor. Runs as the investor: RLS lets them read only their own
 * investor records, their shares, and the deals and properties shared with them; the query says the same.
 */
function sharedDeals(tx: Tx, orgId: string, userId: string) {
  return tx
    .selectFrom("opportunityShares as s")
    .innerJoin("investors as i", "i.id", "s.investorId")
    .innerJoin("opportunities as o", "o.id", "s.opportunityId")
    .innerJoin("pipelineStages as st", "st.id", "o.stageId")
    .leftJoin("properties as pr", "pr.id", "o.propertyId")
    .select([
      "o.id",
      "o.title",
      "st.name as stageName",
      "o.value",
      sql<string | null>`to_char(o.expected_close_date, 'YYYY-MM-DD')`.as("expectedCloseDate"),
      "pr.city",
      "pr.state",
      "pr.zip",
      "pr.propertyType",
      "s.sharedAt",
      "s.response",
      "s.comment",
      "pr.street",
      "pr.beds",
      "pr.baths",
      "pr.sqft",
      "pr.yearBuilt",
      "o.analysis",
    ])
    .where("s.orgId", "=", orgId)
    .where("i.userId", "=", userId);
}

type Row = Awaited<ReturnType<ReturnType<typeof sharedDeals>["execute"]>>[number];

const toPortalOpportunity = (r: Row): PortalOpportunity => ({
  id: r.id,
  title: r.title,
  stageName: r.stageName,
  value: numberOrNull(r.value),
  expectedCloseDate: r.expectedCloseDate,
  city: r.city,
  state: r.state,
  zip: r.zip,
  propertyType: r.propertyType,
  sharedAt: new Date(r.sharedAt).toISOString(),
  response: r.response as PortalOpportunity["response"],
  comment: r.comment,
});

export async function listPortalOpportunities(tx: Tx, orgId: string, userId: string): Promise<PortalOpportunity[]> {
  const rows = await sharedDeals(tx, orgId, userId).orderBy("s.sharedAt", "desc").execute();
  return rows.map(toPortalOpportunity);
}

/** One shared deal with its analyzer figures; 404 for any deal not shared with this investor. */
export async function getPortalOpportunity(tx: Tx, orgId: string, userId: string, id: string): Promise<PortalOpportunityDetail> {
  if (!isUuid(id)) throw notFound("Opportunity");
  const row = await sharedDeals(tx, orgId, userId).where("o.id", "=", id).executeTakeFirst();
  if (!row) throw notFound("Opportunity");
  return {
    ...toPortalOpportunity(row),
    street: row.street,
    beds: numberOrNull(row.beds),
    baths: numberOrNull(row.baths),
    sqft: row.sqft,
    yearBuilt: row.yearBuilt,
    analysis: analysisOf(row.analysis),
  };
}

/**
 * The investor's answer to a shared deal. The database puts it on the deal's timeline and notifies the
 * deal's owner (trigger share_answered); answering again replaces the answer.
 */
export async function answerShare(tx: Tx, orgId: string, userId: string, id: string, input: PortalInterestRequest): Promise<PortalOpportunity> {
  if (!isUuid(id)) throw notFound("Opportunity");
  const updated = await tx
    .updateTable("opportunityShares")
    .set({ response: input.interested ? "interested" : "passed", comment: input.comment || null, respondedAt: new Date() })
    .where("orgId", "=", orgId)
    .where("opportunityId", "=", id)
    .where("investorId", "in", (eb) => eb.selectFrom("investors").select("id").where("orgId", "=", orgId).where("userId", "=", userId))
    .returning("id")
    .execute();
  if (updated.length === 0) throw notFound("Opportunity");
  const row = await sharedDeals(tx, orgId, userId).where("o.id", "=", id).executeTakeFirstOrThrow();
  return toPortalOpportunity(row);
}
