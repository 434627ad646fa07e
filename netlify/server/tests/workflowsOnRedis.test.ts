import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WorkflowGraph } from "../../../src/domain/workflows";
import { resetConfig } from "../config";
import type { DatabaseHandle } from "../db/connect";
import { setDatabase } from "../db/instance";
import { asService } from "../db/transactions";
import { startBullmqRuntime } from "../jobs/bullmqRuntime";
import "../jobs/allJobs";
import { signPayload } from "../services/webhooks/signature";
import { api } from "../testing/apiClient";
import { useTestEnv } from "../testing/env";
import { startFakeTwilio, type FakeTwilio } from "../testing/fakeTwilio";
import { signUp, uniqueEmail, type SignedUp } from "../testing/fixtures";
import { testBackends } from "../testing/testDatabase";

// Issue 6 against the real parts: the worker is the BullMQ runtime on the machine's Redis, SMS go to a fake
// Twilio that records every message it is handed, and a worker process is SIGKILLed mid-run.

const silent = pino({ level: "silent" });
const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const redis = () => {
  const url = new URL(redisUrl);
  return { host: url.hostname, port: Number(url.port || 6379), maxRetriesPerRequest: null };
};
const chicagoHour = () => Number(new Intl.DateTimeFormat("en-US", { timeZone: "America/Chicago", hour: "numeric", hourCycle: "h23" }).format(new Date()));
const hh = (h: number) => `${String(((h % 24) + 24) % 24).padStart(2, "0")}:00`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

describe.each(testBackends())("workflows through Redis on $name", (backend) => {
  let handle: DatabaseHandle & { url?: string };
  let owner: SignedUp;
  let twilio: FakeTwilio;
  const asOwner = () => ({ token: owner.token, orgId: owner.orgId });
  const ENV = { TWILIO_FROM: "+15125550000", PUBLIC_BASE_URL: "https://hk.example.test" };

  beforeAll(async () => {
    useTestEnv();
    twilio = await startFakeTwilio();
    Object.assign(process.env, ENV, { TWILIO_ACCOUNT_SID: twilio.accountSid, TWILIO_AUTH_TOKEN: twilio.authToken, TWILIO_BASE_URL: twilio.url, MESSAGING_SEND_FROM: hh(chicagoHour() - 3), MESSAGING_SEND_UNTIL: hh(chicagoHour() + 3) });
    resetConfig();
    handle = await backend.open();
    setDatabase(handle);
    owner = await signUp("Redis Workflows Co");
  });
  afterAll(async () => {
    for (const k of [...Object.keys(ENV), "TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_BASE_URL", "MESSAGING_SEND_FROM", "MESSAGING_SEND_UNTIL"]) delete process.env[k];
    resetConfig();
    await handle.close();
    await twilio.close();
  });

  it("a webhook lead gets the starter's text through Twilio and its task; the drip waits, runs, and stops on a reply", async () => {
    const runtime = startBullmqRuntime(handle.db, silent, { connection: redis(), prefix: `hk-wf-${randomBytes(4).toString("hex")}`, queues: ["workflow", "messaging", "enrichment"], relayIntervalMs: 20 });
    try {
      const instant = await api("POST", "/api/workflows/templates/new-lead-instant-text/instantiate", { ...asOwner(), body: { publish: true } });
      const drip = await api("POST", "/api/workflows/templates/no-answer-drip/instantiate", { ...asOwner(), body: { publish: true } });
      const source = await api("POST", "/api/lead-sources", { ...asOwner(), body: { name: "Zap", type: "generic" } });
      const raw = JSON.stringify({ first_name: "Remy", email: uniqueEmail("remy"), phone: "(512) 555-0161", address: "4 Elm St, Austin, TX 78704" });
      const delivered = await api("POST", `/api/webhooks/leads/${source.body.id}`, { rawBody: raw, headers: { "content-type": "application/json", "x-hidden-key-signature": signPayload(source.body.secret, raw) } });
      expect(delivered.status).toBe(202);
      const leadId = delivered.body.leadId as string;

      const run = await until("the instant-text run to complete", async () =>
        handle.db.selectFrom("workflowExecutions").select(["id", "status"]).where("workflowId", "=", instant.body.id).where("status", "=", "completed").executeTakeFirst(),
      );
      const sent = await until("Twilio to get the text", async () => twilio.sent.find((s) => s.body.includes("Hi Remy")));
      expect(sent.to).toBe("+15125550161");
      const message = await until("the message to be marked sent", async () => handle.db.selectFrom("messages").select(["status", "idempotencyKey"]).where("idempotencyKey", "=", `wf:${run.id}:text`).where("status", "=", "sent").executeTakeFirst());
      expect(message.status).toBe("sent");
      expect(await handle.db.selectFrom("tasks").select("title").where("leadId", "=", leadId).execute()).toEqual([{ title: "Call the new lead back" }]);

      // The drip is waiting a day; the day passes (its delayed step becomes due) and the first touch goes out.
      const waiting = await until("the drip to wait", async () => handle.db.selectFrom("workflowExecutions").selectAll().where("workflowId", "=", drip.body.id).where("status", "=", "waiting").executeTakeFirst());
      expect(waiting.currentStepId).toBe("touch1");
      await handle.db.updateTable("jobOutbox").set({ availableAt: new Date() }).where("status", "=", "pending").where("name", "=", "workflow-step").execute();
      await until("the first drip text", async () => twilio.sent.find((s) => s.body.includes("Still thinking about selling")));
      await until("the drip to wait again", async () => handle.db.selectFrom("workflowExecutions").select("id").where("id", "=", waiting.id).where("currentStepId", "=", "touch2").where("status", "=", "waiting").executeTakeFirst());

      // Remy replies (Twilio's inbound webhook lands it on the timeline): the drip stops; nothing more is sent.
      await asService(handle.db, (tx) => tx.insertInto("activities").values({ orgId: owner.orgId, leadId, type: "message.received", body: "Not now", data: {} }).execute());
      expect((await handle.db.selectFrom("workflowExecutions").select(["status", "error"]).where("id", "=", waiting.id).executeTakeFirstOrThrow())).toEqual({ status: "stopped", error: "stopped: the lead replied" });
      const before = twilio.sent.length;
      await handle.db.updateTable("jobOutbox").set({ availableAt: new Date() }).where("status", "=", "pending").execute();
      await sleep(500);
      expect(twilio.sent.length).toBe(before);
    } finally {
      await runtime.close();
    }
  }, 60_000);

  // A second process needs a server both reach: on PostgreSQL only (PGlite lives inside this process).
  if (backend.name !== "postgres") return;
  it("a worker SIGKILLed between and during steps: every run finishes, no text is handed to Twilio twice", async () => {
    const graph: WorkflowGraph = {
      nodes: [
        { id: "trigger", type: "trigger", position: { x: 0, y: 0 }, config: { event: "manual" } },
        { id: "first", type: "send_sms", position: { x: 0, y: 100 }, config: { body: "First {{lead.firstName}}" } },
        { id: "pause", type: "wait", position: { x: 0, y: 200 }, config: { mode: "duration", amount: 1, unit: "minutes" } },
        { id: "second", type: "send_sms", position: { x: 0, y: 300 }, config: { body: "Second {{lead.firstName}}" } },
        { id: "task", type: "create_task", position: { x: 0, y: 400 }, config: { title: "Follow up", dueInHours: 24 } },
      ],
      edges: [
        { id: "a", source: "trigger", target: "first" },
        { id: "b", source: "first", target: "pause" },
        { id: "c", source: "pause", target: "second" },
        { id: "d", source: "second", target: "task" },
      ],
    };
    await handle.db.updateTable("workflows").set({ enabled: false }).where("orgId", "=", owner.orgId).execute(); // only this one runs
    const wf = await api("POST", "/api/workflows", { ...asOwner(), body: { name: "Crash drill", graph } });
    await api("POST", `/api/workflows/${wf.body.id}/publish`, asOwner());
    const leadIds: string[] = [];
    for (let i = 0; i < 20; i++) {
      const lead = await api("POST", "/api/leads", { ...asOwner(), body: { firstName: `Crash${i}`, phone: `+1512842${String(6000 + i)}`, address: { state: "TX", zip: "78704" } } });
      leadIds.push(lead.body.id);
    }
    const sentBefore = twilio.sent.length;
    expect((await api("POST", `/api/workflows/${wf.body.id}/run`, { ...asOwner(), body: { leadIds } })).status).toBe(202);

    const tsx = path.join(process.cwd(), "node_modules/.bin/tsx");
    const startChild = () => {
      const child: ChildProcess = spawn(tsx, ["netlify/server/testing/workflowWorker.ts"], {
        env: { ...process.env, DATABASE_URL: handle.url!, REDIS_URL: redisUrl, WORKER_PREFIX: `hk-crash-${randomBytes(4).toString("hex")}` },
        detached: true,
        stdio: ["ignore", "pipe", "inherit"],
      });
      const ready = new Promise<void>((resolve, reject) => {
        child.stdout!.on("data", (c: Buffer) => c.toString().includes("ready") && resolve());
        child.once("exit", (code) => reject(new Error(`worker exited early (${code})`)));
      });
      const kill = async () => {
        const exited = new Promise((r) => child.once("exit", r));
        process.kill(-child.pid!, "SIGKILL");
        await exited;
      };
      return { ready, kill };
    };
    // Whatever a dead worker held comes back after its lease (forced here) to the next worker, on a fresh prefix.
    const expireLeases = () => handle.db.updateTable("jobOutbox").set({ relayedAt: new Date(Date.now() - 11 * 60_000) }).where("status", "=", "relayed").execute();
    const runs = () => handle.db.selectFrom("workflowExecutions").select(["status", "currentStepId"]).where("workflowId", "=", wf.body.id).execute();

    // 1. Killed between steps: once every run has sent its first text and is waiting.
    let worker = startChild();
    await worker.ready;
    // (the run waits once its text step has queued the message; the send job is a job of its own, so wait for both)
    await until("all runs to wait with their first text sent", async () => {
      const waiting = (await runs()).filter((r) => r.status === "waiting").length === 20;
      const sent = await handle.db.selectFrom("messages").select("id").where("leadId", "in", leadIds).where("status", "=", "sent").execute();
      return waiting && sent.length === 20;
    }, 60_000);
    await worker.kill();
    expect(twilio.sent.length - sentBefore).toBe(20);

    // 2. Killed during steps, three times, at random moments while the second texts go out.
    await handle.db.updateTable("jobOutbox").set({ availableAt: new Date() }).where("status", "=", "pending").execute();
    for (let round = 0; round < 3; round++) {
      await expireLeases();
      worker = startChild();
      await worker.ready;
      await sleep(30 + Math.floor(Math.random() * 250));
      await worker.kill();
    }

    // 3. A last worker finishes everything.
    await expireLeases();
    const finisher = startBullmqRuntime(handle.db, silent, { connection: redis(), prefix: `hk-crash-end-${randomBytes(4).toString("hex")}`, queues: ["workflow", "messaging"], relayIntervalMs: 20 });
    try {
      // A run ends when its last step is done; the send job of its second text is a job of its own, so also wait for
      // every message to leave "queued" (sent, or failed as "outcome unknown").
      await until("every run to end and every text to be sent", async () => {
        const ended = (await runs()).every((r) => r.status === "completed" || r.status === "failed");
        const queued = await handle.db.selectFrom("messages").select("id").where("leadId", "in", leadIds).where("status", "=", "queued").execute();
        return ended && queued.length === 0;
      }, 60_000);
    } finally {
      await finisher.close();
    }

    const messages = await handle.db.selectFrom("messages").select(["id", "leadId", "status", "idempotencyKey", "bodyText"]).where("leadId", "in", leadIds).execute();
    // One message per step per lead (the step's idempotency key), and Twilio handed each text at most once.
    expect(messages).toHaveLength(40);
    const handed = twilio.sent.slice(sentBefore);
    for (const m of messages) {
      const times = handed.filter((s) => s.body === m.bodyText).length;
      expect(times).toBeLessThanOrEqual(1);
      if (m.status === "sent") expect(times).toBe(1);
      // A text whose send was cut off between marking and the provider's answer is "outcome unknown" (failed), never re-sent.
      else expect(m.status).toBe("failed");
    }
    expect(handed.every((s) => messages.some((m) => m.bodyText === s.body))).toBe(true);
    const tasks = await handle.db.selectFrom("tasks").select("leadId").where("leadId", "in", leadIds).where("title", "=", "Follow up").execute();
    expect(tasks).toHaveLength(20);
    const steps = await handle.db.selectFrom("workflowStepRuns as r").innerJoin("workflowExecutions as e", "e.id", "r.executionId").select(["r.stepId", "r.status"]).where("e.workflowId", "=", wf.body.id).execute();
    expect(steps.filter((s) => s.stepId === "second" && s.status === "done")).toHaveLength(20);
  }, 120_000);
});
