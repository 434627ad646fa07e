import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { DatabaseHandle } from "../db/connect";
import { setDatabase } from "../db/instance";
import { asService } from "../db/transactions";
import { enqueueJob } from "../jobs/enqueueJob";
import { executeJob } from "../jobs/executeJob";
import { defineJob } from "../jobs/jobDefinition";
import { registerJob } from "../jobs/jobRegistry";
import { claimDueJobs } from "../jobs/outboxStore";
import { api } from "../testing/apiClient";
import { useTestEnv } from "../testing/env";
import { signUp, type SignedUp } from "../testing/fixtures";
import { testBackends } from "../testing/testDatabase";

const silent = pino({ level: "silent" });
let failuresLeft = 0;
/** A job that fails while failuresLeft > 0 (one attempt, so one failure dead-letters it). */
const flakyJob = defineJob({
  name: "test-flaky",
  queue: "enrichment",
  schema: z.object({ n: z.number() }),
  maxAttempts: 1,
  async handle({ n }) {
    if (failuresLeft-- > 0) throw new Error(`provider said no to ${n}`);
    return n;
  },
});
registerJob(flakyJob);

describe.each(testBackends())("the jobs screen on $name", (backend) => {
  let handle: DatabaseHandle;
  let owner: SignedUp;
  let other: SignedUp;
  const asOwner = () => ({ token: owner.token, orgId: owner.orgId });
  /** Queues one job for the owner's org and runs it once (claimed like the runner does). */
  const queueAndRun = async (n: number) => {
    await asService(handle.db, (tx) => enqueueJob(tx, owner.orgId, flakyJob, { n }));
    const [row] = (await claimDueJobs(handle.db, 50, ["enrichment"])).filter((r) => r.name === "test-flaky");
    return { row, outcome: await executeJob(handle.db, silent, row) };
  };

  beforeAll(async () => {
    useTestEnv();
    handle = await backend.open();
    setDatabase(handle);
    owner = await signUp("Jobs Co");
    other = await signUp("Other Co");
  });
  afterAll(() => handle.close());

  it("shows counts per queue and state, and a job that used up its attempts as a dead letter with its error", async () => {
    failuresLeft = 1;
    const { row, outcome } = await queueAndRun(7);
    expect(outcome).toMatchObject({ status: "failed", error: "provider said no to 7" });
    const res = await api("GET", "/api/jobs", asOwner());
    expect(res.status).toBe(200);
    expect(res.body.retentionDays).toBe(7); // JOB_RETENTION_DAYS' default
    expect(res.body.queues).toContainEqual({ queue: "enrichment", counts: expect.objectContaining({ failed: 1 }) });
    expect(res.body.deadLetters).toEqual([expect.objectContaining({ id: row.id, name: "test-flaky", attempts: 1, lastError: "provider said no to 7", payload: { n: 7 } })]);
    // Nobody else sees it: another org's owner gets their own (empty) screen, an agent… none here, so another org.
    expect((await api("GET", "/api/jobs", { token: other.token, orgId: other.orgId })).body.deadLetters).toEqual([]);
  });

  it("retries a dead letter as a new job that then runs, and the old one names its successor", async () => {
    const dead = (await api("GET", "/api/jobs", asOwner())).body.deadLetters[0];
    expect((await api("POST", `/api/jobs/${dead.id}/retry`, { token: other.token, orgId: other.orgId })).status).toBe(404);
    const retried = await api("POST", `/api/jobs/${dead.id}/retry`, asOwner());
    expect(retried.status).toBe(201);
    const [fresh] = (await claimDueJobs(handle.db, 50, ["enrichment"])).filter((r) => r.name === "test-flaky");
    expect(fresh).toMatchObject({ id: retried.body.id, payload: { n: 7 } });
    expect(await executeJob(handle.db, silent, fresh)).toMatchObject({ status: "done", result: 7 });
    const old = await handle.db.selectFrom("jobOutbox").select(["status", "lastError"]).where("id", "=", dead.id).executeTakeFirstOrThrow();
    expect(old).toEqual({ status: "retried", lastError: `provider said no to 7 — retried as ${retried.body.id}` });
    expect((await api("POST", `/api/jobs/${dead.id}/retry`, asOwner())).status).toBe(404); // only once
  });

  it("discards a dead letter for good", async () => {
    failuresLeft = 1;
    const { row } = await queueAndRun(8);
    expect((await api("POST", `/api/jobs/${row.id}/discard`, asOwner())).status).toBe(204);
    const body = (await api("GET", "/api/jobs", asOwner())).body;
    expect(body.deadLetters.map((d: { id: string }) => d.id)).not.toContain(row.id);
    expect(body.queues.find((q: { queue: string }) => q.queue === "enrichment").counts).toMatchObject({ discarded: 1, retried: 1 });
    expect((await api("POST", `/api/jobs/${row.id}/discard`, asOwner())).status).toBe(404);
  });

  it("answers at /api/jobs/stats too (the name in the API contract)", async () => {
    const stats = await api("GET", "/api/jobs/stats", asOwner());
    expect(stats.status).toBe(200);
    expect(stats.body.queues.find((q: { queue: string }) => q.queue === "enrichment")).toBeTruthy();
  });

  it("is for owners and admins only", async () => {
    const agent = await signUp("Agent's own");
    expect((await api("POST", "/api/org/members", { ...asOwner(), body: { email: agent.email, role: "agent" } })).status).toBe(201);
    expect((await api("GET", "/api/jobs", { token: agent.token, orgId: owner.orgId })).status).toBe(403);
  });
});
