import { spawn } from "node:child_process";
import path from "node:path";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../db/connect";
import { asService } from "../db/transactions";
import { crashTestJob } from "../testing/crashTestJob";
import { testBackends } from "../testing/testDatabase";
import { enqueueJob } from "./enqueueJob";
import { executeJob } from "./executeJob";
import { claimDueJobs } from "./outboxStore";

const silent = pino({ level: "silent" });
// A second process needs a server both can reach: the machine's PostgreSQL (as in CI), not the in-process PGlite.
const postgres = testBackends().filter((b) => b.name === "postgres");

describe.skipIf(postgres.length === 0)("a worker killed mid-job (SIGKILL) loses nothing and does nothing twice", () => {
  let handle: DatabaseHandle & { url?: string };
  let orgId: string;
  let leadId: string;

  beforeAll(async () => {
    handle = await postgres[0].open();
    ({ orgId, leadId } = await asService(handle.db, async (tx) => {
      const org = await tx.insertInto("orgs").values({ name: "Crash Co" }).returning("id").executeTakeFirstOrThrow();
      const lead = await tx.insertInto("leads").values({ orgId: org.id, firstName: "Kill" }).returning("id").executeTakeFirstOrThrow();
      await tx.deleteFrom("jobOutbox").execute(); // the lead's own enrichment job is not what this test is about
      return { orgId: org.id, leadId: lead.id };
    }));
  });
  afterAll(() => handle.close());

  it("the job a killed worker held is taken again after its lease and runs to completion exactly once", async () => {
    const jobId = await asService(handle.db, (tx) => enqueueJob(tx, orgId, crashTestJob, { leadId }));

    // A worker process takes the job and is killed while running it.
    const tsx = path.join(process.cwd(), "node_modules/.bin/tsx");
    const child = spawn(tsx, ["netlify/server/testing/crashingWorker.ts"], {
      env: { ...process.env, DATABASE_URL: handle.url!, CRASH_TEST_SLOW_MS: "60000" },
      detached: true,
      stdio: ["ignore", "pipe", "inherit"],
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("claimed 1") && resolve());
      child.once("exit", (code) => reject(new Error(`the worker exited early (${code})`)));
    });
    const exited = new Promise((r) => child.once("exit", r));
    process.kill(-child.pid!, "SIGKILL");
    await exited;

    const taken = await handle.db.selectFrom("jobOutbox").select(["status", "attempts"]).where("id", "=", jobId).executeTakeFirstOrThrow();
    expect(taken).toEqual({ status: "relayed", attempts: 1 });
    const effects = () => handle.db.selectFrom("activities").select("id").where("type", "=", "test.effect").execute();
    expect(await effects()).toHaveLength(0);

    // Within its lease nobody takes it again (the worker might just be slow)…
    expect(await claimDueJobs(handle.db, 10)).toEqual([]);
    // …after it, the next runner does, and the job finishes once.
    await handle.db.updateTable("jobOutbox").set({ relayedAt: new Date(Date.now() - 11 * 60_000) }).where("id", "=", jobId).execute();
    const [again] = await claimDueJobs(handle.db, 10);
    expect(again).toMatchObject({ id: jobId, attempts: 2 });
    expect(await executeJob(handle.db, silent, again)).toMatchObject({ status: "done" });
    expect(await executeJob(handle.db, silent, again)).toMatchObject({ status: "done" }); // a duplicate delivery of the same job
    expect(await effects()).toHaveLength(1);
    expect((await handle.db.selectFrom("jobOutbox").select("status").where("id", "=", jobId).executeTakeFirstOrThrow()).status).toBe("done");
  });
});
