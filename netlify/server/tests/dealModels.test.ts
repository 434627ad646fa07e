import { randomUUID } from "node:crypto";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateDealHistories, type SyntheticDeals } from "../../../ml/data/syntheticDeals";
import type { DatabaseHandle } from "../db/connect";
import { setDatabase } from "../db/instance";
import "../jobs/allJobs";
import { executeJob } from "../jobs/executeJob";
import { asService } from "../db/transactions";
import { queueNightlyDealTraining } from "../services/ml/nightlyTraining";
import { clearDealModelCache, trainAndRegisterDealModels, type DealForecast } from "../services/ml/dealModels";
import { api } from "../testing/apiClient";
import { useTestEnv } from "../testing/env";
import { createLead, signUp, type SignedUp } from "../testing/fixtures";
import { testBackends } from "../testing/testDatabase";

const silent = pino({ level: "silent" });

const analysis = {
  purchase: { purchasePrice: 180_000, arv: 260_000 },
  repairs: { items: [{ label: "Kitchen", cost: 25_000 }], contingencyRate: 0.1 },
  operating: { monthlyRent: 1_900 },
  projection: { holdYears: 5, exitCapRate: 0.065 },
};
// Small, fast models: the point here is serving, not accuracy (ml/models/*.test.ts check that).
const FAST = { trees: 40, earlyStoppingRounds: 0 };

describe.each(testBackends())("deal models (expected return, time to close) on $name", (backend) => {
  let handle: DatabaseHandle;
  let owner: SignedUp;
  let other: SignedUp;
  let synthetic: SyntheticDeals;
  let dealId: string;
  const asOwner = () => ({ token: owner.token, orgId: owner.orgId });
  const asOther = () => ({ token: other.token, orgId: other.orgId });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- an error body or a forecast
  const score = (opportunityId: unknown, as = asOwner()) => api<DealForecast & { error?: any }>("POST", "/api/ml/deals/score", { ...as, body: { opportunityId } });
  const register = (orgId: string) =>
    trainAndRegisterDealModels(handle.db, orgId, synthetic.deals, { now: synthetic.asOf, expectedReturn: { params: FAST }, timeToClose: { params: FAST } });
  const models = (orgId: string) => handle.db.selectFrom("mlModels").select(["kind", "version", "active"]).where("orgId", "=", orgId).orderBy("kind").orderBy("version").execute();

  beforeAll(async () => {
    useTestEnv();
    clearDealModelCache();
    handle = await backend.open();
    setDatabase(handle);
    owner = await signUp("Deal Forecast Co");
    other = await signUp("Other Forecast Co");
    synthetic = generateDealHistories({ deals: 3000, seed: 11, sharesPerDeal: 0 });
    const lead = await createLead(owner.token, owner.orgId, { address: { street: "4 Oak St", city: "Dallas", state: "TX", zip: "75201" } });
    const deal = await api("POST", `/api/leads/${lead.id}/convert`, { ...asOwner(), body: { value: 180_000 } });
    expect(deal.status).toBe(201);
    dealId = deal.body.id;
    const { version } = (await api("GET", `/api/opportunities/${dealId}`, asOwner())).body;
    const saved = await api("PATCH", `/api/opportunities/${dealId}`, { ...asOwner(), body: { version, analysis, property: { propertyType: "single_family", beds: 3, baths: 2, sqft: 1400 } } });
    expect(saved.status).toBe(200);
  });
  afterAll(async () => {
    await handle?.close();
  });

  it("before any model: 409 model_not_trained naming both missing models; 400 names the field; unknown deals are 404", async () => {
    const res = await score(dealId);
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: "model_not_trained", missing: ["expected_return", "time_to_close"], message: expect.stringContaining("not trained yet") });
    expect((await score(undefined)).body.error.fields).toHaveProperty("opportunityId");
    expect((await score("not-a-uuid")).status).toBe(400);
    expect((await score(randomUUID())).status).toBe(404);
  });

  it("POST /api/ml/train also queues the deal models' training; on an org's own few deals it stores nothing (not enough data)", async () => {
    const queued = await api("POST", "/api/ml/train", { ...asOwner(), body: {} });
    expect(queued.status).toBe(202);
    const job = await handle.db.selectFrom("jobOutbox").select(["id", "orgId", "queue", "name", "payload", "attempts", "availableAt"]).where("id", "=", queued.body.dealModelsJobId).executeTakeFirstOrThrow();
    expect(job).toMatchObject({ name: "train-deal-models", queue: "scoring" });
    const outcome = await executeJob(handle.db, silent, { ...job, attempts: 1 });
    expect(outcome).toMatchObject({ status: "done", result: { expected_return: { status: "not_enough_data" }, time_to_close: { status: "not_enough_data" } } });
    expect(await handle.db.selectFrom("mlModels").select("id").where("orgId", "=", owner.orgId).where("kind", "in", ["expected_return", "time_to_close"]).execute()).toEqual([]);
    // Nightly: one job per org with enough deals (here: any deal), never a second while one waits.
    const nightly = (minDeals: number) => asService(handle.db, (tx) => queueNightlyDealTraining(tx, { minDeals }));
    expect(await nightly(1_000_000)).toBe(0);
    const queuedNow = await nightly(1);
    expect(queuedNow).toBeGreaterThanOrEqual(1);
    expect(await nightly(1)).toBe(0);
  });

  it("trains both models in memory on synthetic deals and registers them as active version 1", async () => {
    const out = await register(owner.orgId);
    expect(out.expected_return).toMatchObject({ status: "trained", version: 1, promoted: true, reason: "no active model: promoted" });
    expect(out.time_to_close).toMatchObject({ status: "trained", version: 1, promoted: true });
    expect(await models(owner.orgId)).toEqual([
      { kind: "expected_return", version: 1, active: true },
      { kind: "time_to_close", version: 1, active: true },
    ]);
  });

  it("a retrain that does not beat the active version on its held-out window is stored but not promoted", async () => {
    // Same data, same seed: the same model, so it ties — a tie does not beat.
    const out = await register(owner.orgId);
    expect(out.expected_return).toMatchObject({ status: "trained", version: 2, promoted: false, reason: expect.stringContaining("does not beat v1") });
    expect(out.time_to_close).toMatchObject({ status: "trained", version: 2, promoted: false });
    expect((await models(owner.orgId)).filter((m) => m.active).map((m) => m.version)).toEqual([1, 1]);
  });

  it("scores a real opportunity: expected return with its 10–90% interval, P(close within 30/60/90 days), top factors", async () => {
    const res = await score(dealId);
    expect(res.status).toBe(200);
    const f = res.body;
    expect(f.opportunityId).toBe(dealId);
    expect(f.expectedReturn).toMatchObject({ lowAlpha: 0.1, highAlpha: 0.9, modelVersion: 1 });
    expect(f.expectedReturn.low).toBeLessThanOrEqual(f.expectedReturn.high);
    expect(Number.isFinite(f.expectedReturn.expected)).toBe(true);
    expect(Math.abs(f.expectedReturn.expected)).toBeLessThan(1);
    expect(f.expectedReturn.factors.length).toBeGreaterThan(0);
    expect(f.expectedReturn.factors.length).toBeLessThanOrEqual(5);
    const p = f.timeToClose.probabilities;
    expect(p.map((x) => x.days)).toEqual([30, 60, 90]);
    for (const x of p) expect(x.probability).toBeGreaterThanOrEqual(0);
    for (const x of p) expect(x.probability).toBeLessThanOrEqual(1);
    expect(p[0].probability).toBeLessThanOrEqual(p[1].probability);
    expect(p[1].probability).toBeLessThanOrEqual(p[2].probability);
    expect(f.timeToClose.modelVersion).toBe(1);
    for (const factor of [...f.expectedReturn.factors, ...f.timeToClose.factors]) expect(factor).toMatchObject({ feature: expect.any(String), direction: expect.stringMatching(/^(up|down)$/) });
  });

  it("another org gets 404 for the deal (even with its own models); without them it is 409 for its own deals", async () => {
    expect((await score(dealId, asOther())).status).toBe(404);
    const lead = await createLead(other.token, other.orgId, {});
    const theirs = (await api("POST", `/api/leads/${lead.id}/convert`, { ...asOther(), body: {} })).body;
    expect((await score(theirs.id, asOther())).status).toBe(409);
  });
});
