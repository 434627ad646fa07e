// GET /api/ml/models across kinds: lead conversion (with its calibration bins, and a version stored before they were
// kept), the deal models (expected return, time to close) with their own metrics and importance, grouping, and
// activating (rolling back) a deal-model version through POST /api/ml/models/:id/activate.
import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateDealHistories } from "../../../ml/data/syntheticDeals";
import { generateLeadHistories } from "../../../ml/data/syntheticHistories";
import { issueAccessToken } from "../auth/tokens";
import type { DatabaseHandle } from "../db/connect";
import { setDatabase } from "../db/instance";
import { asService } from "../db/transactions";
import { clearDealModelCache, trainAndRegisterDealModels } from "../services/ml/dealModels";
import { clearModelCache } from "../services/ml/modelCache";
import type { ModelKindGroup, ModelsOverview, ModelVersion } from "../../../src/domain/mlModels";
import { trainAndRegister } from "../services/ml/modelRegistry";
import { api } from "../testing/apiClient";
import { useTestEnv } from "../testing/env";
import { signUp, uniqueEmail, type SignedUp } from "../testing/fixtures";
import { testBackends } from "../testing/testDatabase";

// Small, fast models: the point here is the listing, not accuracy.
const FAST = { trees: 30, earlyStoppingRounds: 0 };

describe.each(testBackends())("GET /api/ml/models across model kinds on $name", (backend) => {
  let handle: DatabaseHandle;
  let owner: SignedUp;
  let other: SignedUp;
  let agentToken: string;
  const asOwner = () => ({ token: owner.token, orgId: owner.orgId });
  const asAgent = () => ({ token: agentToken, orgId: owner.orgId });
  const asOther = () => ({ token: other.token, orgId: other.orgId });
  const overview = async (as = asAgent()) => {
    const res = await api<ModelsOverview>("GET", "/api/ml/models", as);
    expect(res.status).toBe(200);
    return res.body;
  };
  const group = (o: ModelsOverview, kind: string): ModelKindGroup => o.kinds.find((g) => g.kind === kind)!;

  beforeAll(async () => {
    useTestEnv();
    clearModelCache();
    clearDealModelCache();
    handle = await backend.open();
    setDatabase(handle);
    owner = await signUp("Model List Co");
    other = await signUp("Other Model List Co");
    const email = uniqueEmail("agent");
    const agentId = await asService(handle.db, async (tx) => {
      const u = await tx.insertInto("auth.users").values({ email, rawAppMetaData: {}, rawUserMetaData: {} }).returning("id").executeTakeFirstOrThrow();
      await tx.insertInto("orgMembers").values({ orgId: owner.orgId, userId: u.id, role: "agent" }).execute();
      return u.id;
    });
    agentToken = (await issueAccessToken({ id: agentId, email }, randomUUID())).token;

    const leads = generateLeadHistories({ leads: 2500, seed: 7 });
    const cutoffOf = new Map(leads.truth.map((t) => [t.leadId, t.cutoff]));
    const registerLead = (note: string) =>
      trainAndRegister(handle.db, owner.orgId, { histories: leads.histories, context: leads.context }, { now: leads.asOf, note, train: { params: FAST, cutoffs: (h) => [cutoffOf.get(h.leadId)!] } });
    expect(await registerLead("before calibration bins were kept")).toMatchObject({ status: "trained", version: 1 });
    // A version stored before the bins were kept has none.
    await sql`update public.ml_models set metrics = metrics - 'calibration' where org_id = ${owner.orgId} and kind = 'lead_conversion' and version = 1`.execute(handle.db);
    await registerLead("with calibration bins");

    const deals = generateDealHistories({ deals: 3000, seed: 11, sharesPerDeal: 0 });
    const registerDeals = () => trainAndRegisterDealModels(handle.db, owner.orgId, deals.deals, { now: deals.asOf, expectedReturn: { params: FAST }, timeToClose: { params: FAST } });
    const first = await registerDeals();
    expect(first.expected_return).toMatchObject({ status: "trained", version: 1, promoted: true });
    expect(first.time_to_close).toMatchObject({ status: "trained", version: 1, promoted: true });
    // Same data and seed: a tie, stored as v2 but not promoted.
    expect((await registerDeals()).expected_return).toMatchObject({ status: "trained", version: 2, promoted: false });
  }, 120_000);
  afterAll(async () => {
    await handle?.close();
  });

  it("groups every kind in a fixed order; the top level stays the lead-conversion group", async () => {
    const o = await overview();
    expect(o.kinds.map((g) => [g.kind, g.task])).toEqual([
      ["lead_conversion", "classification"],
      ["expected_return", "regression"],
      ["time_to_close", "survival"],
      ["investor_match", "classification"],
    ]);
    const lead = group(o, "lead_conversion");
    expect({ trained: o.trained, activeVersion: o.activeVersion, message: o.message, items: o.items }).toEqual({ trained: lead.trained, activeVersion: lead.activeVersion, message: lead.message, items: lead.items });
    expect(o.items.every((m) => m.kind === "lead_conversion")).toBe(true);
    expect(group(o, "investor_match")).toMatchObject({ trained: false, activeVersion: null, items: [], message: expect.stringContaining("investor–match model is not trained yet") });
    expect(JSON.stringify(o)).not.toContain("driftReference");
  });

  it("lead conversion: calibration bins on the held-out window where kept, null for an older version", async () => {
    const lead = group(await overview(), "lead_conversion");
    expect(lead.items.map((m) => m.version)).toEqual([2, 1]);
    const [v2, v1] = lead.items;
    expect(v1.calibration).toBeNull();
    const test = v2.metrics.test as { rows: number; positives: number; ece: number };
    expect(v2.calibration).toMatchObject({ strategy: "uniform", rows: test.rows, positives: test.positives });
    const bins = v2.calibration!.bins;
    expect(bins).toHaveLength(10);
    expect(bins.reduce((s, b) => s + b.count, 0)).toBe(test.rows);
    expect(bins.reduce((s, b) => s + b.positives, 0)).toBe(test.positives);
    for (const b of bins) {
      if (b.count === 0) expect(b).toMatchObject({ meanPredicted: null, observedRate: null });
      else {
        expect(b.meanPredicted!).toBeGreaterThanOrEqual(b.lower);
        expect(b.meanPredicted!).toBeLessThanOrEqual(b.upper);
        expect(b.observedRate).toBeCloseTo(b.positives / b.count, 12);
      }
    }
    // The bins are the ones the stored ECE was computed on.
    const ece = bins.reduce((s, b) => s + (b.count ? (b.count / test.rows) * Math.abs(b.meanPredicted! - b.observedRate!) : 0), 0);
    expect(ece).toBeCloseTo(test.ece, 10);
  });

  it("deal models: their own held-out metrics, trees and importance, no calibration bins", async () => {
    const o = await overview();
    const ret = group(o, "expected_return");
    expect(ret).toMatchObject({ trained: true, activeVersion: 1, message: null });
    expect(ret.items.map((m) => [m.version, m.active])).toEqual([[2, false], [1, true]]);
    const r1 = ret.items[1];
    expect(r1.metrics.test).toMatchObject({ rows: expect.any(Number), rmse: expect.any(Number), mae: expect.any(Number), coverage: expect.any(Number), baselineRmse: expect.any(Number) });
    expect(r1.metrics.interval).toMatchObject({ lowAlpha: 0.1, highAlpha: 0.9 });
    expect(r1).toMatchObject({ calibration: null, trainingRows: expect.any(Number), trainingWindow: { start: expect.any(String), end: expect.any(String) } });
    expect(r1.trees).toBeGreaterThan(0);
    expect(r1.featureImportance.length).toBeGreaterThan(0);
    expect(r1.featureImportance[0]).toMatchObject({ feature: expect.any(String), gain: expect.any(Number), share: expect.any(Number), splits: expect.any(Number) });

    const close = group(o, "time_to_close");
    expect(close).toMatchObject({ trained: true, activeVersion: 1 });
    const c1 = close.items.find((m) => m.version === 1)!;
    expect(c1.metrics.test).toMatchObject({ concordance: expect.any(Number), closes: expect.any(Number) });
    expect(c1.metrics.horizonsDays).toEqual([30, 60, 90]);
    expect(c1.calibration).toBeNull();
    expect(c1.trees).toBeGreaterThan(0);
    expect(c1.featureImportance.length).toBeGreaterThan(0);
  });

  it("activating a deal-model version (rollback) works like a lead version's, per kind; agents may not; another org sees nothing", async () => {
    const before = await overview();
    const ret = group(before, "expected_return");
    const v2 = ret.items.find((m) => m.version === 2)!;
    expect((await api("POST", `/api/ml/models/${v2.id}/activate`, asAgent())).status).toBe(403);
    const res = await api<ModelVersion>("POST", `/api/ml/models/${v2.id}/activate`, asOwner());
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: v2.id, kind: "expected_return", version: 2, active: true, promotedAt: expect.any(String) });
    const after = await overview();
    expect(group(after, "expected_return").activeVersion).toBe(2);
    // Other kinds keep their active versions.
    expect(group(after, "time_to_close").activeVersion).toBe(1);
    expect(after.activeVersion).toBe(before.activeVersion);

    const theirs = await overview(asOther());
    expect(theirs.kinds.every((g) => g.items.length === 0 && !g.trained)).toBe(true);
    expect((await api("POST", `/api/ml/models/${v2.id}/activate`, asOther())).status).toBe(404);
  });
});
