import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateLeadHistories, type SyntheticHistories } from "../../../ml/data/syntheticHistories";
import { issueAccessToken } from "../auth/tokens";
import type { DatabaseHandle } from "../db/connect";
import { setDatabase } from "../db/instance";
import { asService } from "../db/transactions";
import "../jobs/allJobs";
import { executeJob } from "../jobs/executeJob";
import type { OutboxRow } from "../jobs/outboxStore";
import { checkModelDrift, queueDriftChecks } from "../services/ml/driftMonitor";
import { clearModelCache } from "../services/ml/modelCache";
import { trainAndRegister, type TrainOutcome } from "../services/ml/modelRegistry";
import { queueNightlyLeadTraining } from "../services/ml/nightlyTraining";
import { api } from "../testing/apiClient";
import { useTestEnv } from "../testing/env";
import { createLead, signUp, uniqueEmail, type SignedUp } from "../testing/fixtures";
import { testBackends } from "../testing/testDatabase";

const silent = pino({ level: "silent" });

describe.each(testBackends())("lead-conversion model serving on $name", (backend) => {
  let handle: DatabaseHandle;
  let owner: SignedUp;
  let other: SignedUp;
  let agentToken: string;
  let synthetic: SyntheticHistories;
  const asOwner = () => ({ token: owner.token, orgId: owner.orgId });
  const asAgent = () => ({ token: agentToken, orgId: owner.orgId });
  const asOther = () => ({ token: other.token, orgId: other.orgId });

  /** Trains in memory on the synthetic histories (2,500 leads, one snapshot each) and registers the result. */
  const register = (orgId: string, params: Record<string, number> = {}, note?: string): Promise<TrainOutcome> => {
    const cutoffOf = new Map(synthetic.truth.map((t) => [t.leadId, t.cutoff]));
    return trainAndRegister(handle.db, orgId, { histories: synthetic.histories, context: synthetic.context }, { now: synthetic.asOf, note, train: { params, cutoffs: (h) => [cutoffOf.get(h.leadId)!] } });
  };
  const jobsFor = async (name: string, leadId?: string): Promise<OutboxRow[]> =>
    (await handle.db.selectFrom("jobOutbox").select(["id", "orgId", "queue", "name", "payload", "attempts", "availableAt"]).where("name", "=", name).orderBy("createdAt").execute()).filter(
      (j) => leadId === undefined || (j.payload as { leadId?: string }).leadId === leadId,
    );
  const historyOf = (leadId: string) => handle.db.selectFrom("leadScoreHistory").selectAll().where("leadId", "=", leadId).execute();
  const models = (orgId: string) => handle.db.selectFrom("mlModels").select(["id", "version", "active"]).where("orgId", "=", orgId).orderBy("version").execute();

  beforeAll(async () => {
    useTestEnv();
    clearModelCache();
    handle = await backend.open();
    setDatabase(handle);
    owner = await signUp("Scoring Co");
    other = await signUp("Other Co");
    const email = uniqueEmail("agent");
    const agentId = await asService(handle.db, async (tx) => {
      const u = await tx.insertInto("auth.users").values({ email, rawAppMetaData: {}, rawUserMetaData: {} }).returning("id").executeTakeFirstOrThrow();
      await tx.insertInto("orgMembers").values({ orgId: owner.orgId, userId: u.id, role: "agent" }).execute();
      return u.id;
    });
    agentToken = (await issueAccessToken({ id: agentId, email }, randomUUID())).token;
    synthetic = generateLeadHistories({ leads: 2500, seed: 7 });
  });
  afterAll(async () => {
    await handle?.close();
  });

  it("before any model: scoring says the model is not trained yet (409), the registry is empty, no scoring job is queued", async () => {
    const lead = await createLead(owner.token, owner.orgId, { source: "web_form" });
    const res = await api("POST", "/api/ml/score", { ...asAgent(), body: { leadId: lead.id } });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: "model_not_trained", message: expect.stringContaining("not trained yet") });
    const list = await api("GET", "/api/ml/models", asAgent());
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ trained: false, activeVersion: null, items: [], message: expect.stringContaining("not trained yet") });
    expect(await jobsFor("score-lead", lead.id)).toEqual([]);
  });

  it("training below the data threshold stores nothing and reports not enough data; only managers may queue it", async () => {
    expect((await api("POST", "/api/ml/train", { ...asAgent(), body: {} })).status).toBe(403);
    expect((await api("POST", "/api/ml/train", { ...asOwner(), body: { note: 7 } })).body.error.fields).toHaveProperty("note");
    const res = await api("POST", "/api/ml/train", { ...asOwner(), body: { note: "first try" } });
    expect(res.status).toBe(202);
    const [job] = (await jobsFor("train-lead-model")).filter((j) => j.id === res.body.jobId);
    expect(job).toMatchObject({ queue: "scoring", payload: { note: "first try" } });
    const outcome = await executeJob(handle.db, silent, job);
    expect(outcome).toMatchObject({ status: "done", result: { status: "not_enough_data", needed: { rows: 2000, positives: 200 } } });
    expect(await models(owner.orgId)).toEqual([]);
  });

  it("nightly retraining queues one job per org that could have enough data, never a second while one waits", async () => {
    expect(await asService(handle.db, (tx) => queueNightlyLeadTraining(tx))).toBe(0); // the orgs here are tiny
    const before = (await jobsFor("train-lead-model")).length;
    expect(await asService(handle.db, (tx) => queueNightlyLeadTraining(tx, { minLeads: 1, minConversions: 0 }))).toBe(1);
    expect(await asService(handle.db, (tx) => queueNightlyLeadTraining(tx, { minLeads: 1, minConversions: 0 }))).toBe(0);
    const queued = (await jobsFor("train-lead-model")).slice(before);
    expect(queued).toEqual([expect.objectContaining({ orgId: owner.orgId, queue: "scoring" })]);
    expect(await executeJob(handle.db, silent, queued[0])).toMatchObject({ status: "done", result: { status: "not_enough_data" } });
  });

  it("the first model is promoted; a better one replaces it; a worse one is stored but not promoted", async () => {
    const weak = await register(owner.orgId, { trees: 1 }, "one tree");
    expect(weak).toMatchObject({ status: "trained", version: 1, promoted: true, active: null });
    const good = await register(owner.orgId, {}, "defaults");
    expect(good).toMatchObject({ status: "trained", version: 2, promoted: true, active: { version: 1 } });
    const worse = await register(owner.orgId, { trees: 1 }, "one tree again");
    expect(worse).toMatchObject({ status: "trained", version: 3, promoted: false });
    if (worse.status !== "trained") throw new Error("unreachable");
    expect(worse.active!.metrics.auc).toBeGreaterThan(worse.metrics.auc);
    expect((await models(owner.orgId)).map((m) => [m.version, m.active])).toEqual([[1, false], [2, true], [3, false]]);

    const list = await api("GET", "/api/ml/models", asAgent());
    expect(list.body).toMatchObject({ trained: true, activeVersion: 2, message: null });
    expect(list.body.items.map((m: { version: number }) => m.version)).toEqual([3, 2, 1]);
    const v2 = list.body.items[1];
    expect(v2).toMatchObject({ active: true, trainingRows: expect.any(Number), trainingWindow: { start: expect.any(String), end: new Date(synthetic.asOf).toISOString() } });
    expect(v2.metrics.test).toMatchObject({ auc: expect.any(Number), logLoss: expect.any(Number), brier: expect.any(Number), ece: expect.any(Number) });
    expect(v2.metrics.test.auc).toBeGreaterThan(0.75);
    expect(v2.featureImportance.length).toBeGreaterThan(3);
    expect(v2.featureImportance[0]).toMatchObject({ feature: expect.any(String), gain: expect.any(Number), share: expect.any(Number) });
    expect(list.body.items[0].metrics.promotion.reason).toContain("does not beat v2");
    // Reliability-diagram bins of the held-out window: ten equal-width bins covering every test row.
    expect(v2.calibration).toMatchObject({ strategy: "uniform", rows: v2.metrics.test.rows, positives: v2.metrics.test.positives });
    expect(v2.calibration.bins).toHaveLength(10);
    expect(v2.calibration.bins.reduce((s: number, b: { count: number }) => s + b.count, 0)).toBe(v2.metrics.test.rows);
    expect(v2.metrics).not.toHaveProperty("calibration");
    // The same versions, grouped by kind; the top-level fields are the lead-conversion group's.
    expect(list.body.kinds.map((g: { kind: string }) => g.kind)).toEqual(["lead_conversion", "expected_return", "time_to_close", "investor_match"]);
    expect(list.body.kinds[0]).toMatchObject({ kind: "lead_conversion", task: "classification", trained: true, activeVersion: 2, message: null });
    expect(list.body.kinds[0].items).toEqual(list.body.items);
  });

  it("scores a lead through the API: grade, score, factors whose contributions add up with the base value to the raw score; written back with history", async () => {
    const lead = await createLead(owner.token, owner.orgId, { source: "referral", phone: "+1 512 842 7320" });
    const res = await api("POST", "/api/ml/score", { ...asAgent(), body: { leadId: lead.id } });
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(1);
    const item = res.body.items[0];
    expect(item).toMatchObject({ leadId: lead.id, modelVersion: 2, grade: expect.stringMatching(/^[ABCDF]$/) });
    expect(item.score).toBe(Math.round(100 * item.probability));
    expect(item.factors.length).toBeGreaterThan(0);
    expect(item.factors.length).toBeLessThanOrEqual(5);
    for (const f of item.factors) {
      expect(f).toMatchObject({ feature: expect.any(String), label: expect.any(String), contribution: expect.any(Number) });
      expect(f.direction).toBe(f.contribution > 0 ? "up" : "down");
    }
    expect(item.factors.find((f: { feature: string }) => f.feature === "source")?.value ?? "referral").toBe("referral");
    const sum = item.baseValue + item.factors.reduce((s: number, f: { contribution: number }) => s + f.contribution, 0) + item.otherContribution;
    expect(sum).toBeCloseTo(item.margin, 9);

    const [history] = await historyOf(lead.id);
    expect(history).toMatchObject({ score: item.score, grade: item.grade, jobId: null });
    expect(history.probability).toBeCloseTo(item.probability, 12);
    const stored = await handle.db.selectFrom("leads").select("score").where("id", "=", lead.id).executeTakeFirstOrThrow();
    expect(Number(stored.score)).toBe(item.score);

    // Reading the stored score writes nothing.
    const latest = await api("GET", `/api/ml/score?leadId=${lead.id}`, asAgent());
    expect(latest.body.item).toMatchObject({ leadId: lead.id, score: item.score, grade: item.grade, modelVersion: 2, scoredAt: expect.any(String) });
    expect(latest.body.item.factors.map((f: { feature: string; direction: string }) => [f.feature, f.direction])).toEqual(item.factors.map((f: { feature: string; direction: string }) => [f.feature, f.direction]));
    expect(await historyOf(lead.id)).toHaveLength(1);
    const never = await createLead(owner.token, owner.orgId, { phone: "+1 512 842 7399" });
    expect((await api("GET", `/api/ml/score?leadId=${never.id}`, asAgent())).body).toEqual({ item: null });
    const bad = await api("GET", "/api/ml/score?leadId=nope", asAgent());
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual({ leadId: "must be a lead id (uuid)" });

    const batch = await api("POST", "/api/ml/score", { ...asOwner(), body: { leadIds: [lead.id, lead.id] } });
    expect(batch.status).toBe(200);
    expect(batch.body.items).toHaveLength(1);
    expect(await historyOf(lead.id)).toHaveLength(2);
  });

  it("the fairness report groups the org's scored leads by ZIP-3 area (the four-fifths rule); another org's leads are not in it", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 22; i++) ids.push((await createLead(owner.token, owner.orgId, { source: i % 2 ? "referral" : "ppc", phone: `+1 512 842 ${7400 + i}`, address: { state: "TX", zip: "78704" } })).id);
    expect((await api("POST", "/api/ml/score", { ...asOwner(), body: { leadIds: ids } })).status).toBe(200);
    const res = await api("GET", "/api/ml/fairness", asAgent());
    expect(res.status).toBe(200);
    const area = res.body.groups.find((g: { group: string }) => g.group === "787xx");
    expect(area.leads).toBeGreaterThanOrEqual(22);
    // The only comparable group is the best one (no ratio when no lead of any group is favourable).
    expect(area.impactRatio).toBe(area.favourableRate > 0 ? 1 : null);
    expect(Object.values(area.grades as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(area.leads);
    expect(res.body.method).toContain("four-fifths");
    const theirs = await api("GET", "/api/ml/fairness", asOther());
    expect(theirs.body.scoredLeads).toBe(0);
  });

  it("drift: the recently scored leads against the model's reference, PSI per feature and on the score; a major shift alerts the managers", async () => {
    const jobId = randomUUID();
    const first = await checkModelDrift(handle.db, owner.orgId, { jobId });
    expect(first.status).toBe("measured");
    if (first.status !== "measured") return;
    const reference = (await handle.db.selectFrom("mlModels").select("metrics").where("orgId", "=", owner.orgId).where("active", "=", true).executeTakeFirstOrThrow()).metrics as { driftReference: { rows: number; features: Record<string, unknown> } };
    expect(first.measure.features.map((f) => f.feature).sort()).toEqual(Object.keys(reference.driftReference.features).sort());
    expect(first.measure.rows).toBeGreaterThan(0);
    expect(await checkModelDrift(handle.db, owner.orgId, { jobId })).toEqual({ status: "already_done" });
    // The models list doesn't carry the (bulky) reference.
    expect(JSON.stringify((await api("GET", "/api/ml/models", asAgent())).body)).not.toContain("driftReference");

    // Pretend the model was checked on leads that all scored above its top decile: today's scores are a major shift.
    await sql`update public.ml_models set metrics = jsonb_set(metrics, '{driftReference,score,proportions}', (select jsonb_agg(case when i = n - 1 then 1 else 0 end) from (select jsonb_array_length(metrics->'driftReference'->'score'->'proportions') as n) c, generate_series(1, c.n) i)) where org_id = ${owner.orgId} and active`.execute(handle.db);
    const notificationsBefore = (await handle.db.selectFrom("notifications").select("id").where("orgId", "=", owner.orgId).where("type", "=", "ml.drift").execute()).length;
    const shifted = await checkModelDrift(handle.db, owner.orgId);
    expect(shifted).toMatchObject({ status: "measured", alert: true });
    if (shifted.status === "measured") expect(shifted.measure.major).toContain("score");
    const notes = await handle.db.selectFrom("notifications").select(["userId", "title", "link"]).where("orgId", "=", owner.orgId).where("type", "=", "ml.drift").execute();
    expect(notes.length).toBe(notificationsBefore + 1); // the org's one owner
    expect(notes.at(-1)).toMatchObject({ userId: owner.userId, link: "/settings/models" });

    const res = await api("GET", "/api/ml/drift", asAgent());
    expect(res.status).toBe(200);
    expect(res.body.latest).toMatchObject({ alert: true, score: { level: "major" } });
    expect(res.body.history.length).toBe(2);
    expect((await api("GET", "/api/ml/drift", asOther())).body).toEqual({ latest: null, history: [] });
    expect(await asService(handle.db, (tx) => queueDriftChecks(tx))).toBeGreaterThanOrEqual(1);
    expect(await asService(handle.db, (tx) => queueDriftChecks(tx))).toBe(0); // one waiting per org
  });

  it("validates the body, naming the field", async () => {
    const bad = async (body: unknown) => (await api("POST", "/api/ml/score", { ...asAgent(), body })).body.error;
    expect((await bad({})).fields).toHaveProperty("leadId");
    expect((await bad({ leadId: "nope" })).fields).toHaveProperty("leadId");
    expect((await bad({ leadIds: Array.from({ length: 501 }, () => randomUUID()) })).fields).toHaveProperty("leadIds");
    expect((await bad({ leadIds: [] })).fields).toHaveProperty("leadIds");
    expect((await bad({ leadId: randomUUID(), extra: 1 })).fields).toHaveProperty("extra");
    expect((await api("POST", "/api/ml/score", { ...asAgent(), body: { leadId: randomUUID() } })).status).toBe(404);
  });

  it("a new lead is queued for scoring when the org has a model; the job writes one history row however often it runs", async () => {
    const lead = await createLead(owner.token, owner.orgId, { source: "ppc" });
    const jobs = await jobsFor("score-lead", lead.id);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ queue: "scoring", orgId: owner.orgId });
    const first = await executeJob(handle.db, silent, jobs[0]);
    expect(first).toMatchObject({ status: "done", result: { leadId: lead.id, modelVersion: 2 } });
    expect(await executeJob(handle.db, silent, jobs[0], { recordOutcome: false })).toMatchObject({ status: "done" });
    const rows = await historyOf(lead.id);
    expect(rows).toHaveLength(1);
    expect(rows[0].jobId).toBe(jobs[0].id);
    // Writing the score is not a change that queues scoring again; a real change is.
    expect(await jobsFor("score-lead", lead.id)).toHaveLength(1);
    expect((await api("PATCH", `/api/leads/${lead.id}`, { ...asOwner(), body: { source: "referral" } })).status).toBe(200);
    expect(await jobsFor("score-lead", lead.id)).toHaveLength(2);
    // The other org has no model: its new leads queue nothing.
    const theirs = await createLead(other.token, other.orgId);
    expect(await jobsFor("score-lead", theirs.id)).toEqual([]);
  });

  it("rollback: managers activate any earlier version; agents may not", async () => {
    const [v1, v2] = await models(owner.orgId);
    expect((await api("POST", `/api/ml/models/${v1.id}/activate`, asAgent())).status).toBe(403);
    const res = await api("POST", `/api/ml/models/${v1.id}/activate`, asOwner());
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: v1.id, version: 1, active: true, promotedAt: expect.any(String) });
    expect((await models(owner.orgId)).filter((m) => m.active).map((m) => m.version)).toEqual([1]);
    const lead = await createLead(owner.token, owner.orgId);
    expect((await api("POST", "/api/ml/score", { ...asAgent(), body: { leadId: lead.id } })).body.items[0].modelVersion).toBe(1);
    expect((await api("POST", `/api/ml/models/${v2.id}/activate`, asOwner())).status).toBe(200);
    expect((await models(owner.orgId)).filter((m) => m.active).map((m) => m.version)).toEqual([2]);
    expect((await api("POST", `/api/ml/models/not-a-uuid/activate`, asOwner())).status).toBe(404);
    expect((await api("POST", `/api/ml/models/${v1.id}/retire`, asOwner())).status).toBe(404);
  });

  it("another org sees none of it: empty registry, 404 for the models and leads of the first", async () => {
    const [v1] = await models(owner.orgId);
    const list = await api("GET", "/api/ml/models", asOther());
    expect(list.body).toMatchObject({ trained: false, items: [] });
    expect((await api("POST", `/api/ml/models/${v1.id}/activate`, asOther())).status).toBe(404);
    expect((await models(owner.orgId)).find((m) => m.active)?.version).toBe(2);
    // With a model of its own, the other org still can't score the first org's leads.
    expect(await register(other.orgId)).toMatchObject({ status: "trained", version: 1, promoted: true });
    const [ours] = await handle.db.selectFrom("leads").select("id").where("orgId", "=", owner.orgId).limit(1).execute();
    const res = await api("POST", "/api/ml/score", { ...asOther(), body: { leadId: ours.id } });
    expect(res.status).toBe(404);
    expect(JSON.stringify(res.body)).not.toContain("score\":");
    const theirList = await api("GET", "/api/ml/models", asOther());
    expect(theirList.body.items.map((m: { id: string }) => m.id)).not.toContain(v1.id);
  });
});
