import { readFile } from "node:fs/promises";
import { randomUUID } from "node:crypto";
import { CamelCasePlugin, Kysely, type LogEvent } from "kysely";
import { PostgresJSDialect } from "kysely-postgres-js";
import postgres from "postgres";
import webhooksLeads from "../../netlify/functions/webhooks-leads";
import { openPostgres, type DatabaseHandle, type RawSession } from "../../netlify/server/db/connect";
import { setDatabase } from "../../netlify/server/db/instance";
import type { Database } from "../../netlify/server/db/schema";
import { log as appLog } from "../../netlify/server/log";
import { leadFromPayload } from "../../netlify/server/services/webhooks/leadFromPayload";
import { newSigningSecret } from "../../netlify/server/services/webhooks/leadSourcesService";
import { SIGNATURE_HEADER, signPayload, verifySignature } from "../../netlify/server/services/webhooks/signature";
import { scriptHandle } from "./benchDatabase";
import { FIRST } from "./fixtures";
import { summarize, type LatencySummary } from "./stats";

export interface IngestOptions {
  /** Measured deliveries of the subject, and rows of the baseline (split over the rounds). */
  deliveries: number;
  /** Per diagnostic variant at 50 in flight (audit trigger off). */
  diagnosticDeliveries: number;
  /** Per diagnostic variant with one delivery in flight. */
  sequentialDeliveries: number;
  concurrency: number;
  /** Connections in each pool (the function's and the baseline's). */
  poolMax: number;
  rounds: number;
  /** Un-measured deliveries per variant before the first round (into a warm-up org). */
  warmup: number;
  /** Deliveries of the profiled run (statement timings and wait-event samples), after the rounds. */
  profileDeliveries: number;
}

export const DEFAULT_INGEST_OPTIONS: IngestOptions = {
  deliveries: 3000,
  diagnosticDeliveries: 1500,
  sequentialDeliveries: 300,
  concurrency: 50,
  poolMax: 10,
  rounds: 3,
  warmup: 150,
  profileDeliveries: 1500,
};

export interface IngestVariantResult {
  key: string;
  label: string;
  concurrency: number;
  auditTrigger: boolean;
  deliveries: number;
  leadsPerSec: number;
  latency: LatencySummary;
  /** CPU per lead: this Node process, and the bench database's backends of the pool (from /proc; NaN when unreadable). */
  nodeCpuMsPerLead: number;
  pgCpuMsPerLead: number;
}

export interface StepTiming {
  step: string;
  statementsPerLead: number;
  /** Mean per delivery with one delivery in flight: the step's own cost. */
  msPerLeadAlone: number;
  /** Mean per delivery at full concurrency: cost plus waits (locks, CPU). */
  msPerLead: number;
  /** Of the mean latency of a delivery at full concurrency. */
  share: number;
}

const OUTSIDE = "outside statements: pool wait, JS (signature, parsing, validation), event loop";

export interface IngestProfile {
  deliveries: number;
  leadsPerSec: number;
  latency: LatencySummary;
  /** The same handler, one delivery in flight. */
  latencyAlone: LatencySummary;
  /** Client-side time of each statement as the handler ran it (Kysely's query log), summed per step. */
  steps: StepTiming[];
  /** What the pool's backends were doing, sampled from pg_stat_activity every `sampleEveryMs`. */
  waits: { what: string; share: number }[];
  samples: number;
  sampleEveryMs: number;
  /** CPU time of single steps, measured alone (µs per call). */
  micro: { step: string; usPerCall: number }[];
}

export interface IngestResult {
  options: IngestOptions;
  subject: IngestVariantResult;
  baseline: IngestVariantResult;
  diagnostics: { subject: IngestVariantResult; baseline: IngestVariantResult; label: string }[];
  ratioRate: number;
  ratioP50: number;
  ratioP99: number;
  verification: {
    leads: number;
    acceptedEvents: number;
    otherEvents: number;
    auditEntries: number;
    auditChainBroken: boolean;
    /** Entries the sealer linked into the chains after the rounds (all orgs of the run), and how long it took. */
    sealedEntries: number;
    sealMs: number;
    baselineLeads: number;
    ok: boolean;
  };
  profile: IngestProfile;
  targets: { rateVsBaseline: number; p99Ms: number };
  findings: string[];
}

interface Person {
  firstName: string;
  email: string;
  phone: string;
}

const AREAS = ["214", "469", "713", "512", "602", "404", "813", "407", "901", "704"];

/** Person i: unique email and a valid, unique US phone (E.164, as the API normalises it) for i < 500,000. */
function person(i: number): Person {
  const firstName = FIRST[i % FIRST.length];
  return {
    firstName,
    email: `${firstName.toLowerCase()}.${i}@ingest.example.com`,
    phone: `+1${AREAS[Math.floor(i / 10_000) % AREAS.length]}${555 + Math.floor(i / 100_000)}${String(i % 10_000).padStart(4, "0")}`,
  };
}

interface Org {
  id: string;
  sourceId: string;
  secret: string;
}

const SOURCE_NAME = "Bench ingest";

/** An org with one enabled generic lead source, inserted directly as the service connection (the superuser). */
async function createOrg(s: RawSession, name: string): Promise<Org> {
  const org = { id: randomUUID(), sourceId: randomUUID(), secret: newSigningSecret() };
  await s.query("insert into public.orgs (id, name) values ($1, $2)", [org.id, name]);
  await s.query(
    `insert into public.webhook_sources (id, org_id, name, type, mapping, enabled, signing_secret, rate_limit_per_minute)
     values ($1, $2, $3, 'generic', '{}'::jsonb, true, $4, 100000)`,
    [org.sourceId, org.id, SOURCE_NAME, org.secret],
  );
  return org;
}

type Call = () => Promise<void>;

interface Variant {
  key: string;
  label: string;
  kind: "subject" | "baseline";
  concurrency: number;
  auditTrigger: boolean;
  deliveries: number;
  org: Org;
  /** The pool's application_name, to find its backends for the CPU figure. */
  applicationName: string;
}

const handler = webhooksLeads as (req: Request, context: { params: Record<string, string>; ip?: string }) => Promise<Response>;

/** A signed delivery of person i to the org's source through the real function handler; throws unless 202. */
function deliveryCall(org: Org, i: number, eventPrefix: string): Call {
  const p = person(i);
  const body = JSON.stringify({ id: `${eventPrefix}-${i}`, first_name: p.firstName, email: p.email, phone: p.phone });
  const signature = signPayload(org.secret, body); // the sender's work, done before the clock starts
  return async () => {
    const req = new Request(`http://hidden-key.test/api/webhooks/leads/${org.sourceId}`, {
      method: "POST",
      headers: { "content-type": "application/json", [SIGNATURE_HEADER]: signature, "user-agent": "hidden-key-bench/1" },
      body,
    });
    const res = await handler(req, { params: { sourceId: org.sourceId }, ip: "198.51.100.7" });
    const text = await res.text();
    if (res.status !== 202) throw new Error(`delivery ${i} answered ${res.status}: ${text.slice(0, 300)}`);
  };
}

/** The baseline: the same lead as a bare postgres.js transaction (begin; insert; commit). */
function insertCall(pg: postgres.Sql, org: Org, i: number): Call {
  const p = person(i);
  return async () => {
    await pg.begin(async (tx) => {
      await tx`insert into public.leads (org_id, first_name, email, phone, source) values (${org.id}, ${p.firstName}, ${p.email}, ${p.phone}, ${SOURCE_NAME})`;
    });
  };
}

/** Runs the calls with `concurrency` in flight; latency of each, and the wall time of the whole block. */
async function runBlock(calls: Call[], concurrency: number): Promise<{ latencies: number[]; ms: number }> {
  const latencies: number[] = [];
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, calls.length) }, async () => {
      while (next < calls.length) {
        const call = calls[next++];
        const t0 = performance.now();
        await call();
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return { latencies, ms: performance.now() - start };
}

/** CPU seconds (user + system) of the given processes from /proc; NaN when a process can't be read. */
async function procCpuMs(pids: number[]): Promise<number> {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const stat = await readFile(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      return NaN;
    }
  }
  return ticks * 10; // USER_HZ = 100 on Linux
}

/** Each statement the handler sends → the step it belongs to. */
function stepOf(sqlText: string): string {
  const s = sqlText.trim().toLowerCase();
  if (s === "begin") return "begin";
  if (s === "commit") return "commit";
  if (s.includes("rate_limit_hit")) return "rate-limit statement (one counter row per source)";
  if (s.includes("accept_webhook_delivery")) return "accept_webhook_delivery: rate limit + idempotency + upsert + event, one call";
  if (s.includes('from "webhook_sources"')) return "source look-up";
  if (s.startsWith("select") && s.includes('from "webhook_events"')) return "idempotency look-up";
  if (s.includes("pg_advisory_xact_lock")) return "dedup advisory locks";
  if (s.includes("assignment_rules")) return "assignment rule (round robin)";
  if (s.startsWith("select") && s.includes('from "org_members"')) return "assignee check";
  if (s.startsWith("select") && s.includes('from "leads"')) return "dedup match query";
  if (s.startsWith('insert into "leads"')) return "insert lead (+ audit entry)";
  if (s.startsWith('insert into "activities"')) return "insert timeline activity";
  if (s.startsWith('insert into "webhook_events"')) return "insert webhook event";
  return `other: ${s.replace(/\s+/g, " ").slice(0, 40)}`;
}

/** openPostgres's handle, plus Kysely's query log (for the profiled run only). */
function profiledHandle(url: string, max: number, onQuery: (e: LogEvent) => void): DatabaseHandle {
  const sql = postgres(url, { max, onnotice: () => {}, connection: { application_name: "hidden-key-profiled" } });
  const db = new Kysely<Database>({
    dialect: new PostgresJSDialect({ postgres: sql }),
    plugins: [new CamelCasePlugin({ maintainNestedObjectKeys: true })],
    log: onQuery,
  });
  return {
    kind: "postgres",
    db,
    session: () => Promise.reject(new Error("not used by the webhook handler")),
    close: () => db.destroy(),
  };
}

function micro(step: string, fn: () => unknown, calls = 2000): { step: string; usPerCall: number } {
  for (let i = 0; i < 200; i++) fn();
  const t0 = performance.now();
  for (let i = 0; i < calls; i++) fn();
  return { step, usPerCall: ((performance.now() - t0) * 1000) / calls };
}

export async function runIngest(url: string, options: IngestOptions, targets = { rateVsBaseline: 0.5, p99Ms: 50 }): Promise<IngestResult> {
  const admin = scriptHandle(url);
  const handle = openPostgres(url, { max: options.poolMax });
  const baselinePg = postgres(url, { max: options.poolMax, onnotice: () => {}, connection: { application_name: "hidden-key-bench-baseline" } });
  const previousLogLevel = appLog.level;
  appLog.level = "warn"; // one JSON line per request would bury the report; errors still print
  setDatabase(handle);
  let auditOn = true;
  const setAudit = async (on: boolean) => {
    if (on === auditOn) return;
    await admin.session((s) => s.query(`alter table public.leads ${on ? "enable" : "disable"} trigger audit_row_change`));
    auditOn = on;
  };
  try {
    const orgs = await admin.session(async (s) => {
      const make = (name: string) => createOrg(s, `Bench Ingest ${name}`);
      return {
        subject: await make("subject"),
        baseline: await make("baseline"),
        subjectNoAudit: await make("subject, no audit"),
        baselineNoAudit: await make("baseline, no audit"),
        subjectSeq: await make("subject, 1 in flight"),
        baselineSeq: await make("baseline, 1 in flight"),
        warmup: await make("warm-up"),
        profile: await make("profiled"),
      };
    });
    const c = options.concurrency;
    const variants: Variant[] = [
      { key: "subject", label: `webhook handler, ${c} in flight`, kind: "subject", concurrency: c, auditTrigger: true, deliveries: options.deliveries, org: orgs.subject, applicationName: "hidden-key" },
      { key: "baseline", label: `bare insert transaction, ${c} in flight`, kind: "baseline", concurrency: c, auditTrigger: true, deliveries: options.deliveries, org: orgs.baseline, applicationName: "hidden-key-bench-baseline" },
      { key: "subjectNoAudit", label: "handler, audit trigger off", kind: "subject", concurrency: c, auditTrigger: false, deliveries: options.diagnosticDeliveries, org: orgs.subjectNoAudit, applicationName: "hidden-key" },
      { key: "baselineNoAudit", label: "bare insert, audit trigger off", kind: "baseline", concurrency: c, auditTrigger: false, deliveries: options.diagnosticDeliveries, org: orgs.baselineNoAudit, applicationName: "hidden-key-bench-baseline" },
      { key: "subjectSeq", label: "handler, 1 in flight", kind: "subject", concurrency: 1, auditTrigger: true, deliveries: options.sequentialDeliveries, org: orgs.subjectSeq, applicationName: "hidden-key" },
      { key: "baselineSeq", label: "bare insert, 1 in flight", kind: "baseline", concurrency: 1, auditTrigger: true, deliveries: options.sequentialDeliveries, org: orgs.baselineSeq, applicationName: "hidden-key-bench-baseline" },
    ];
    const callFor = (v: Variant, org: Org, i: number, prefix: string) =>
      v.kind === "subject" ? deliveryCall(org, i, prefix) : insertCall(baselinePg, org, i);
    const backendPids = async (applicationName: string) =>
      (await admin.session((s) => s.query<{ pid: number }>("select pid from pg_stat_activity where datname = current_database() and application_name = $1", [applicationName]))).map((r) => r.pid);

    // Warm-up: every variant, into the warm-up org (persons of its own so nothing dedups), opening all connections.
    for (const [n, v] of variants.entries()) {
      await setAudit(v.auditTrigger);
      const base = 300_000 + n * 1000;
      await runBlock(Array.from({ length: options.warmup }, (_, k) => callFor(v, orgs.warmup, base + k, `warm-${v.key}`)), Math.max(v.concurrency, 10));
    }

    const acc = new Map(variants.map((v) => [v.key, { latencies: [] as number[], ms: 0, nodeCpuMs: 0, pgCpuMs: 0, done: 0 }]));
    for (let r = 0; r < options.rounds; r++) {
      const order = variants.map((_, i) => variants[(i + r) % variants.length]);
      if (r % 2) order.reverse();
      for (const v of order) {
        const a = acc.get(v.key)!;
        const count = r === options.rounds - 1 ? v.deliveries - a.done : Math.ceil(v.deliveries / options.rounds);
        const calls = Array.from({ length: count }, (_, k) => callFor(v, v.org, a.done + k, v.key));
        a.done += count;
        await setAudit(v.auditTrigger);
        const pids = await backendPids(v.applicationName);
        const pg0 = await procCpuMs(pids);
        const node0 = process.cpuUsage();
        const block = await runBlock(calls, v.concurrency);
        const node = process.cpuUsage(node0);
        a.pgCpuMs += (await procCpuMs(pids)) - pg0;
        a.nodeCpuMs += (node.user + node.system) / 1000;
        a.latencies.push(...block.latencies);
        a.ms += block.ms;
      }
    }
    await setAudit(true);
    const result = (v: Variant): IngestVariantResult => {
      const a = acc.get(v.key)!;
      return {
        key: v.key,
        label: v.label,
        concurrency: v.concurrency,
        auditTrigger: v.auditTrigger,
        deliveries: a.latencies.length,
        leadsPerSec: (a.latencies.length / a.ms) * 1000,
        latency: summarize(a.latencies),
        nodeCpuMsPerLead: a.nodeCpuMs / a.latencies.length,
        pgCpuMsPerLead: a.pgCpuMs / a.latencies.length,
      };
    };
    const [subject, baseline, subjectNoAudit, baselineNoAudit, subjectSeq, baselineSeq] = variants.map(result);

    // The sealer's work, which the write path no longer does: link every entry of the run into its org's chain.
    const sealStart = performance.now();
    const sealedEntries = await admin.session(async (s) => (await s.query<{ n: number }>("select private.audit_seal(null, 1000000) as n"))[0].n);
    const sealMs = performance.now() - sealStart;

    // Verification: exactly N leads and N accepted deliveries in the subject's org, nothing else recorded,
    // one audit entry per lead and an intact hash chain despite 50 concurrent writers.
    const verification = await admin.session(async (s) => {
      const [row] = await s.query<{ leads: number; accepted: number; other: number; audit: number; baseline: number }>(
        `select (select count(*)::int from public.leads where org_id = $1) as leads,
                (select count(*)::int from public.webhook_events where source_id = $2 and status = 'accepted') as accepted,
                (select count(*)::int from public.webhook_events where source_id = $2 and status <> 'accepted') as other,
                (select count(*)::int from public.audit_log where org_id = $1 and table_name = 'leads') as audit,
                (select count(*)::int from public.leads where org_id = $3) as baseline`,
        [orgs.subject.id, orgs.subject.sourceId, orgs.baseline.id],
      );
      const [chain] = await s.query<{ first_broken_id: string | null }>("select first_broken_id from private.audit_verify($1)", [orgs.subject.id]);
      const n = options.deliveries;
      return {
        leads: row.leads,
        acceptedEvents: row.accepted,
        otherEvents: row.other,
        auditEntries: row.audit,
        auditChainBroken: chain.first_broken_id !== null,
        sealedEntries,
        sealMs,
        baselineLeads: row.baseline,
        ok: row.leads === n && row.accepted === n && row.other === 0 && row.audit === n && chain.first_broken_id === null && row.baseline === n,
      };
    });

    const profile = await runProfile(url, orgs.profile, options);

    const out: IngestResult = {
      options,
      subject,
      baseline,
      diagnostics: [
        { label: "audit trigger off (diagnostic)", subject: subjectNoAudit, baseline: baselineNoAudit },
        { label: "1 in flight (diagnostic)", subject: subjectSeq, baseline: baselineSeq },
      ],
      ratioRate: subject.leadsPerSec / baseline.leadsPerSec,
      ratioP50: subject.latency.p50 / baseline.latency.p50,
      ratioP99: subject.latency.p99 / baseline.latency.p99,
      verification,
      profile,
      targets,
      findings: [],
    };
    out.findings = findings(out);
    return out;
  } finally {
    await setAudit(true).catch(() => {});
    appLog.level = previousLogLevel;
    await baselinePg.end({ timeout: 5 });
    await handle.close();
    await admin.close();
  }
}

/**
 * The handler again, on a pool that logs every statement's duration: first one delivery at a time (the cost
 * of each step alone), then at full concurrency while another connection samples what the pool's backends
 * are doing. Statement time is client-side (sent → result), so under load it includes lock waits.
 */
async function runProfile(url: string, org: Org, options: IngestOptions): Promise<IngestProfile> {
  let perStep = new Map<string, { n: number; ms: number }>();
  const profiled = profiledHandle(url, options.poolMax, (e) => {
    const step = stepOf(e.query.sql);
    const a = perStep.get(step) ?? { n: 0, ms: 0 };
    a.n++;
    a.ms += e.queryDurationMillis;
    perStep.set(step, a);
  });
  const waits = new Map<string, number>();
  let samples = 0;
  const sampleEveryMs = 10;
  let sampling = true;
  const sampler = postgres(url, { max: 1, onnotice: () => {}, connection: { application_name: "hidden-key-bench-sampler" } });
  const stepsOf = (latency: LatencySummary, n: number) => {
    const steps = [...perStep.entries()].map(([step, a]) => ({ step, n: a.n / n, ms: a.ms / n }));
    const inStatements = steps.reduce((t, x) => t + x.ms, 0);
    steps.push({ step: OUTSIDE, n: 0, ms: latency.mean - inStatements });
    return steps;
  };
  try {
    setDatabase(profiled);
    // Warm the new pool (connections, prepared statements) with persons the measured runs don't use.
    await runBlock(Array.from({ length: 100 }, (_, k) => deliveryCall(org, 400_000 + k, "profile-warm")), options.concurrency);

    perStep = new Map();
    const seqN = options.sequentialDeliveries;
    const seq = await runBlock(Array.from({ length: seqN }, (_, k) => deliveryCall(org, 450_000 + k, "profile-seq")), 1);
    const seqSteps = stepsOf(summarize(seq.latencies), seqN);

    perStep = new Map();
    const sampling$ = (async () => {
      while (sampling) {
        const rows = await sampler<{ what: string; n: number }[]>`
          select case when state = 'active' then coalesce(wait_event_type || ': ' || wait_event, 'running (CPU)')
                      when state = 'idle in transaction' then 'idle in transaction (waiting for Node)'
                      else coalesce(state, '?') || ' (waiting for Node)' end as what, count(*)::int as n
          from pg_stat_activity where datname = current_database() and application_name = 'hidden-key-profiled' group by 1`;
        samples++;
        for (const r of rows) waits.set(r.what, (waits.get(r.what) ?? 0) + r.n);
        await new Promise((resolve) => setTimeout(resolve, sampleEveryMs));
      }
    })();
    const block = await runBlock(
      Array.from({ length: options.profileDeliveries }, (_, k) => deliveryCall(org, k, "profile")),
      options.concurrency,
    );
    sampling = false;
    await sampling$;
    const latency = summarize(block.latencies);
    const loadSteps = stepsOf(latency, block.latencies.length);
    const names = [...new Set([...loadSteps, ...seqSteps].map((x) => x.step))];
    const steps: StepTiming[] = names
      .map((step) => {
        const one = seqSteps.find((x) => x.step === step);
        const load = loadSteps.find((x) => x.step === step);
        return {
          step,
          statementsPerLead: load?.n ?? one?.n ?? 0,
          msPerLeadAlone: one?.ms ?? 0,
          msPerLead: load?.ms ?? 0,
          share: (load?.ms ?? 0) / latency.mean,
        };
      })
      .sort((x, y) => (x.step === OUTSIDE ? 1 : y.step === OUTSIDE ? -1 : y.msPerLead - x.msPerLead));
    const totalWaits = [...waits.values()].reduce((a, b) => a + b, 0);

    // CPU of single steps, alone: what each delivery costs the Node process besides the database.
    const p = person(1);
    const body = JSON.stringify({ id: "evt-1", first_name: p.firstName, email: p.email, phone: p.phone });
    const header = signPayload(org.secret, body);
    const microTimings = [
      micro("verifySignature (HMAC-SHA256 of the body)", () => verifySignature(header, body, org.secret)),
      micro("JSON.parse + leadFromPayload (mapping, zod, phone/email normalisation)", () => leadFromPayload("generic", {}, JSON.parse(body), SOURCE_NAME)),
    ];
    return {
      deliveries: block.latencies.length,
      leadsPerSec: (block.latencies.length / block.ms) * 1000,
      latency,
      latencyAlone: summarize(seq.latencies),
      steps,
      waits: [...waits.entries()].map(([what, k]) => ({ what, share: k / totalWaits })).sort((a, b) => b.share - a.share),
      samples,
      sampleEveryMs,
      micro: microTimings,
    };
  } finally {
    sampling = false;
    await sampler.end({ timeout: 5 });
    await profiled.close();
  }
}

function findings(r: IngestResult): string[] {
  const out: string[] = [];
  const f = (n: number, d = 1) => n.toFixed(d);
  const { subject: s, baseline: b, targets: t } = r;
  const rateOk = r.ratioRate >= t.rateVsBaseline;
  const p99Ok = s.latency.p99 < t.p99Ms;
  out.push(
    `Rate: ${f(s.leadsPerSec, 0)} accepted leads/s through the handler vs ${f(b.leadsPerSec, 0)} bare inserts/s = ${f(r.ratioRate, 2)}× ` +
      `(target ≥ ${t.rateVsBaseline}×: ${rateOk ? "met" : "MISSED"}). p99 ${f(s.latency.p99)} ms (target < ${t.p99Ms} ms: ${p99Ok ? "met" : "MISSED"}), ` +
      `baseline p99 ${f(b.latency.p99)} ms.`,
  );
  const v = r.verification;
  out.push(
    `Verification: ${v.leads} leads, ${v.acceptedEvents} accepted webhook_events, ${v.otherEvents} other events, ${v.auditEntries} audit entries ` +
      `in the subject's org (expected ${r.options.deliveries} each, 0 other), hash chain ${v.auditChainBroken ? "BROKEN" : "intact"} after sealing; ` +
      `baseline org ${v.baselineLeads} leads — ${v.ok ? "ok" : "MISMATCH"}.`,
  );
  // Little's law: with a fixed number in flight, latency is (in flight) / rate, whatever the work.
  const needed = (r.options.concurrency / t.p99Ms) * 1000;
  out.push(
    `At a fixed ${r.options.concurrency} in flight the mean latency is ${r.options.concurrency} ÷ rate (Little's law): ${f(s.latency.mean)} ms measured vs ` +
      `${f((r.options.concurrency / s.leadsPerSec) * 1000)} ms predicted. A p99 under ${t.p99Ms} ms at this concurrency needs well over ` +
      `${f(needed, 0)} deliveries/s — ${f(needed / s.leadsPerSec, 1)}× the measured rate${needed > b.leadsPerSec ? `, and more than even the bare insert reaches (${f(b.leadsPerSec, 0)}/s)` : ""}. ` +
      `One delivery alone takes p50 ${f(r.diagnostics[1].subject.latency.p50)} / p99 ${f(r.diagnostics[1].subject.latency.p99)} ms.`,
  );
  const cpuS = s.nodeCpuMsPerLead + s.pgCpuMsPerLead;
  const cpuB = b.nodeCpuMsPerLead + b.pgCpuMsPerLead;
  if (!Number.isNaN(cpuS)) {
    out.push(
      `CPU per lead: handler ${f(s.nodeCpuMsPerLead, 2)} ms Node + ${f(s.pgCpuMsPerLead, 2)} ms Postgres backends = ${f(cpuS, 2)} ms; ` +
        `bare insert ${f(b.nodeCpuMsPerLead, 2)} + ${f(b.pgCpuMsPerLead, 2)} = ${f(cpuB, 2)} ms. On this machine's cores that caps the rate near ` +
        `${f(2000 / cpuS, 0)}/s and ${f(2000 / cpuB, 0)}/s (2 cores ÷ CPU per lead; WAL writer and the rest excluded).`,
    );
  }
  out.push(
    `Sealing (off the write path, by the worker every 2 s): ${v.sealedEntries} entries of the run linked into their orgs' chains in ` +
      `${f(v.sealMs, 0)} ms = ${f((v.sealMs * 1000) / Math.max(1, v.sealedEntries), 0)} µs per entry, one transaction.`,
  );
  const [noAudit] = r.diagnostics;
  out.push(
    `Audit trigger off (diagnostic): handler ${f(noAudit.subject.leadsPerSec, 0)}/s (${f(noAudit.subject.leadsPerSec / s.leadsPerSec, 2)}× with it on), ` +
      `p99 ${f(noAudit.subject.latency.p99)} ms; bare insert ${f(noAudit.baseline.leadsPerSec, 0)}/s (${f(noAudit.baseline.leadsPerSec / b.leadsPerSec, 2)}×). ` +
      `Ratio with the trigger off: ${f(noAudit.subject.leadsPerSec / noAudit.baseline.leadsPerSec, 2)}×.`,
  );
  const p = r.profile;
  const top = p.steps.filter((x) => x.step !== OUTSIDE).slice(0, 3);
  out.push(
    `Profile (${p.deliveries} deliveries, ${f(p.leadsPerSec, 0)}/s, mean ${f(p.latency.mean)} ms): largest statements ` +
      top.map((x) => `${x.step} ${f(x.msPerLead, 2)} ms (${f(x.share * 100, 0)} %)`).join(", ") +
      `; outside statements ${f(p.steps.at(-1)!.msPerLead, 2)} ms (${f(p.steps.at(-1)!.share * 100, 0)} %). Backends were: ` +
      p.waits.slice(0, 5).map((w) => `${w.what} ${f(w.share * 100, 0)} %`).join(", ") + ".",
  );
  if (rateOk && p99Ok) return out;
  const advisory = p.waits.find((w) => w.what === "Lock: advisory")?.share ?? 0;
  const statements = p.steps.reduce((t, x) => t + x.statementsPerLead, 0);
  if (advisory > 0.2) {
    out.push(
      `Recommendation: ${f(advisory * 100, 0)} % of the backends' samples wait on an advisory lock — the dedup locks of deliveries of one ` +
        `person, or something new: look at pg_locks during a run.`,
    );
  }
  if (statements > 4) {
    out.push(
      `Recommendation: a delivery costs ${f(statements, 0)} statements, each a round trip (${f(cpuS / statements, 2)} ms of CPU per statement here, against ` +
        `${f(cpuB / 3, 2)} ms for the bare insert's begin/insert/commit); collapse source look-up + rate limit + idempotency + dedup + insert + ` +
        `timeline + event into one call of a plpgsql function (one round trip in the transaction, the audit lock held for microseconds), ` +
        `and make private.rate_limit_hit plpgsql too (a SQL function with SET search_path is planned again on every call).`,
    );
  }
  return out;
}
