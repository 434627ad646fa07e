import { randomBytes, randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Queue, Worker } from "bullmq";
import { sql } from "kysely";
import pino from "pino";
import type { WorkflowGraph } from "../../src/domain/workflows";
import webhooksLeads from "../../netlify/functions/webhooks-leads";
import { resetConfig } from "../../netlify/server/config";
import { openPostgres, type DatabaseHandle } from "../../netlify/server/db/connect";
import { setDatabase } from "../../netlify/server/db/instance";
import { asService } from "../../netlify/server/db/transactions";
import { startBullmqRuntime } from "../../netlify/server/jobs/bullmqRuntime";
import "../../netlify/server/jobs/allJobs";
import { enqueueJob } from "../../netlify/server/jobs/enqueueJob";
import { log as appLog } from "../../netlify/server/log";
import { smsProvider } from "../../netlify/server/services/messaging/providers";
import { newSigningSecret } from "../../netlify/server/services/webhooks/leadSourcesService";
import { SIGNATURE_HEADER, signPayload } from "../../netlify/server/services/webhooks/signature";
import { workflowEventJob } from "../../netlify/server/services/workflows/workflowEventJob";
import { createWorkflow, instantiateTemplate, publishWorkflow } from "../../netlify/server/services/workflows/workflowsService";
import { scriptHandle } from "./benchDatabase";
import { FIRST } from "./fixtures";
import { summarize, type LatencySummary } from "./stats";

// npm run bench -- workflows: the workflow engine on the bench database, the machine's Redis and a fake Twilio.
//   speed to lead  a signed webhook delivery → the starter workflow "new-lead-instant-text" → its text handed to
//                  (a fake) Twilio, open loop at a steady rate, vs the same deliveries + a bare BullMQ job that texts
//   step throughput three-step workflows started by hand on M leads, vs bare BullMQ jobs (3 × M) at the same concurrency
// It needs no 100k fixture: it creates small orgs of its own.

export interface WorkflowsOptions {
  /** Speed to lead: measured deliveries per variant (split over the rounds), sent open loop at `ratePerSec`. */
  deliveries: number;
  ratePerSec: number;
  speedRounds: number;
  /** Un-measured deliveries per variant first. */
  speedWarmup: number;
  /** The runtime as `npm run worker` runs it: WORKER_CONCURRENCY default 10, relay poll default 200 ms, pool DATABASE_POOL_MAX default 5. */
  speedConcurrency: number;
  relayIntervalMs: number;
  runtimePoolMax: number;
  /** The function's pool (as the ingest benchmark). */
  functionPoolMax: number;
  /** Step throughput: leads per round (3 steps each), runtime concurrency, rounds (the first a warm-up). */
  stepLeads: number;
  stepConcurrency: number;
  stepRounds: number;
  leadsPerEvent: number;
  /** Runtime pools tried for step throughput: the first is the reported subject, the others diagnostics. */
  stepPools: number[];
}

export const DEFAULT_WORKFLOWS_OPTIONS: WorkflowsOptions = {
  deliveries: 300,
  ratePerSec: 20,
  speedRounds: 3,
  speedWarmup: 40,
  speedConcurrency: 10,
  relayIntervalMs: 200,
  runtimePoolMax: 5,
  functionPoolMax: 10,
  stepLeads: 1000,
  stepConcurrency: 50,
  stepRounds: 4,
  leadsPerEvent: 500,
  stepPools: [5, 20],
};

export interface SpeedVariant {
  /** POST → text at the fake Twilio. */
  latency: LatencySummary;
  /** POST → 202. */
  accept: LatencySummary;
  arrived: number;
  sent: number;
}

export interface Hop {
  hop: string;
  p50: number;
  p95: number;
}

export interface StepsRound {
  pool: number;
  subjectMs: number;
  /** Queueing → every execution exists (the workflow-event jobs committed). */
  startedMs: number;
  baselineMs: number;
  chainedMs: number;
}

export interface WorkflowsResult {
  options: WorkflowsOptions;
  speed: {
    subject: SpeedVariant;
    baseline: SpeedVariant;
    hops: Hop[];
    sendWindow: { from: string; until: string };
    target: number;
  };
  steps: {
    subject: { ms: number; stepsPerSec: number; executionsPerSec: number; startedMs: number };
    baseline: { ms: number; jobsPerSec: number };
    chained: { ms: number; jobsPerSec: number };
    diagnostics: { pool: number; ms: number; stepsPerSec: number; startedMs: number }[];
    rounds: StepsRound[];
    failed: number;
  };
  findings: string[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const median = (xs: number[]) => summarize(xs).p50;

const redisConnection = () => {
  const url = new URL(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
  return { host: url.hostname, port: Number(url.port || 6379), maxRetriesPerRequest: null };
};

// ——— a fake Twilio that notes when each text arrives ———

interface Arrival {
  wall: number;
  perf: number;
  body: string;
}

/** Twilio's Messages API as the twilio SDK calls it (form POST, Basic auth), answering 201; each arrival timed. */
async function startTimedTwilio(accountSid: string, authToken: string) {
  const arrivals = new Map<string, Arrival>();
  let rejected = 0;
  const expectedAuth = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString("base64")}`;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const perf = performance.now();
      const wall = Date.now();
      const answer = (status: number, body: unknown) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
      };
      const path = new URL(req.url ?? "/", "http://127.0.0.1").pathname;
      if (req.method !== "POST" || path !== `/2010-04-01/Accounts/${accountSid}/Messages.json` || req.headers.authorization !== expectedAuth) {
        rejected++;
        return answer(401, { code: 20003, message: "Authenticate", status: 401 });
      }
      const form = new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
      const to = form.get("To") ?? "";
      const from = form.get("From") ?? "";
      const body = form.get("Body") ?? "";
      if (!to || !from || !body) {
        rejected++;
        return answer(400, { code: 21604, message: "To, From and Body are required", status: 400 });
      }
      if (!arrivals.has(to)) arrivals.set(to, { wall, perf, body });
      const sid = `SM${randomBytes(16).toString("hex")}`;
      answer(201, { sid, account_sid: accountSid, to, from, body, status: "queued", num_segments: "1", direction: "outbound-api", date_created: new Date().toUTCString(), uri: `/2010-04-01/Accounts/${accountSid}/Messages/${sid}.json` });
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    arrivals,
    get rejected() {
      return rejected;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

// ——— orgs ———

interface BenchWfOrg {
  id: string;
  ownerId: string;
  sourceId: string;
  secret: string;
}

/** An org with an owner (auth.users → profile by trigger) and one enabled generic lead source, as the superuser. */
async function createOrg(admin: DatabaseHandle, name: string): Promise<BenchWfOrg> {
  const org = { id: randomUUID(), ownerId: randomUUID(), sourceId: randomUUID(), secret: newSigningSecret() };
  await admin.session(async (s) => {
    await s.query("insert into public.orgs (id, name) values ($1, $2)", [org.id, name]);
    await s.query(`insert into auth.users (id, email, raw_app_meta_data, raw_user_meta_data) values ($1, $2, $3::jsonb, $4::jsonb)`, [
      org.ownerId,
      `owner.${org.id.slice(0, 8)}@workflows.bench.test`,
      JSON.stringify({ provider: "email", providers: ["email"] }),
      JSON.stringify({ full_name: "Dana Owner" }),
    ]);
    await s.query("insert into public.org_members (org_id, user_id, role) values ($1, $2, 'owner')", [org.id, org.ownerId]);
    await s.query(
      `insert into public.webhook_sources (id, org_id, name, type, mapping, enabled, signing_secret, rate_limit_per_minute)
       values ($1, $2, 'Bench workflows', 'generic', '{}'::jsonb, true, $3, 100000)`,
      [org.sourceId, org.id, org.secret],
    );
  });
  return org;
}

// ——— deliveries ———

const AREAS = ["214", "469", "713", "512", "602", "404", "813", "407", "901", "704"];

/** Person i: a unique email and a valid, unique US phone (E.164) for i < 500,000 (as the ingest benchmark). */
function person(i: number) {
  const firstName = FIRST[i % FIRST.length];
  return {
    firstName,
    email: `${firstName.toLowerCase()}.${i}@speed.example.com`,
    phone: `+1${AREAS[Math.floor(i / 10_000) % AREAS.length]}${555 + Math.floor(i / 100_000)}${String(i % 10_000).padStart(4, "0")}`,
  };
}

const handler = webhooksLeads as (req: Request, context: { params: Record<string, string>; ip?: string }) => Promise<Response>;

interface Delivery {
  phone: string;
  firstName: string;
  wall0: number;
  perf0: number;
  acceptMs: number;
  leadId: string;
}

/** One signed delivery through the real function handler; the signature is the sender's work, done beforehand. */
function prepareDelivery(org: BenchWfOrg, i: number) {
  const p = person(i);
  const body = JSON.stringify({ id: `wf-${i}`, first_name: p.firstName, email: p.email, phone: p.phone });
  const signature = signPayload(org.secret, body);
  return async (): Promise<Delivery> => {
    const wall0 = Date.now();
    const perf0 = performance.now();
    const req = new Request(`http://hidden-key.test/api/webhooks/leads/${org.sourceId}`, {
      method: "POST",
      headers: { "content-type": "application/json", [SIGNATURE_HEADER]: signature, "user-agent": "hidden-key-bench/1" },
      body,
    });
    const res = await handler(req, { params: { sourceId: org.sourceId }, ip: "198.51.100.7" });
    const text = await res.text();
    const acceptMs = performance.now() - perf0;
    if (res.status !== 202) throw new Error(`delivery ${i} answered ${res.status}: ${text.slice(0, 300)}`);
    return { phone: p.phone, firstName: p.firstName, wall0, perf0, acceptMs, leadId: (JSON.parse(text) as { leadId: string }).leadId };
  };
}

/** Fires the calls open loop, call i at t0 + i / rate, whatever the earlier ones are doing. */
async function openLoop<T>(calls: (() => Promise<T>)[], ratePerSec: number): Promise<T[]> {
  const interval = 1000 / ratePerSec;
  const t0 = performance.now();
  const inflight: Promise<T>[] = [];
  for (let i = 0; i < calls.length; i++) {
    const wait = t0 + i * interval - performance.now();
    if (wait > 0) await sleep(wait);
    inflight.push(calls[i]());
  }
  return Promise.all(inflight);
}

/** A clean-up step that must not hang the benchmark: logs and moves on after `ms`. */
async function bounded(what: string, p: Promise<unknown>, ms = 15_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      console.error(`  (clean-up step "${what}" still pending after ${ms} ms; moving on)`);
      resolve();
    }, ms);
  });
  await Promise.race([p.catch((err: unknown) => console.error(`  (clean-up step "${what}" failed: ${(err as Error).message})`)), timeout]);
  clearTimeout(timer);
}

/** Empties a queue's keys through a Queue of its own (the runtime's are closed by then). */
async function obliterate(name: string, connection: ReturnType<typeof redisConnection>, prefix: string): Promise<void> {
  const q = new Queue(name, { connection, prefix });
  await q.obliterate({ force: true });
  await q.close();
}

async function until(what: string, probe: () => boolean | Promise<boolean>, timeoutMs: number, everyMs = 5): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (!(await probe())) {
    if (performance.now() > deadline) {
      console.error(`  (timed out after ${timeoutMs} ms waiting for ${what})`);
      return false;
    }
    await sleep(everyMs);
  }
  return true;
}

/** A send window 12 h wide on either side of now in Chicago (the zone of a lead with no address), so no text waits for quiet hours. */
function allDayWindow(): { from: string; until: string } {
  const hour = Number(new Intl.DateTimeFormat("en-US", { timeZone: "America/Chicago", hour: "numeric", hourCycle: "h23" }).format(new Date()));
  const opposite = String((hour + 12) % 24).padStart(2, "0");
  // from > until wraps midnight: every minute but opposite:00 is inside.
  return { from: `${opposite}:01`, until: `${opposite}:00` };
}

// ——— the benchmark ———

export async function runWorkflows(url: string, options: WorkflowsOptions = DEFAULT_WORKFLOWS_OPTIONS): Promise<WorkflowsResult> {
  const admin = scriptHandle(url);
  const fnHandle = openPostgres(url, { max: options.functionPoolMax });
  const silent = pino({ level: "silent" });
  const accountSid = `AC${randomBytes(16).toString("hex")}`;
  const authToken = randomBytes(16).toString("hex");
  const twilio = await startTimedTwilio(accountSid, authToken);
  const window = allDayWindow();
  const ENV: Record<string, string> = {
    TWILIO_ACCOUNT_SID: accountSid,
    TWILIO_AUTH_TOKEN: authToken,
    TWILIO_BASE_URL: twilio.url,
    TWILIO_FROM: "+15125550000",
    PUBLIC_BASE_URL: "https://hk.example.test",
    MESSAGING_SEND_FROM: window.from,
    MESSAGING_SEND_UNTIL: window.until,
  };
  const saved = Object.fromEntries(Object.keys(ENV).map((k) => [k, process.env[k]]));
  Object.assign(process.env, ENV);
  delete process.env.TWILIO_ORG_ID;
  resetConfig();
  const previousLogLevel = appLog.level;
  appLog.level = "warn";
  setDatabase(fnHandle);
  const connection = redisConnection();
  const prefix = `hkbenchwf${process.pid}${randomBytes(2).toString("hex")}`;
  try {
    const speed = await speedToLead(admin, fnHandle, url, twilio, connection, prefix, options, silent);
    const steps = await stepThroughput(admin, url, connection, prefix, options, silent);
    const result: WorkflowsResult = { options, speed: { ...speed, sendWindow: window, target: 1000 }, steps, findings: [] };
    result.findings = findings(result);
    if (twilio.rejected) result.findings.push(`The fake Twilio refused ${twilio.rejected} requests (auth or form) — check the settings.`);
    return result;
  } finally {
    appLog.level = previousLogLevel;
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    resetConfig();
    await twilio.close();
    await fnHandle.close();
    await admin.close();
  }
}

type Twilio = Awaited<ReturnType<typeof startTimedTwilio>>;

async function speedToLead(admin: DatabaseHandle, fnHandle: DatabaseHandle, url: string, twilio: Twilio, connection: ReturnType<typeof redisConnection>, prefix: string, o: WorkflowsOptions, log: pino.Logger) {
  const subjectOrg = await createOrg(admin, "Bench Workflows speed subject");
  const baselineOrg = await createOrg(admin, "Bench Workflows speed baseline");
  const workflowId = await asService(fnHandle.db, (tx) => instantiateTemplate(tx, subjectOrg.id, subjectOrg.ownerId, "new-lead-instant-text", { publish: true }));

  // Subject: the worker as `npm run worker` runs it (its own pool; the three queues this path uses).
  const runtimeHandle = openPostgres(url, { max: o.runtimePoolMax });
  const runtime = startBullmqRuntime(runtimeHandle.db, log, { connection, prefix: `${prefix}s`, queues: ["workflow", "messaging", "enrichment"], concurrency: o.speedConcurrency, relayIntervalMs: o.relayIntervalMs });
  // Baseline: after the 202, a bare BullMQ job whose worker hands the text to the same Twilio through the same SDK client.
  const sms = smsProvider();
  if (!sms) throw new Error("the Twilio settings did not take");
  const bareQueue = new Queue("bench-sms", { connection, prefix: `${prefix}b` });
  const bareWorker = new Worker(
    "bench-sms",
    async (job) => {
      const { to, body } = job.data as { to: string; body: string };
      await sms.send({ messageId: randomUUID(), to, from: sms.from!, body, statusCallback: `https://hk.example.test/api/webhooks/twilio/status?messageId=${job.id}` });
      return null;
    },
    { connection, prefix: `${prefix}b`, concurrency: o.speedConcurrency },
  );
  await Promise.all([...runtime.workers.map((w) => w.waitUntilReady()), bareWorker.waitUntilReady()]);

  const acc = {
    subject: { latencies: [] as number[], accepts: [] as number[], arrived: 0, sent: 0 },
    baseline: { latencies: [] as number[], accepts: [] as number[], arrived: 0, sent: 0 },
  };
  const subjectDeliveries: Delivery[] = [];
  let next = 0;
  let subjectRuns = 0;
  const block = async (variant: "subject" | "baseline", n: number, measured: boolean) => {
    const org = variant === "subject" ? subjectOrg : baselineOrg;
    const calls = Array.from({ length: n }, () => {
      const i = next++;
      const deliver = prepareDelivery(org, i);
      if (variant === "subject") return deliver;
      return async () => {
        const d = await deliver();
        await bareQueue.add("text", { to: d.phone, body: `Hi ${d.firstName}, this is Dana with Bench Workflows. Thanks for reaching out about your property — when is a good time to talk? Reply STOP to opt out.` }, { removeOnComplete: true, attempts: 5 });
        return d;
      };
    });
    const deliveries = await openLoop(calls, o.ratePerSec);
    const ok = await until(`${variant} texts`, () => deliveries.every((d) => twilio.arrivals.has(d.phone)), 60_000);
    if (variant === "subject") {
      // The rest of each run (its call-back task) finishes too before the next block.
      subjectRuns += deliveries.length;
      await until("subject runs to complete", async () => {
        const r = await fnHandle.db.selectFrom("workflowExecutions").select((eb) => eb.fn.countAll<string>().as("n")).where("orgId", "=", subjectOrg.id).where("workflowId", "=", workflowId).where("status", "=", "completed").executeTakeFirstOrThrow();
        return Number(r.n) >= subjectRuns;
      }, 60_000, 25);
    }
    if (!ok) console.error(`  ${deliveries.filter((d) => !twilio.arrivals.has(d.phone)).length} of ${deliveries.length} ${variant} texts never arrived`);
    if (!measured) return;
    const a = acc[variant];
    for (const d of deliveries) {
      a.sent++;
      a.accepts.push(d.acceptMs);
      const arrival = twilio.arrivals.get(d.phone);
      if (!arrival) continue;
      a.arrived++;
      a.latencies.push(arrival.perf - d.perf0);
    }
    if (variant === "subject") subjectDeliveries.push(...deliveries);
  };

  try {
    await block("subject", o.speedWarmup, false);
    await block("baseline", o.speedWarmup, false);
    for (let r = 0; r < o.speedRounds; r++) {
      const n = r === o.speedRounds - 1 ? o.deliveries - Math.ceil(o.deliveries / o.speedRounds) * (o.speedRounds - 1) : Math.ceil(o.deliveries / o.speedRounds);
      const order: ("subject" | "baseline")[] = r % 2 ? ["baseline", "subject"] : ["subject", "baseline"];
      for (const v of order) await block(v, n, true);
    }
  } finally {
    await bounded("speed: runtime.close()", runtime.close());
    await bounded("speed: bare worker close", bareWorker.close());
    for (const q of runtime.queues.values()) await bounded(`speed: obliterate ${q.name}`, obliterate(q.name, connection, `${prefix}s`));
    await bounded("speed: obliterate bench-sms", bareQueue.obliterate({ force: true }).then(() => bareQueue.close()));
    await bounded("speed: runtime pool end", runtimeHandle.close());
  }

  // Where a measured delivery's time went: the engine's own timestamps (same machine, same clock) per lead.
  const measured = subjectDeliveries;
  const rows = await sql<{ leadId: string; started: Date; assignStart: Date | null; textStart: Date | null; textEnd: Date | null; sendStarted: Date | null }>`
    select e.lead_id as "leadId", e.started_at as started,
           (select r.started_at from public.workflow_step_runs r where r.execution_id = e.id and r.step_id = 'assign') as "assignStart",
           (select r.started_at from public.workflow_step_runs r where r.execution_id = e.id and r.step_id = 'text') as "textStart",
           (select r.finished_at from public.workflow_step_runs r where r.execution_id = e.id and r.step_id = 'text') as "textEnd",
           (select m.send_started_at from public.messages m where m.idempotency_key = 'wf:' || e.id || ':text') as "sendStarted"
      from public.workflow_executions e
     where e.org_id = ${subjectOrg.id} and e.workflow_id = ${workflowId}`.execute(fnHandle.db);
  const byLead = new Map(rows.rows.map((r) => [r.leadId, r]));
  const hopSamples: Record<string, number[]> = {};
  const add = (hop: string, ms: number | null) => {
    if (ms === null || Number.isNaN(ms)) return;
    (hopSamples[hop] ??= []).push(ms);
  };
  const t = (d: Date | null) => (d ? new Date(d).getTime() : NaN);
  for (const d of measured) {
    const r = byLead.get(d.leadId);
    const arrival = twilio.arrivals.get(d.phone);
    if (!r || !arrival) continue;
    add("POST → 202 (webhook handler)", d.acceptMs);
    add("202 → run started (relay the lead.created event, event job)", t(r.started) - (d.wall0 + d.acceptMs));
    add("run started → 'assign' step starts (commit, relay, BullMQ)", t(r.assignStart) - t(r.started));
    add("'assign' starts → 'text' step starts (assign, relay, BullMQ)", t(r.textStart) - t(r.assignStart));
    add("'text' step: compose, compliance, queue the message", t(r.textEnd) - t(r.textStart));
    add("'text' done → send job claims it (commit, relay, BullMQ, checks)", t(r.sendStarted) - t(r.textEnd));
    add("send claimed → Twilio has it (twilio SDK POST)", arrival.wall - t(r.sendStarted));
  }
  const hops = Object.entries(hopSamples).map(([hop, xs]) => ({ hop, p50: summarize(xs).p50, p95: summarize(xs).p95 }));
  const variant = (a: typeof acc.subject): SpeedVariant => ({ latency: summarize(a.latencies), accept: summarize(a.accepts), arrived: a.arrived, sent: a.sent });
  return { subject: variant(acc.subject), baseline: variant(acc.baseline), hops };
}

/** Three steps that each write: a note, a tag (lead update + timeline), a note. */
const STEP_GRAPH: WorkflowGraph = {
  nodes: [
    { id: "trigger", type: "trigger", position: { x: 250, y: 0 }, config: { event: "manual" } },
    { id: "note1", type: "add_note", position: { x: 250, y: 130 }, config: { body: "Bench: first touch" } },
    { id: "tag", type: "update_field", position: { x: 250, y: 260 }, config: { field: "addTag", value: "bench-workflow" } },
    { id: "note2", type: "add_note", position: { x: 250, y: 390 }, config: { body: "Bench: tagged" } },
  ],
  edges: [
    { id: "a", source: "trigger", target: "note1" },
    { id: "b", source: "note1", target: "tag" },
    { id: "c", source: "tag", target: "note2" },
  ],
};

async function stepThroughput(admin: DatabaseHandle, url: string, connection: ReturnType<typeof redisConnection>, prefix: string, o: WorkflowsOptions, log: pino.Logger): Promise<WorkflowsResult["steps"]> {
  const org = await createOrg(admin, "Bench Workflows steps");
  const handle = openPostgres(url, { max: 10 });
  const rounds: StepsRound[] = [];
  const diagnostics: Record<number, { ms: number[]; started: number[] }> = {};
  let failed = 0;
  let leadNo = 0;
  try {
    for (let round = 0; round < o.stepRounds; round++) {
      const r: Partial<StepsRound> = {};
      for (const [pi, pool] of o.stepPools.entries()) {
        // Fresh leads and a fresh workflow each time (the per-lead hourly start cap never bites).
        const workflowId = await asService(handle.db, async (tx) => {
          const id = await createWorkflow(tx, org.id, org.ownerId, { name: `Bench steps r${round} p${pool}`, graph: STEP_GRAPH });
          await publishWorkflow(tx, org.id, id, org.ownerId);
          return id;
        });
        const leads = await asService(handle.db, (tx) =>
          tx
            .insertInto("leads")
            .values(Array.from({ length: o.stepLeads }, () => ({ orgId: org.id, firstName: FIRST[leadNo % FIRST.length], email: `step.${leadNo++}@steps.example.com`, source: "bench" })))
            .returning("id")
            .execute(),
        );
        const leadIds = leads.map((l) => l.id);

        const runtimeHandle = openPostgres(url, { max: pool });
        const runtime = startBullmqRuntime(runtimeHandle.db, log, { connection, prefix: `${prefix}r${round}p${pool}`, queues: ["workflow", "messaging", "enrichment"], concurrency: o.stepConcurrency, relayIntervalMs: o.relayIntervalMs });
        await Promise.all(runtime.workers.map((w) => w.waitUntilReady()));
        const counts = async () => {
          const row = await handle.db
            .selectFrom("workflowExecutions")
            .select([
              sql<number>`count(*)::int`.as("all"),
              sql<number>`(count(*) filter (where status = 'completed'))::int`.as("completed"),
              sql<number>`(count(*) filter (where status = 'failed'))::int`.as("failed"),
            ])
            .where("orgId", "=", org.id)
            .where("workflowId", "=", workflowId)
            .executeTakeFirstOrThrow();
          return row;
        };
        const started = performance.now();
        // As a manual run (or the workflow clock) queues it: one workflow-event job per 500 leads.
        await asService(handle.db, async (tx) => {
          for (let i = 0; i < leadIds.length; i += o.leadsPerEvent) {
            await enqueueJob(tx, org.id, workflowEventJob, { event: "manual", depth: 0, workflowId, leadIds: leadIds.slice(i, i + o.leadsPerEvent) }, { priority: 1 });
          }
        });
        let startedMs = NaN;
        await until(
          "every step run to finish",
          async () => {
            const c = await counts();
            if (Number.isNaN(startedMs) && c.all >= o.stepLeads) startedMs = performance.now() - started;
            if (c.failed) throw new Error(`${c.failed} workflow runs failed`);
            return c.completed >= o.stepLeads;
          },
          300_000,
          20,
        );
        const ms = performance.now() - started;
        failed += (await counts()).failed;
        await bounded(`steps r${round} p${pool}: runtime.close()`, runtime.close());
        for (const q of runtime.queues.values()) await bounded(`steps r${round} p${pool}: obliterate ${q.name}`, obliterate(q.name, connection, `${prefix}r${round}p${pool}`));
        await bounded(`steps r${round} p${pool}: runtime pool end`, runtimeHandle.close());
        if (pi === 0) {
          r.pool = pool;
          r.subjectMs = ms;
          r.startedMs = startedMs;
        } else if (round > 0) {
          (diagnostics[pool] ??= { ms: [], started: [] }).ms.push(ms);
          diagnostics[pool].started.push(startedMs);
        }
      }

      // Baseline: bare BullMQ, 3 × M jobs added by 50 producers, a Worker at the same concurrency, trivial handler.
      const jobs = 3 * o.stepLeads;
      const bp = `${prefix}r${round}b`;
      const queue = new Queue("bench-steps", { connection, prefix: bp });
      let completed = 0;
      const worker = new Worker("bench-steps", async () => null, { connection, prefix: bp, concurrency: o.stepConcurrency });
      worker.on("completed", () => completed++);
      await worker.waitUntilReady();
      let t0 = performance.now();
      let nextJob = 0;
      await Promise.all(Array.from({ length: o.stepConcurrency }, async () => {
        while (nextJob < jobs) await queue.add("step", { i: nextJob++ }, { removeOnComplete: true });
      }));
      await until("bare jobs", () => completed >= jobs, 120_000, 1);
      r.baselineMs = performance.now() - t0;
      await bounded("bare worker close", worker.close());
      await bounded("bare obliterate", queue.obliterate({ force: true }).then(() => queue.close()));

      // Diagnostic: bare BullMQ in chains of three, each job adding the next (the engine's shape without the database).
      const cp = `${prefix}r${round}c`;
      const cq = new Queue("bench-chain", { connection, prefix: cp });
      let chainDone = 0;
      const cw = new Worker(
        "bench-chain",
        async (job) => {
          const { lead, step } = job.data as { lead: number; step: number };
          if (step < 3) await cq.add("step", { lead, step: step + 1 }, { removeOnComplete: true });
          return null;
        },
        { connection, prefix: cp, concurrency: o.stepConcurrency },
      );
      cw.on("completed", () => chainDone++);
      await cw.waitUntilReady();
      t0 = performance.now();
      for (let i = 0; i < o.stepLeads; i += 500) {
        await cq.addBulk(Array.from({ length: Math.min(500, o.stepLeads - i) }, (_, k) => ({ name: "step", data: { lead: i + k, step: 1 }, opts: { removeOnComplete: true } })));
      }
      await until("chained jobs", () => chainDone >= jobs, 120_000, 1);
      r.chainedMs = performance.now() - t0;
      await bounded("chained worker close", cw.close());
      await bounded("chained obliterate", cq.obliterate({ force: true }).then(() => cq.close()));

      if (round > 0) rounds.push(r as StepsRound); // round 0 warms up
    }
  } finally {
    await handle.close();
  }
  const steps = 3 * o.stepLeads;
  const subjectMs = median(rounds.map((x) => x.subjectMs));
  const baselineMs = median(rounds.map((x) => x.baselineMs));
  const chainedMs = median(rounds.map((x) => x.chainedMs));
  return {
    subject: { ms: subjectMs, stepsPerSec: (steps / subjectMs) * 1000, executionsPerSec: (o.stepLeads / subjectMs) * 1000, startedMs: median(rounds.map((x) => x.startedMs)) },
    baseline: { ms: baselineMs, jobsPerSec: (steps / baselineMs) * 1000 },
    chained: { ms: chainedMs, jobsPerSec: (steps / chainedMs) * 1000 },
    diagnostics: Object.entries(diagnostics).map(([pool, d]) => ({ pool: Number(pool), ms: median(d.ms), stepsPerSec: (steps / median(d.ms)) * 1000, startedMs: median(d.started) })),
    rounds,
    failed,
  };
}

function findings(r: WorkflowsResult): string[] {
  const out: string[] = [];
  const f = (n: number, d = 0) => n.toFixed(d);
  const s = r.speed.subject;
  const b = r.speed.baseline;
  out.push(
    `Speed to lead: p50 ${f(s.latency.p50)} / p95 ${f(s.latency.p95)} / p99 ${f(s.latency.p99)} ms from POST to the text at Twilio ` +
      `(${s.arrived} of ${s.sent} arrived) vs ${f(b.latency.p50)} / ${f(b.latency.p95)} / ${f(b.latency.p99)} ms for the bare pipeline; ` +
      `target p99 < ${r.speed.target} ms: ${s.latency.p99 < r.speed.target && s.arrived === s.sent ? "met" : "MISSED"}.`,
  );
  const slowest = [...r.speed.hops].sort((x, y) => y.p50 - x.p50).slice(0, 3);
  out.push(`Largest hops (p50): ${slowest.map((h) => `${h.hop} ${f(h.p50)} ms`).join("; ")}.`);
  const st = r.steps;
  out.push(
    `Step throughput: ${f(st.subject.stepsPerSec)} steps/s (${f(st.subject.executionsPerSec)} runs/s; every run started after ${f(st.subject.startedMs)} ms) ` +
      `vs ${f(st.baseline.jobsPerSec)} bare BullMQ jobs/s = ${(st.subject.stepsPerSec / st.baseline.jobsPerSec).toFixed(3)}×; bare chains of three ${f(st.chained.jobsPerSec)} jobs/s.`,
  );
  for (const d of st.diagnostics) out.push(`With a runtime pool of ${d.pool} connections: ${f(d.stepsPerSec)} steps/s (every run started after ${f(d.startedMs)} ms).`);
  return out;
}
