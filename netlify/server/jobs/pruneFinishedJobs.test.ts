import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../db/connect";
import { asService } from "../db/transactions";
import { testBackends } from "../testing/testDatabase";
import { runAuditVerification } from "./maintenanceQueue";
import { pruneFinishedJobs } from "./pruneFinishedJobs";

type Status = "pending" | "relayed" | "done" | "failed" | "retried" | "discarded";

describe.each(testBackends())("pruning finished jobs on $name", (backend) => {
  let handle: DatabaseHandle;
  let orgId: string;
  const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);
  const add = (name: string, status: Status, changedDaysAgo: number) =>
    handle.db.insertInto("jobOutbox").values({ orgId, queue: "enrichment", name, payload: {}, status, createdAt: daysAgo(changedDaysAgo + 1), updatedAt: daysAgo(changedDaysAgo) }).execute();
  const names = async () => (await handle.db.selectFrom("jobOutbox").select("name").where("orgId", "=", orgId).orderBy("name").execute()).map((r) => r.name);

  beforeAll(async () => {
    handle = await backend.open();
    orgId = (await asService(handle.db, (tx) => tx.insertInto("orgs").values({ name: "Prune Co" }).returning("id").executeTakeFirstOrThrow())).id;
  });
  afterAll(() => handle.close());

  it("deletes done, retried and discarded jobs past the retention, and nothing that waits, runs or failed", async () => {
    await add("done-old", "done", 8);
    await add("retried-old", "retried", 30);
    await add("discarded-old", "discarded", 9);
    await add("done-recent", "done", 6);
    await add("failed-old", "failed", 40);
    await add("pending-old", "pending", 40);
    await add("relayed-old", "relayed", 40);
    expect(await pruneFinishedJobs(handle.db, 7)).toBe(3);
    expect(await names()).toEqual(["done-recent", "failed-old", "pending-old", "relayed-old"]);
    expect(await pruneFinishedJobs(handle.db, 7)).toBe(0);
    expect(await pruneFinishedJobs(handle.db, 5)).toBe(1);
    expect(await names()).toEqual(["failed-old", "pending-old", "relayed-old"]);
  });

  it("runs with the nightly maintenance", async () => {
    await add("done-last-month", "done", 31);
    await add("done-yesterday", "done", 1);
    await runAuditVerification(handle.db, pino({ level: "silent" }), { jobRetentionDays: 30 });
    expect(await names()).toEqual(expect.arrayContaining(["done-yesterday"]));
    expect(await names()).not.toContain("done-last-month");
  });
});
