import { randomBytes } from "node:crypto";
import { Queue, QueueEvents } from "bullmq";
import { sql } from "kysely";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../db/connect";
import { asService } from "../db/transactions";
import { testBackends } from "../testing/testDatabase";
import { sealAuditLog } from "./auditSealer";
import { AUDIT_SEAL_JOB, AUDIT_VERIFY_JOB, MAINTENANCE_QUEUE, runAuditVerification, startMaintenanceWorker } from "./maintenanceQueue";

const silent = pino({ level: "silent" });

describe("nightly audit verification", () => {
  let handle: DatabaseHandle;
  let goodOrg: string;
  let badOrg: string;
  beforeAll(async () => {
    handle = await testBackends()[0].open();
    [goodOrg, badOrg] = await asService(handle.db, async (tx) => {
      const rows = await tx.insertInto("orgs").values([{ name: "Good" }, { name: "Bad" }]).returning("id").execute();
      await tx.updateTable("orgs").set({ name: "Bad, renamed" }).where("id", "=", rows[1].id).execute();
      return rows.map((r) => r.id);
    });
    await sealAuditLog(handle.db); // the chain covers what was sealed; tampering after that shows
    await handle.db.transaction().execute(async (tx) => {
      await sql`alter table public.audit_log disable trigger audit_log_no_update_or_delete`.execute(tx);
      await sql`update public.audit_log set actor_id = gen_random_uuid() where org_id = ${badOrg}`.execute(tx);
      await sql`alter table public.audit_log enable trigger audit_log_no_update_or_delete`.execute(tx);
    });
  });
  afterAll(() => handle.close());

  it("names exactly the orgs whose chain is broken", async () => {
    const result = await runAuditVerification(handle.db, silent);
    expect(result.broken).toEqual([badOrg]);
    expect(result.broken).not.toContain(goodOrg);
  });

  it("runs as a BullMQ job on the machine's Redis, with the nightly scheduler registered", async () => {
    const prefix = `hk-test-${randomBytes(4).toString("hex")}`;
    const connection = { host: "127.0.0.1", port: 6379, maxRetriesPerRequest: null };
    const url = process.env.REDIS_URL ? new URL(process.env.REDIS_URL) : undefined;
    if (url) Object.assign(connection, { host: url.hostname, port: Number(url.port || 6379) });
    // A dedicated prefix keeps this test's keys apart from anything else on the server.
    const opts = { connection, prefix };
    const maintenance = await startMaintenanceWorker(connection, handle.db, silent, prefix);
    const queue = new Queue(MAINTENANCE_QUEUE, opts);
    const events = new QueueEvents(MAINTENANCE_QUEUE, opts);
    try {
      await events.waitUntilReady();
      const schedulers = await queue.getJobSchedulers();
      expect(schedulers.map((s) => s.key)).toEqual(expect.arrayContaining(["audit-verify-nightly", "audit-seal"]));
      // The sealer links what was written since into the chains (this job, or the scheduler's run before it).
      const fresh = await asService(handle.db, (tx) => tx.insertInto("orgs").values({ name: "Fresh" }).returning("id").executeTakeFirstOrThrow());
      const sealJob = await queue.add(AUDIT_SEAL_JOB, {});
      expect((await sealJob.waitUntilFinished(events, 15_000)).sealed).toBeGreaterThanOrEqual(0);
      const entry = await handle.db.selectFrom("auditLog").select(["seq", "hash"]).where("orgId", "=", fresh.id).executeTakeFirstOrThrow();
      expect(entry.seq).not.toBeNull();
      expect(entry.hash).toMatch(/^[0-9a-f]{64}$/);
      const job = await queue.add(AUDIT_VERIFY_JOB, {});
      const result = await job.waitUntilFinished(events, 15_000);
      expect(result.broken).toEqual([badOrg]);
    } finally {
      await events.close();
      await queue.obliterate({ force: true });
      await queue.close();
      await maintenance.close();
    }
  });

});
