import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OpportunityDetail, PipelineResponse } from "../../../src/domain/pipeline";
import type { DatabaseHandle } from "../db/connect";
import { setDatabase } from "../db/instance";
import { api } from "../testing/apiClient";
import { useTestEnv } from "../testing/env";
import { signUp, type SignedUp } from "../testing/fixtures";
import { testBackends } from "../testing/testDatabase";

const analysis = {
  purchase: { purchasePrice: 200_000, arv: 300_000, closingCostRate: 0.02, closingCostFixed: 0 },
  repairs: { items: [{ label: "Kitchen", cost: 20_000 }], contingencyRate: 0 },
  financing: { loanToValue: 0.75, annualRate: 0.07, amortizationYears: 30, interestOnly: false, pointsRate: 0 },
  operating: { monthlyRent: 2_200, vacancyRate: 0.05, managementRate: 0.08 },
  projection: { holdYears: 5, rentGrowthRate: 0.03, expenseGrowthRate: 0.02, exitCapRate: 0.065, sellingCostRate: 0.06 },
};

describe.each(testBackends())("pipeline on $name", (backend) => {
  let handle: DatabaseHandle;
  let owner: SignedUp;
  const asOwner = () => ({ token: owner.token, orgId: owner.orgId });
  const board = async (query = "") => (await api<PipelineResponse>("GET", `/api/pipeline${query}`, asOwner())).body;
  const newDeal = async (body: Record<string, unknown>) => {
    const res = await api<OpportunityDetail>("POST", "/api/opportunities", { ...asOwner(), body });
    expect(res.status).toBe(201);
    return res.body;
  };

  beforeAll(async () => {
    useTestEnv();
    handle = await backend.open();
    setDatabase(handle);
    owner = await signUp("Board Co");
  });
  afterAll(() => handle.close());

  it("starts with the default stages, and counts and totals deals per stage", async () => {
    const empty = await board();
    expect(empty.stages.map((s) => s.name)).toEqual(["New", "Contacted", "Qualified", "Proposal", "Negotiation", "Closed Won", "Closed Lost"]);
    await newDeal({ title: "12 Oak St", value: 100_000, property: { city: "Austin", state: "tx", zip: "78704", propertyType: "single_family" } });
    await newDeal({ title: "40 Elm St", value: 250_000, probability: 50, property: { city: "Dallas", state: "TX", zip: "75201", propertyType: "multifamily" } });
    const b = await board();
    const first = b.stages[0];
    expect(first).toMatchObject({ count: 2, totalValue: 350_000, weightedValue: 100_000 * 0.1 + 250_000 * 0.5 });
    expect(first.opportunities.map((o) => [o.title, o.position])).toEqual([["12 Oak St", 0], ["40 Elm St", 1]]);
    expect(first.opportunities[0]).toMatchObject({ version: 1, city: "Austin", state: "TX", propertyType: "single_family", ownerId: owner.userId });
  });

  it("filters by property type, market, value range and owner — and the totals follow", async () => {
    expect((await board("?propertyType=multifamily")).stages[0]).toMatchObject({ count: 1, totalValue: 250_000 });
    expect((await board("?market=austin")).stages[0].opportunities.map((o) => o.title)).toEqual(["12 Oak St"]);
    expect((await board("?market=75201")).stages[0].opportunities.map((o) => o.title)).toEqual(["40 Elm St"]);
    expect((await board("?minValue=200000&maxValue=300000")).stages[0].count).toBe(1);
    expect((await board("?ownerId=me")).stages[0].count).toBe(2);
    const badType = await api("GET", "/api/pipeline?propertyType=castle", asOwner());
    expect([badType.status, badType.body.error.fields]).toEqual([400, { propertyType: "is not a known property type" }]);
    const badRange = await api("GET", "/api/pipeline?minValue=5&maxValue=1", asOwner());
    expect([badRange.status, badRange.body.error.fields]).toEqual([400, { minValue: "must not be above maxValue" }]);
  });

  it("moves a deal to another stage and within it, recording the history; a stale version gets 409", async () => {
    const b = await board();
    const [oak, elm] = b.stages[0].opportunities;
    const qualified = b.stages[2];
    const moved = await api("POST", `/api/opportunities/${oak.id}/move`, { ...asOwner(), body: { stageId: qualified.id, position: 0, version: oak.version } });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ stageId: qualified.id, position: 0, version: oak.version + 1 });
    const stale = await api("POST", `/api/opportunities/${oak.id}/move`, { ...asOwner(), body: { stageId: b.stages[1].id, position: 0, version: oak.version } });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe("version_conflict");

    // Elm goes in front of Oak in Qualified: one row written, order follows.
    await api("POST", `/api/opportunities/${elm.id}/move`, { ...asOwner(), body: { stageId: qualified.id, position: 0, version: elm.version } });
    const after = await board();
    expect(after.stages[2].opportunities.map((o) => o.title)).toEqual(["40 Elm St", "12 Oak St"]);
    expect(after.stages[2]).toMatchObject({ count: 2, totalValue: 350_000 });
    expect(after.stages[0].count).toBe(0);

    const detail = (await api<OpportunityDetail>("GET", `/api/opportunities/${oak.id}`, asOwner())).body;
    expect(detail.history.map((h) => [h.fromStageName, h.toStageName])).toEqual([[null, "New"], ["New", "Qualified"]]);
    expect(detail.history[1].secondsInPreviousStage).toBeGreaterThanOrEqual(0);
    expect(detail.history[1].movedBy).toBe(owner.userId);
    const timeline = await api("GET", `/api/opportunities/${oak.id}/activities`, asOwner());
    expect(timeline.body.items.map((a: { type: string }) => a.type)).toContain("opportunity.stage_changed");
  });

  it("of two concurrent moves made on the same version, exactly one wins and the other gets 409", async () => {
    const deal = await newDeal({ title: "Race Rd", value: 90_000 });
    const b = await board();
    const [a1, a2] = await Promise.all([
      api("POST", `/api/opportunities/${deal.id}/move`, { ...asOwner(), body: { stageId: b.stages[1].id, position: 0, version: deal.version } }),
      api("POST", `/api/opportunities/${deal.id}/move`, { ...asOwner(), body: { stageId: b.stages[3].id, position: 0, version: deal.version } }),
    ]);
    expect([a1.status, a2.status].sort()).toEqual([200, 409]);
  });

  it("closing as lost asks for a reason", async () => {
    const deal = await newDeal({ title: "Lost Ln", value: 50_000 });
    const lost = (await board()).stages.find((s) => s.kind === "lost")!;
    const noReason = await api("POST", `/api/opportunities/${deal.id}/move`, { ...asOwner(), body: { stageId: lost.id, position: 0, version: deal.version } });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.fields).toEqual({ lostReason: "is required when a deal is closed as lost" });
    const ok = await api("POST", `/api/opportunities/${deal.id}/move`, { ...asOwner(), body: { stageId: lost.id, position: 0, version: deal.version, lostReason: "Seller went with a retail buyer" } });
    expect(ok.status).toBe(200);
    const detail = (await api<OpportunityDetail>("GET", `/api/opportunities/${deal.id}`, asOwner())).body;
    expect(detail).toMatchObject({ lostReason: "Seller went with a retail buyer", stage: { kind: "lost" } });
    expect(detail.closedAt).not.toBeNull();
  });

  it("records what a won deal returned: only when won, never before it closed or in the future, correctable", async () => {
    const deal = await newDeal({ title: "Exit Ave", value: 180_000 });
    const exit = (body: unknown) => api<OpportunityDetail & { error: { code: string; fields?: Record<string, string> } }>("POST", `/api/opportunities/${deal.id}/exit`, { ...asOwner(), body });
    const good = { exitedOn: "2026-01-15", totalCost: 200_000, proceeds: 236_400 };

    const open = await exit(good);
    expect(open.status).toBe(409);
    expect(open.body.error.code).toBe("deal_not_won");

    const won = (await board()).stages.find((s) => s.kind === "won")!;
    expect((await api("POST", `/api/opportunities/${deal.id}/move`, { ...asOwner(), body: { stageId: won.id, position: 0, version: deal.version } })).status).toBe(200);

    const bad = await exit({ exitedOn: "2026-02-30", totalCost: 0, proceeds: -5, extra: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toMatchObject({ exitedOn: "is not a calendar date", totalCost: "must be more than 0", proceeds: "must not be negative" });
    const future = await exit({ ...good, exitedOn: "2999-01-01" });
    expect(future.status).toBe(400);
    expect(future.body.error.fields).toEqual({ exitedOn: "must not be in the future" });
    const closedOn = (await api<OpportunityDetail>("GET", `/api/opportunities/${deal.id}`, asOwner())).body.closedAt!.slice(0, 10);
    const early = await exit({ ...good, exitedOn: "2001-01-01" });
    expect(early.status).toBe(400);
    expect(early.body.error.fields).toEqual({ exitedOn: `must not be before the deal closed (${closedOn})` });
    expect((await api<OpportunityDetail>("GET", `/api/opportunities/${deal.id}`, asOwner())).body.exit).toBeNull(); // nothing half-written

    const ok = await exit({ ...good, exitedOn: closedOn });
    expect(ok.status).toBe(200);
    expect(ok.body.exit).toMatchObject({ exitedOn: closedOn, totalCost: 200_000, proceeds: 236_400, realizedReturn: 0.182 });
    const corrected = await exit({ ...good, exitedOn: closedOn, proceeds: 190_000 });
    expect(corrected.body.exit?.realizedReturn).toBe(-0.05);
    const timeline = (await api<{ items: { type: string; data: Record<string, unknown> }[] }>("GET", `/api/opportunities/${deal.id}/activities`, asOwner())).body.items;
    const recorded = timeline.filter((a) => a.type === "opportunity.exit_recorded");
    expect(recorded).toHaveLength(2);
    expect(recorded.map((a) => a.data.realizedReturn).sort()).toEqual([-0.05, 0.182]);
  });

  it("edits a deal with its version, saves the analyzer's inputs, and refuses a stale edit", async () => {
    const deal = await newDeal({ title: "Analyzer Ave", value: 200_000 });
    const saved = await api<OpportunityDetail>("PATCH", `/api/opportunities/${deal.id}`, { ...asOwner(), body: { version: deal.version, value: 210_000, analysis, property: { city: "Austin", state: "TX", zip: "78702" } } });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ value: 210_000, version: deal.version + 1, property: { city: "Austin", zip: "78702" } });
    expect(saved.body.analysis).toMatchObject({ purchase: { purchasePrice: 200_000 } });
    const stale = await api("PATCH", `/api/opportunities/${deal.id}`, { ...asOwner(), body: { version: deal.version, title: "Overwrite" } });
    expect(stale.status).toBe(409);
    const invalid = await api("PATCH", `/api/opportunities/${deal.id}`, { ...asOwner(), body: { version: saved.body.version, analysis: { ...analysis, projection: { holdYears: 0, exitCapRate: 0 } } } });
    expect(invalid.status).toBe(400);
    expect(Object.keys(invalid.body.error.fields)).toEqual(expect.arrayContaining(["analysis.projection.holdYears", "analysis.projection.exitCapRate"]));
    const timeline = await api("GET", `/api/opportunities/${deal.id}/activities`, asOwner());
    expect(timeline.body.items[0]).toMatchObject({ type: "opportunity.updated", data: { changes: { value: { from: 200_000, to: 210_000 } }, analysisSaved: true } });
  });

  it("notes and tasks on a deal", async () => {
    const deal = await newDeal({ title: "Notes Dr" });
    expect((await api("POST", `/api/opportunities/${deal.id}/notes`, { ...asOwner(), body: { body: "Inspection Friday" } })).status).toBe(201);
    expect((await api("POST", `/api/opportunities/${deal.id}/tasks`, { ...asOwner(), body: { title: "Order appraisal" } })).status).toBe(201);
    expect((await api("GET", `/api/opportunities/${deal.id}/tasks`, asOwner())).body.items.map((t: { title: string }) => t.title)).toEqual(["Order appraisal"]);
    expect((await api("GET", `/api/opportunities/${deal.id}/nope`, asOwner())).status).toBe(404);
  });

  it("owners reshape the stages; a stage holding deals can't be removed", async () => {
    const before = (await board()).stages;
    const keep = before.filter((s) => s.name !== "Negotiation").map((s) => ({ id: s.id, name: s.name === "Proposal" ? "Offer made" : s.name, kind: s.kind, probability: s.probability }));
    const reshaped = await api("PUT", "/api/pipeline/stages", { ...asOwner(), body: { stages: [...keep.slice(0, 2), { name: "Under contract", kind: "open", probability: 90 }, ...keep.slice(2)] } });
    expect(reshaped.status).toBe(200);
    expect(reshaped.body.stages.map((s: { name: string }) => s.name)).toEqual(["New", "Contacted", "Under contract", "Qualified", "Offer made", "Closed Won", "Closed Lost"]);
    const dropBusy = await api("PUT", "/api/pipeline/stages", { ...asOwner(), body: { stages: reshaped.body.stages.filter((s: { name: string }) => s.name !== "Qualified").map(({ id, name, kind, probability }: { id: string; name: string; kind: string; probability: number }) => ({ id, name, kind, probability })) } });
    expect(dropBusy.status).toBe(409);
    expect(dropBusy.body.error.code).toBe("stage_not_empty");
  });
});
