import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MATCH_FEATURE_SPEC } from "../../../../ml/features/dealFeatures";
import { RULE_BASED_VERSION } from "../../../../src/domain/matching/ruleBasedMatcher";
import type { DatabaseHandle } from "../../db/connect";
import { setDatabase } from "../../db/instance";
import { asService } from "../../db/transactions";
import "../../jobs/allJobs";
import { executeJob } from "../../jobs/executeJob";
import { api } from "../../testing/apiClient";
import { useTestEnv } from "../../testing/env";
import { signUp, type SignedUp } from "../../testing/fixtures";
import { testBackends } from "../../testing/testDatabase";
import { matchInvestors } from "../investors/matchingService";
import { loadDealHistories } from "./dealHistoryFromDb";
import { loadInvestorSnapshots, MATCH_BLEND_WEIGHT, pairFeatures, trainMatchModelFromDb } from "./investorMatchModel";
import { clearModelCache } from "./modelCache";
import { queueNightlyMatchTraining } from "./nightlyTraining";

const silent = pino({ level: "silent" });
const DAY = 86_400_000;
// Small, fast models: the point here is serving, not accuracy (ml/models/investorMatch.test.ts checks that).
const FAST = { trees: 40, earlyStoppingRounds: 0 };

const analysis = {
  purchase: { purchasePrice: 200_000, arv: 300_000, closingCostRate: 0.02, closingCostFixed: 0 },
  repairs: { items: [{ label: "Kitchen", cost: 20_000 }, { label: "Roof", cost: 10_000 }], contingencyRate: 0.1 },
  financing: null,
  operating: { monthlyRent: 2_200, vacancyRate: 0.05, managementRate: 0.08 },
  projection: { holdYears: 5, exitCapRate: 0.065 },
};

// Two kinds of investor, alike in everything the rules and the model read but the target return: "growth" investors
// want 90% (the rules score the deal's return low for them), "income" investors 1% (the rules score it full). In the
// history every growth investor answers "interested" and every income investor passes.
const investorRow = (orgId: string, firstName: string, targetReturn: number, states = ["TX"]) => ({
  orgId,
  firstName,
  lastName: "Investor",
  email: `${firstName.toLowerCase()}@example.test`,
  minInvestment: "0",
  maxInvestment: "1000000",
  capitalAvailable: "1000000",
  propertyTypes: ["single_family"],
  marketStates: states,
  targetReturn: String(targetReturn),
  preferences: {},
});

interface Seeded {
  growth: string[];
  income: string[];
  outOfMarket: string;
  deals: string[];
  /** The training "now": every share's 14-day answer window has ended. */
  asOf: number;
}

/**
 * `deals` deals in Austin, TX, each shared with every growth and income investor, one deal every 10 days from an hour
 * from now (so the investors' recorded preferences — audit entries written now — are known at every share time).
 */
async function seed(handle: DatabaseHandle, orgId: string, perKind: number, deals: number): Promise<Seeded> {
  return asService(handle.db, async (tx) => {
    const [stage] = await tx.selectFrom("pipelineStages").select("id").where("orgId", "=", orgId).where("kind", "=", "open").orderBy("position").limit(1).execute();
    const inv = (rows: ReturnType<typeof investorRow>[]) => tx.insertInto("investors").values(rows).returning("id").execute();
    const growth = (await inv(Array.from({ length: perKind }, (_, k) => investorRow(orgId, `Growth${k}`, 0.9)))).map((r) => r.id);
    const income = (await inv(Array.from({ length: perKind }, (_, k) => investorRow(orgId, `Income${k}`, 0.01)))).map((r) => r.id);
    const [outOfMarket] = (await inv([investorRow(orgId, "Elsewhere", 0.9, ["CA"])])).map((r) => r.id);
    const dealIds: string[] = [];
    for (let d = 0; d <= deals; d++) {
      const property = await tx
        .insertInto("properties")
        .values({ orgId, street: `${d + 1} Elm Dr`, city: "Austin", state: "TX", zip: "78702", propertyType: "single_family", beds: "3", baths: "2", sqft: 1500 })
        .returning("id")
        .executeTakeFirstOrThrow();
      const opp = await tx
        .insertInto("opportunities")
        .values({ orgId, title: `Deal ${d + 1}`, stageId: stage.id, propertyId: property.id, value: "200000", analysis })
        .returning("id")
        .executeTakeFirstOrThrow();
      dealIds.push(opp.id);
    }
    const base = Date.now() + 3_600_000;
    const shares = dealIds.slice(0, deals).flatMap((opportunityId, d) =>
      [...growth, ...income].map((investorId, j) => {
        const sharedAt = new Date(base + d * 10 * DAY + j * 60_000);
        const interested = j < growth.length;
        return { orgId, opportunityId, investorId, sharedAt, response: interested ? "interested" : "passed", respondedAt: new Date(sharedAt.getTime() + 2 * DAY) };
      }),
    );
    if (shares.length) await tx.insertInto("opportunityShares").values(shares).execute();
    // The last deal is never shared: it is the one matched below.
    return { growth, income, outOfMarket, deals: dealIds, asOf: base + (deals * 10 + 20) * DAY };
  });
}

describe.each(testBackends())("investor–deal match model on $name", (backend) => {
  let handle: DatabaseHandle;
  let big: SignedUp;
  let small: SignedUp;
  let bigData: Seeded;
  let smallData: Seeded;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies
  const matches = async (who: SignedUp, opportunityId: string): Promise<{ matcher: string; items: any[] }> => {
    const res = await api("GET", `/api/opportunities/${opportunityId}/matches`, { token: who.token, orgId: who.orgId });
    expect(res.status).toBe(200);
    return res.body;
  };
  const matchModels = (orgId: string) =>
    handle.db.selectFrom("mlModels").select(["version", "active", "note", "jobId"]).where("orgId", "=", orgId).where("kind", "=", "investor_match").orderBy("version").execute();

  beforeAll(async () => {
    useTestEnv();
    clearModelCache();
    handle = await backend.open();
    setDatabase(handle);
    big = await signUp("Match History Co");
    small = await signUp("Few Shares Co");
    bigData = await seed(handle, big.orgId, 15, 40); // 40 deals × 30 investors = 1,200 answered shares
    smallData = await seed(handle, small.orgId, 3, 4); // 24 shares
  }, 60_000);
  afterAll(async () => {
    await handle?.close();
  });

  it("below the threshold: the queued job stores nothing and matching stays rule-based", async () => {
    const queued = await api("POST", "/api/ml/train", { token: small.token, orgId: small.orgId, body: {} });
    expect(queued.status).toBe(202);
    const job = await handle.db.selectFrom("jobOutbox").select(["id", "orgId", "queue", "name", "payload", "attempts", "availableAt"]).where("id", "=", queued.body.matchModelJobId).executeTakeFirstOrThrow();
    expect(job).toMatchObject({ name: "train-match-model", queue: "scoring" });
    const outcome = await executeJob(handle.db, silent, { ...job, attempts: 1 });
    expect(outcome).toMatchObject({ status: "done", result: { status: "not_enough_data" } });
    // Also with the data's own "now" (every answer window ended): 24 shares are far too few.
    const direct = await trainMatchModelFromDb(handle.db, small.orgId, { now: smallData.asOf, params: FAST });
    expect(direct).toMatchObject({ status: "not_enough_data", rows: 24, positives: 12, reason: expect.stringContaining("need at least 1000") });
    expect(await matchModels(small.orgId)).toEqual([]);

    const m = await matches(small, smallData.deals.at(-1)!);
    expect(m.matcher).toBe(RULE_BASED_VERSION);
    expect(m.items.length).toBe(6);
    for (const item of m.items) expect(item.reasons.join(" ")).not.toMatch(/Model:/);
  });

  it("nightly: one train-match-model job per org with enough shares, never a second while one waits", async () => {
    const nightly = (minShares: number) => asService(handle.db, (tx) => queueNightlyMatchTraining(tx, { minShares }));
    expect(await nightly(1_000_000)).toBe(0);
    expect(await nightly(1000)).toBe(1); // the big org only (the small one's job above has run)
    expect(await nightly(1000)).toBe(0);
  });

  it("an org with enough share history trains and activates v1, and matching reorders by the blend", async () => {
    const target = bigData.deals.at(-1)!;
    const before = await matches(big, target);
    expect(before.matcher).toBe(RULE_BASED_VERSION);
    const rank = (items: { investorId: string }[], ids: string[]) => items.map((i, k) => (ids.includes(i.investorId) ? k : -1)).filter((k) => k >= 0);
    // Rules alone: every income investor above every growth investor (the deal's return is far below 90%).
    expect(Math.max(...rank(before.items, bigData.income))).toBeLessThan(Math.min(...rank(before.items, bigData.growth)));
    const eligible = before.items.map((i) => i.investorId).sort();
    expect(eligible).toHaveLength(30);
    expect(eligible).not.toContain(bigData.outOfMarket);

    const out = await trainMatchModelFromDb(handle.db, big.orgId, { now: bigData.asOf, params: FAST, note: "test" });
    expect(out).toMatchObject({ status: "trained", version: 1, promoted: true, reason: "no active model: promoted", active: null });
    expect(await matchModels(big.orgId)).toEqual([{ version: 1, active: true, note: "test", jobId: null }]);

    const after = await matches(big, target);
    expect(after.matcher).toBe(`blend:${RULE_BASED_VERSION}+investor_match v1`);
    // The same eligible investors (the rules decide who is eligible; the out-of-market one stays out) …
    expect(after.items.map((i) => i.investorId).sort()).toEqual(eligible);
    // … now every growth investor (who always said yes) above every income investor (who always passed).
    expect(Math.max(...rank(after.items, bigData.growth))).toBeLessThan(Math.min(...rank(after.items, bigData.income)));
    const ruleScore = new Map(before.items.map((i) => [i.investorId, i.score as number]));
    for (const item of after.items) {
      const reason = item.reasons.at(-1) as string;
      expect(reason).toMatch(/^Model: \d+% likely to be interested$/);
      const p = Number(/(\d+)%/.exec(reason)![1]) / 100;
      // blend = (1 − w)·rule + w·100·p (p rounded in the reason, so within half a point × w).
      expect(Math.abs(item.score - ((1 - MATCH_BLEND_WEIGHT) * ruleScore.get(item.investorId)! + MATCH_BLEND_WEIGHT * 100 * p))).toBeLessThan(0.6);
      expect(p).toBeGreaterThanOrEqual(bigData.growth.includes(item.investorId) ? 0.5 : 0);
      expect(p).toBeLessThanOrEqual(bigData.growth.includes(item.investorId) ? 1 : 0.5);
    }
    // `limit` cuts after blending.
    const top = await asService(handle.db, (tx) => matchInvestors(tx, big.orgId, target, 3));
    expect(top.items.map((i) => i.investorId)).toEqual(after.items.slice(0, 3).map((i) => i.investorId));

    // The reverse direction blends too: a growth investor's deals carry the model's reason.
    const deals = await api("GET", `/api/investors/${bigData.growth[0]}/matches`, { token: big.token, orgId: big.orgId });
    expect(deals.status).toBe(200);
    expect(deals.body.matcher).toBe(`blend:${RULE_BASED_VERSION}+investor_match v1`);
    expect(deals.body.items.length).toBeGreaterThan(0);
    for (const item of deals.body.items) expect(item.reasons.at(-1)).toMatch(/^Model: \d+% likely to be interested$/);
  });

  it("a retrain that does not beat the active version on its held-out window is stored but not promoted", async () => {
    const out = await trainMatchModelFromDb(handle.db, big.orgId, { now: bigData.asOf, params: FAST });
    expect(out).toMatchObject({ status: "trained", version: 2, promoted: false, reason: expect.stringContaining("does not beat v1") });
    expect((await matchModels(big.orgId)).map((m) => [m.version, m.active])).toEqual([
      [1, true],
      [2, false],
    ]);
    expect((await matches(big, bigData.deals.at(-1)!)).matcher).toBe(`blend:${RULE_BASED_VERSION}+investor_match v1`);
  });

  it("uses business fields only: no personal attribute among the features, and renaming an investor changes none", async () => {
    const deny = /(^|[^a-z])(name|first ?name|last ?name|email|phone|age|birth|race|ethnic|ethnicity|religion|sex|gender|familial|family|marital|disability|national|origin|zip|postal|census|tract|demographic)([^a-z]|$)/;
    const words = (n: string) => n.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
    for (const f of MATCH_FEATURE_SPEC) expect(words(f.name), f.name).not.toMatch(deny);
    const stored = await handle.db.selectFrom("mlModels").select(["model", "metrics"]).where("orgId", "=", big.orgId).where("kind", "=", "investor_match").where("version", "=", 1).executeTakeFirstOrThrow();
    // The Models page's reliability diagram: ten bins over the held-out window, their counts adding up to it.
    const calibration = (stored.metrics as { calibration: { bins: { count: number }[] } | null }).calibration;
    expect(calibration?.bins).toHaveLength(10);
    expect(calibration!.bins.reduce((t, b) => t + b.count, 0)).toBeGreaterThan(0);
    expect((stored.model as { features: { name: string }[] }).features.map((f) => f.name)).toEqual(MATCH_FEATURE_SPEC.map((f) => f.name));

    const investorId = bigData.growth[0];
    const [deal] = await asService(handle.db, (tx) => loadDealHistories(tx, big.orgId, { opportunityIds: [bigData.deals[0]] }));
    const snapshotsOf = async () => (await asService(handle.db, (tx) => loadInvestorSnapshots(tx, big.orgId))).find((i) => i.investorId === investorId)!;
    const first = await snapshotsOf();
    expect(Object.keys(first.snapshots[0]).sort()).toEqual(["at", "capitalAvailable", "cities", "maxInvestment", "minInvestment", "propertyTypes", "states", "targetReturn"]);
    await asService(handle.db, (tx) =>
      tx.updateTable("investors").set({ firstName: "Renamed", lastName: "Person", email: "renamed@example.test", phone: "+15125550100", marketZips: ["78702"] }).where("id", "=", investorId).execute(),
    );
    const second = await snapshotsOf();
    expect(second.snapshots.length).toBe(first.snapshots.length + 1); // the update is recorded …
    const later = Date.now() + DAY;
    expect(pairFeatures(deal, second, later)).toEqual(pairFeatures(deal, first, later)); // … and changes no feature
  });
});
