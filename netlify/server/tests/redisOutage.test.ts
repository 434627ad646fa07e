import { randomBytes } from "node:crypto";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../db/connect";
import { setDatabase } from "../db/instance";
import { startBullmqRuntime } from "../jobs/bullmqRuntime";
import "../jobs/allJobs";
import { api } from "../testing/apiClient";
import { useTestEnv } from "../testing/env";
import { signUp, type SignedUp } from "../testing/fixtures";
import { testBackends } from "../testing/testDatabase";

const silent = pino({ level: "silent" });
const redis = () => {
  const url = new URL(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
  return { host: url.hostname, port: Number(url.port || 6379), maxRetriesPerRequest: null };
};
const LEADS = 1_000;

// Issue 5's fault test: Redis is down while 1,000 leads arrive; the requests still succeed, the enrichment jobs wait
// in the outbox, and once Redis is back every lead is enriched, once. (The machine's Redis is shared, so "down" is
// the worker pointed at a port where nothing listens, then at the real one.)
describe.each(testBackends())("a Redis outage while leads arrive, on $name", (backend) => {
  let handle: DatabaseHandle;
  let owner: SignedUp;

  beforeAll(async () => {
    useTestEnv();
    handle = await backend.open();
    setDatabase(handle);
    owner = await signUp("Outage Co");
  });
  afterAll(() => handle.close());

  it("loses no lead and no enrichment: all 1,000 are enriched after Redis comes back", async () => {
    const down = startBullmqRuntime(handle.db, silent, {
      connection: { host: "127.0.0.1", port: 1, maxRetriesPerRequest: 1, enableOfflineQueue: false, retryStrategy: () => null },
      queues: ["enrichment"],
      relayIntervalMs: 20,
    });
    const statuses: number[] = [];
    for (let i = 0; i < LEADS; i += 50) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(50, LEADS - i) }, (_, k) =>
          api("POST", "/api/leads", { token: owner.token, orgId: owner.orgId, body: { firstName: `Outage ${i + k}`, phone: `+1512${String(8_400_000 + i + k).padStart(7, "0")}` } }),
        ),
      );
      statuses.push(...batch.map((r) => r.status));
    }
    await down.close().catch(() => {});
    expect(statuses.filter((s) => s === 201)).toHaveLength(LEADS);
    const waiting = await handle.db.selectFrom("jobOutbox").select(["status", (eb) => eb.fn.countAll<string>().as("n")]).where("name", "=", "enrich-lead").groupBy("status").execute();
    expect(waiting).toEqual([{ status: "pending", n: expect.anything() }]);
    expect(Number(waiting[0].n)).toBe(LEADS);

    const prefix = `hk-outage-${randomBytes(4).toString("hex")}`;
    const up = startBullmqRuntime(handle.db, silent, { connection: redis(), prefix, queues: ["enrichment"], concurrency: 20, relayIntervalMs: 20 });
    try {
      const deadline = Date.now() + 90_000;
      for (;;) {
        const done = await handle.db.selectFrom("jobOutbox").select((eb) => eb.fn.countAll<string>().as("n")).where("name", "=", "enrich-lead").where("status", "=", "done").executeTakeFirstOrThrow();
        if (Number(done.n) === LEADS) break;
        if (Date.now() > deadline) throw new Error(`only ${done.n} of ${LEADS} enrichment jobs done`);
        await new Promise((r) => setTimeout(r, 200));
      }
    } finally {
      await up.queues.get("enrichment")!.obliterate({ force: true }).catch(() => {});
      await up.close();
    }
    const enriched = await handle.db.selectFrom("leadEnrichments").select(["leadId"]).where("orgId", "=", owner.orgId).where("kind", "=", "contact").execute();
    expect(enriched).toHaveLength(LEADS);
    expect(new Set(enriched.map((e) => e.leadId)).size).toBe(LEADS);
  }, 180_000);
});
