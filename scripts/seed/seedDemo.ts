import type { Kysely } from "kysely";
import { hashPassword } from "../../netlify/server/auth/passwords";
import type { Database } from "../../netlify/server/db/schema";
import { asService, type Tx } from "../../netlify/server/db/transactions";
import { createOrgWithOwner } from "../../netlify/server/services/orgs/createOrg";
import { generateDemoData } from "./demoData";

export const DEMO_PASSWORD = "demo-pass-2026";
export const DEMO_ORG_NAME = "Demo Capital";
export const DEMO_USERS = [
  { email: "owner@demo.test", fullName: "Olivia Owner", role: "owner" },
  { email: "agent@demo.test", fullName: "Adam Agent", role: "agent" },
  { email: "investor@demo.test", fullName: "Ivan Investor", role: "investor" },
] as const;

async function createUser(tx: Tx, email: string, fullName: string, encryptedPassword: string): Promise<string> {
  const user = await tx
    .insertInto("auth.users")
    .values({
      email,
      encryptedPassword,
      rawAppMetaData: { provider: "email", providers: ["email"] },
      rawUserMetaData: { full_name: fullName },
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return user.id;
}

/**
 * Seeds the demo org once (local auth only): its three users, 200 leads, 15 investors and 30 opportunities
 * across the pipeline. Runs as the service role: it creates users and orgs. Returns false when already seeded.
 */
export async function seedDemo(db: Kysely<Database>): Promise<boolean> {
  const exists = await db.selectFrom("auth.users").select("id").where("email", "=", DEMO_USERS[0].email).executeTakeFirst();
  if (exists) return false;
  const password = await hashPassword(DEMO_PASSWORD);
  const data = generateDemoData();

  await asService(db, async (tx) => {
    const ids: Record<string, string> = {};
    for (const u of DEMO_USERS) ids[u.role] = await createUser(tx, u.email, u.fullName, password);
    const org = await createOrgWithOwner(tx, ids.owner, DEMO_ORG_NAME);
    await tx.insertInto("orgMembers").values([
      { orgId: org.id, userId: ids.agent, role: "agent" },
      { orgId: org.id, userId: ids.investor, role: "investor" },
    ]).execute();

    const leads = await tx
      .insertInto("leads")
      .values(
        data.leads.map(({ assignToAgent, ...lead }) => ({
          ...lead,
          orgId: org.id,
          assigneeId: assignToAgent ? ids.agent : ids.owner,
          createdBy: ids.owner,
          updatedAt: lead.createdAt,
        })),
      )
      .returning(["id", "createdAt", "status"])
      .execute();

    await tx
      .insertInto("activities")
      .values(leads.map((l) => ({ orgId: org.id, leadId: l.id, actorId: null, type: "lead.created", body: null, data: {}, occurredAt: l.createdAt })))
      .execute();

    // The demo leads are enriched in the background like any new lead (the seed inserts them directly).
    await tx
      .insertInto("jobOutbox")
      .values(leads.map((l) => ({ orgId: org.id, queue: "enrichment", name: "enrich-lead", payload: { leadId: l.id } })))
      .execute();

    await tx
      .insertInto("tasks")
      .values(
        leads
          .filter((l) => l.status === "contacted" || l.status === "qualified")
          .slice(0, 25)
          .map((l, i) => ({
            orgId: org.id,
            title: i % 2 ? "Follow up call" : "Send cash offer",
            leadId: l.id,
            assigneeId: ids.agent,
            dueAt: new Date(Date.now() + ((i % 7) - 2) * 86_400_000),
          })),
      )
      .execute();

    const investors = await tx
      .insertInto("investors")
      .values(
        data.investors.map((inv, i) => ({
          ...inv,
          orgId: org.id,
          // The demo investor user is the first investor record, for the investor portal.
          userId: i === 0 ? ids.investor : null,
          firstName: i === 0 ? "Ivan" : inv.firstName,
          lastName: i === 0 ? "Investor" : inv.lastName,
          email: i === 0 ? DEMO_USERS[2].email : inv.email,
          preferences: inv.preferences,
          propertyTypes: inv.preferences.propertyTypes,
          marketStates: inv.preferences.markets.states,
          marketCities: inv.preferences.markets.cities,
          marketZips: inv.preferences.markets.zips,
          targetReturn: inv.preferences.targetReturn / 100,
          riskTolerance: inv.preferences.riskTolerance,
          holdPeriodMonths: inv.preferences.holdPeriodMonths,
          leveragePreference: inv.preferences.leverage,
        })),
      )
      .returning("id")
      .execute();

    const stages = await tx.selectFrom("pipelineStages").select(["id", "position"]).where("orgId", "=", org.id).orderBy("position").execute();
    const positions = new Map<number, number>();
    const opportunityIds: string[] = [];
    for (const opp of data.opportunities) {
      const property = await tx
        .insertInto("properties")
        .values({ ...opp.property, orgId: org.id })
        .returning("id")
        .executeTakeFirstOrThrow();
      const position = positions.get(opp.stageIndex) ?? 0;
      positions.set(opp.stageIndex, position + 1);
      const row = await tx
        .insertInto("opportunities")
        .values({
          orgId: org.id,
          title: opp.title,
          stageId: stages[opp.stageIndex].id,
          position,
          leadId: leads[opp.leadIndex].id,
          propertyId: property.id,
          ownerId: opp.stageIndex % 2 ? ids.agent : ids.owner,
          value: opp.value,
          probability: opp.probability,
          expectedCloseDate: opp.expectedCloseDate,
          analysis: opp.analysis,
          lostReason: opp.stageIndex === 6 ? "Seller accepted a higher offer" : null,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      opportunityIds.push(row.id);
      // Deals have been in their stage a while (the trigger stamps "now" on insert; a re-date doesn't bump the version).
      const daysInStage = 1 + ((opportunityIds.length * 7) % 35);
      await tx.updateTable("opportunities").set({ stageEnteredAt: new Date(Date.now() - daysInStage * 86_400_000) }).where("id", "=", row.id).execute();
    }

    // Two open deals shared with the demo investor; a few past investments for the portfolio charts.
    const shared = data.opportunities.map((o, i) => ({ o, id: opportunityIds[i] })).filter(({ o }) => o.stageIndex >= 2 && o.stageIndex <= 4).slice(0, 2);
    if (shared.length) {
      await tx
        .insertInto("opportunityShares")
        .values(shared.map(({ id }) => ({ orgId: org.id, opportunityId: id, investorId: investors[0].id, sharedBy: ids.agent })))
        .execute();
    }
    const won = data.opportunities.map((o, i) => ({ o, id: opportunityIds[i] })).filter(({ o }) => o.stageIndex === 5);
    await tx
      .insertInto("investments")
      .values(
        data.investments.map((v) => ({
          orgId: org.id,
          investorId: investors[v.investorIndex].id,
          opportunityId: won.length ? won[v.dealIndex % won.length].id : null,
          amount: v.amount,
          investedAt: v.investedAt,
          status: v.status,
          realizedReturn: v.realizedReturn,
          projectedReturn: v.projectedReturn,
        })),
      )
      .execute();
  });
  return true;
}
