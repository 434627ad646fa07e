import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDealFeatures, type DealEvent } from "../../../../ml/features/dealFeatures";
import type { DatabaseHandle } from "../../db/connect";
import { setDatabase } from "../../db/instance";
import { asService } from "../../db/transactions";
import { api } from "../../testing/apiClient";
import { useTestEnv } from "../../testing/env";
import { createLead, signUp, type SignedUp } from "../../testing/fixtures";
import { testBackends } from "../../testing/testDatabase";
import { loadDealHistories, marketOf, underwritingFromAnalysis } from "./dealHistoryFromDb";

const analysis = {
  purchase: { purchasePrice: 200_000, arv: 300_000, closingCostRate: 0.02, closingCostFixed: 0 },
  repairs: { items: [{ label: "Kitchen", cost: 20_000 }, { label: "Roof", cost: 10_000 }], contingencyRate: 0.1 },
  financing: null,
  operating: { monthlyRent: 2_200, vacancyRate: 0.05, managementRate: 0.08 },
  projection: { holdYears: 5, exitCapRate: 0.065 },
};

describe("deal analyzer inputs → underwriting", () => {
  it("sums the repair items with the contingency, and leaves unknown ARV / rent missing", () => {
    expect(underwritingFromAnalysis(analysis)).toEqual({ purchasePrice: 200_000, repairEstimate: 33_000, arv: 300_000, monthlyRent: 2_200 });
    const bare = underwritingFromAnalysis({ purchase: { purchasePrice: 90_000 } })!;
    expect(bare.repairEstimate).toBe(0);
    expect(bare.arv).toBeNaN();
    expect(bare.monthlyRent).toBeNaN();
    expect(underwritingFromAnalysis(null)).toBeNull();
    expect(underwritingFromAnalysis({ purchase: {} })).toBeNull();
    expect(marketOf("Austin", "tx")).toBe("Austin, TX");
    expect(marketOf(null, "TX")).toBe("");
  });
});

describe.each(testBackends())("deal histories from the database on $name", (backend) => {
  let handle: DatabaseHandle;
  let owner: SignedUp;
  let other: SignedUp;
  const as = () => ({ token: owner.token, orgId: owner.orgId });

  beforeAll(async () => {
    useTestEnv();
    handle = await backend.open();
    setDatabase(handle);
    owner = await signUp("Deal History Co");
    other = await signUp("Other Deal Co");
  });
  afterAll(async () => {
    await handle?.close();
  });

  it("builds stage moves, the saved analysis and the property into a point-in-time deal history", async () => {
    const lead = await createLead(owner.token, owner.orgId, { address: { street: "9 Elm Dr", city: "Austin", state: "TX", zip: "78702" } });
    const deal = (await api("POST", `/api/leads/${lead.id}/convert`, { ...as(), body: { value: 200_000 } })).body;
    const untouched = (await api("POST", `/api/leads/${(await createLead(owner.token, owner.orgId, {})).id}/convert`, { ...as(), body: {} })).body;
    const { version } = (await api("GET", `/api/opportunities/${deal.id}`, as())).body;
    const saved = await api("PATCH", `/api/opportunities/${deal.id}`, { ...as(), body: { version, analysis, property: { propertyType: "single_family", beds: 3, baths: 2, sqft: 1500, yearBuilt: 1985 } } });
    expect(saved.body.error ?? null).toBeNull();
    expect(saved.status).toBe(200);
    const stages = await handle.db.selectFrom("pipelineStages").select(["id", "kind", "position"]).where("orgId", "=", owner.orgId).orderBy("position").execute();
    const second = stages.filter((s) => s.kind === "open")[1];
    const moved = await api("POST", `/api/opportunities/${deal.id}/move`, { ...as(), body: { stageId: second.id, position: 0, version: saved.body.version } });
    expect(moved.status).toBe(200);

    const histories = await asService(handle.db, (tx) => loadDealHistories(tx, owner.orgId));
    expect(histories.map((h) => h.dealId).sort()).toEqual([deal.id, untouched.id].sort());
    const h = histories.find((x) => x.dealId === deal.id)!;
    expect(h).toMatchObject({ market: "Austin, TX", propertyType: "single_family", property: { beds: 3, baths: 2, sqft: 1500, yearBuilt: 1985, condition: null, zip: "78702" } });
    const stageEvents = h.events.filter((e): e is Extract<DealEvent, { type: "stage" }> => e.type === "stage");
    expect(stageEvents.map((e) => e.to)).toEqual(["sourced", "under_contract"]);
    expect(stageEvents[0].at).toBeGreaterThanOrEqual(h.createdAt);
    const uw = h.events.find((e) => e.type === "underwriting")!;
    expect(uw).toMatchObject({ purchasePrice: 200_000, repairEstimate: 33_000, arv: 300_000, monthlyRent: 2_200 });
    expect(h.events.some((e) => e.type === "outcome")).toBe(false);

    // Point in time: before the analysis was saved the deal had no underwriting; after the move it is under contract.
    expect(buildDealFeatures(h, uw.at).purchasePrice).toBeNaN();
    expect(buildDealFeatures(h, uw.at + 1).purchasePrice).toBe(200_000);
    expect(buildDealFeatures(h, stageEvents[1].at + 1).stage).toBe("under_contract");

    const bare = histories.find((x) => x.dealId === untouched.id)!;
    expect(bare.events.map((e) => e.type)).toEqual(["stage"]);

    // A recorded exit is an outcome, known from when it was recorded.
    const won = stages.find((s) => s.kind === "won")!;
    const closed = await api("POST", `/api/opportunities/${deal.id}/move`, { ...as(), body: { stageId: won.id, position: 0, version: moved.body.version } });
    expect(closed.status).toBe(200);
    const today = new Date().toISOString().slice(0, 10);
    expect((await api("POST", `/api/opportunities/${deal.id}/exit`, { ...as(), body: { exitedOn: today, totalCost: 250_000, proceeds: 290_000 } })).status).toBe(200);
    const after = (await asService(handle.db, (tx) => loadDealHistories(tx, owner.orgId, { opportunityIds: [deal.id] })))[0];
    const outcome = after.events.find((e): e is Extract<DealEvent, { type: "outcome" }> => e.type === "outcome")!;
    expect(outcome.realizedReturn).toBe(0.16);
    expect(outcome.at).toBeGreaterThan(stageEvents[1].at);
    expect(after.events.filter((e) => e.type === "stage").map((e) => (e as { to: string }).to)).toEqual(["sourced", "under_contract", "closed"]);

    // Only the given ids; another org sees nothing of them (RLS as the caller is the API's job; here the org filter).
    expect((await asService(handle.db, (tx) => loadDealHistories(tx, owner.orgId, { opportunityIds: [untouched.id] }))).map((x) => x.dealId)).toEqual([untouched.id]);
    expect(await asService(handle.db, (tx) => loadDealHistories(tx, other.orgId, { opportunityIds: [deal.id] }))).toEqual([]);
  });
});
