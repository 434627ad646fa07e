import { randomBytes } from "node:crypto";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { DatabaseHandle } from "../db/connect";
import { asService } from "../db/transactions";
import { testBackends } from "../testing/testDatabase";
import { startBullmqRuntime } from "./bullmqRuntime";
import { enqueueJob } from "./enqueueJob";
import { drainOutbox } from "./inlineRunner";
import { backoffMs, defineJob } from "./jobDefinition";
import { registerJob } from "./jobRegistry";

const silent = pino({ level: "silent" });
const effects: string[] = [];
let failuresLeft = 0;

const recordJob = defineJob({
  name: "test.record",
  queue: "enrichment",
  schema: z.object({ value: z.string() }),
  async handle(payload, ctx) {
    if (failuresLeft > 0) {
      failuresLeft--;
      throw new Error("provider answered 500");
    }
    effects.push(`${payload.value}:${ctx.jobId}`);
    return { ok: true };
  },
});
const alwaysFails = defineJob({ name: "test.fail", queue: "enrichment", schema: z.object({}), maxAttempts: 2, handle: async () => { throw new Error("429 Too Many Requests"); } });
registerJob(recordJob, alwaysFails);

const redis = () => {
  const url = new URL(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
  return { host: url.hostname, port: Number(url.port || 6379), maxRetriesPerRequest: null };
};

async function until(check: () => Promise<boolean>, ms = 15_000) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("timed out");
}

describe.each(testBackends())("background jobs on $name", (backend) => {
  let handle: DatabaseHandle;
  let orgId: string;
  const status = async (id: string) => (await handle.db.selectFrom("jobOutbox").select(["status", "attempts", "lastError"]).where("id", "=", id).executeTakeFirstOrThrow());

  beforeAll(async () => {
    handle = await backend.open();
    orgId = (await asService(handle.db, (tx) => tx.insertInto("orgs").values({ name: "Jobs Co" }).returning("id").executeTakeFirstOrThrow())).id;
  });
  afterAll(() => handle.close());

  it("a job exists only if its transaction commits", async () => {
    const rolledBack = await handle.db.transaction().execute(async (tx) => {
      const id = await enqueueJob(tx, orgId, recordJob, { value: "never" });
      throw Object.assign(new Error("rollback"), { id });
    }).catch((e: { id: string }) => e.id);
    expect(await handle.db.selectFrom("jobOutbox").select("id").where("id", "=", rolledBack).executeTakeFirst()).toBeUndefined();
  });

  it("refuses a payload its schema rejects, at enqueue time", async () => {
    await expect(asService(handle.db, (tx) => enqueueJob(tx, orgId, recordJob, { value: 42 } as never))).rejects.toThrow();
  });

  it("in-process: runs due jobs once, retries with backoff, then dead-letters with the reason", async () => {
    effects.length = 0;
    failuresLeft = 1;
    const id = await asService(handle.db, (tx) => enqueueJob(tx, orgId, recordJob, { value: "inline" }));
    const failing = await asService(handle.db, (tx) => enqueueJob(tx, orgId, alwaysFails, {}));
    await drainOutbox(handle.db, silent);
    expect((await status(id)).status).toBe("pending"); // failed once, waiting for its backoff
    await handle.db.updateTable("jobOutbox").set({ availableAt: new Date(0) }).execute();
    await drainOutbox(handle.db, silent);
    expect(await status(id)).toMatchObject({ status: "done", attempts: 2 });
    expect(effects).toEqual([`inline:${id}`]);
    await handle.db.updateTable("jobOutbox").set({ availableAt: new Date(0) }).where("id", "=", failing).execute();
    await drainOutbox(handle.db, silent);
    expect(await status(failing)).toMatchObject({ status: "failed", attempts: 2, lastError: "429 Too Many Requests" });
    await drainOutbox(handle.db, silent);
    expect(effects).toHaveLength(1); // nothing runs twice
  });

  it("through BullMQ on the machine's Redis: relayed with the outbox id as job id, run once, dead-lettered when exhausted", async () => {
    effects.length = 0;
    failuresLeft = 0;
    const prefix = `hk-test-${randomBytes(4).toString("hex")}`;
    const ids = await asService(handle.db, async (tx) => [
      await enqueueJob(tx, orgId, recordJob, { value: "a" }),
      await enqueueJob(tx, orgId, recordJob, { value: "b" }),
      await enqueueJob(tx, orgId, alwaysFails, {}),
    ]);
    const runtime = startBullmqRuntime(handle.db, silent, { connection: redis(), prefix, queues: ["enrichment"], relayIntervalMs: 20 });
    const completedIds: string[] = [];
    for (const w of runtime.workers) w.on("completed", (job) => completedIds.push(job.id!));
    try {
      await until(async () => (await status(ids[0])).status === "done" && (await status(ids[1])).status === "done");
      expect(effects.sort()).toEqual([`a:${ids[0]}`, `b:${ids[1]}`]);
      await until(async () => (await status(ids[2])).status === "failed", 20_000);
      expect((await status(ids[2])).lastError).toBe("429 Too Many Requests");
      // BullMQ ran them under their outbox ids (completed jobs are not kept in Redis: the outbox is the record).
      await until(async () => completedIds.includes(ids[0]) && completedIds.includes(ids[1]));
      expect(await runtime.queues.get("enrichment")!.getJob(ids[0])).toBeUndefined();
    } finally {
      await runtime.queues.get("enrichment")!.obliterate({ force: true }).catch(() => {});
      await runtime.close();
    }
  }, 40_000);

  it("while Redis is unreachable, jobs wait in the outbox", async () => {
    const id = await asService(handle.db, (tx) => enqueueJob(tx, orgId, recordJob, { value: "waits" }));
    const runtime = startBullmqRuntime(handle.db, silent, {
      connection: { host: "127.0.0.1", port: 1, maxRetriesPerRequest: 1, enableOfflineQueue: false, retryStrategy: () => null },
      queues: ["enrichment"],
      relayIntervalMs: 20,
    });
    await new Promise((r) => setTimeout(r, 500));
    await runtime.close().catch(() => {});
    expect(await status(id)).toMatchObject({ status: "pending", attempts: 0 });
  });
});

describe("backoffMs", () => {
  it("grows exponentially with jitter in the upper half, capped at ten minutes", () => {
    expect(backoffMs(1, () => 0)).toBe(1000);
    expect(backoffMs(1, () => 1)).toBe(2000);
    expect(backoffMs(3, () => 0.5)).toBe(6000);
    expect(backoffMs(30, () => 1)).toBe(600_000);
  });
});
