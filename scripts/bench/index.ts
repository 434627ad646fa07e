// npm run bench [-- rls | search | ingest | coldstart | pipeline | jobs | workflows | ml-train | ml-score | ml-endpoint]
//
// Benchmarks on the machine's PostgreSQL, each figure beside a baseline measured in the same run:
//   rls        the leads list as the API runs it (asUser: role + claims, RLS) vs the same query as the superuser
//   search     the list with a search term and two filters (server time from EXPLAIN ANALYZE, and wall time) vs the
//              plain first page
//   ingest     signed webhook deliveries through the real function handler, 50 in flight, vs bare insert
//              transactions at the same concurrency and pool size
//   coldstart  a function module imported in a fresh Node process and answering its first request, vs tsx's
//              own start-up (a child that imports nothing)
//   pipeline   the deal board with 2,000 open deals as the API builds it vs the same rows read raw; matching one
//              deal against 10,000 investors (the endpoint's service, the matcher alone) vs reading the rows / a bare loop
//   jobs       jobs per second through outbox → BullMQ → a trivial handler, vs bare BullMQ add-and-process
//   workflows  speed to lead: a signed webhook → the starter workflow's text at a fake Twilio (BullMQ worker running),
//              open loop, vs the same deliveries + a bare BullMQ job that texts; workflow steps per second (three-step
//              workflows, concurrency 50) vs bare BullMQ jobs
//   ml-train   the GBDT trainer on 100,000 × 30 synthetic rows (200 trees, depth 6) vs XGBoost's time on this machine
//   ml-score   batch-scoring 10,000 rows with an exported model vs a bare dot product over the same matrix
//   ml-endpoint one lead through POST /api/ml/score (the function handler, RLS, cached model, history written back)
//              vs GET /api/me through the same machinery
// (ml-train and ml-score need no database; run alone they skip creating one. workflows and ml-endpoint make small
// orgs of their own: run alone, they skip seeding the 2 × 100,000-lead fixture)
// It creates its own database hk_bench_<pid> beside DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test),
// migrates it with netlify/server/db/migrate.ts, and drops it at the end — also on failure and on Ctrl-C.
// Prints tables and writes bench-results/latest.json.

import { randomBytes } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { cpus, loadavg, totalmem } from "node:os";
import { join } from "node:path";
import { resetConfig } from "../../netlify/server/config";
import { resetJwtSecret } from "../../netlify/server/auth/jwtSecret";
import { createBenchDatabase, DEFAULT_ADMIN_URL, scriptHandle, type BenchDatabase } from "./benchDatabase";
import { DEFAULT_COLDSTART_OPTIONS, runColdStart, type ColdStartResult } from "./coldstart";
import { seedFixture, type Fixture } from "./fixtures";
import { DEFAULT_INGEST_OPTIONS, runIngest, type IngestResult } from "./ingest";
import { DEFAULT_PIPELINE_OPTIONS, runPipeline, type PipelineResult } from "./pipeline";
import { DEFAULT_JOBS_OPTIONS, runJobs, type JobsResult } from "./jobs";
import { printMlScore, runMlScore, type MlScoreResult } from "./mlScore";
import { printMlTrain, runMlTrain, type MlTrainResult } from "./mlTrain";
import { DEFAULT_RLS_OPTIONS, runRls, type RlsResult } from "./rls";
import { DEFAULT_SEARCH_OPTIONS, runSearch, type SearchResult } from "./search";
import { DEFAULT_WORKFLOWS_OPTIONS, runWorkflows, type WorkflowsResult } from "./workflows";
import { DEFAULT_ML_ENDPOINT_OPTIONS, printMlEndpoint, runMlEndpoint, type MlEndpointResult } from "./mlEndpoint";
import { fmt, round, table } from "./stats";

const BENCHMARKS = ["rls", "search", "ingest", "coldstart", "pipeline", "jobs", "workflows", "ml-train", "ml-score", "ml-endpoint"] as const;
const DATABASE_BENCHMARKS: readonly Benchmark[] = ["rls", "search", "ingest", "coldstart", "pipeline", "jobs", "workflows", "ml-endpoint"];
/** Database benchmarks that don't need the seeded 100k-lead orgs (they make their own). */
const NO_FIXTURE_BENCHMARKS: readonly Benchmark[] = ["ingest", "jobs", "workflows", "ml-endpoint"];
const JOBS_TARGET = 0.5;
type Benchmark = (typeof BENCHMARKS)[number];
const LEADS_PER_ORG = 100_000;
const RLS_TARGET = 1.2;
const INGEST_TARGETS = { rateVsBaseline: 0.5, p99Ms: 50 };
const SEARCH_TARGET_P95_MS = 25;
const MATCH_TARGET_P95_MS = 50;

function parseArgs(argv: string[]): Set<Benchmark> {
  const names = argv.filter((a) => !a.startsWith("-"));
  if (argv.includes("--help") || argv.includes("-h")) {
    console.log(`usage: npm run bench [-- ${BENCHMARKS.join(" | ")}]   (default: all)`);
    process.exit(0);
  }
  const unknown = names.filter((n) => !(BENCHMARKS as readonly string[]).includes(n));
  if (unknown.length) {
    console.error(`Unknown benchmark: ${unknown.join(", ")}. Choose from: ${BENCHMARKS.join(", ")}`);
    process.exit(2);
  }
  return new Set((names.length ? names : BENCHMARKS) as Benchmark[]);
}

function redact(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = "***";
  return u.toString();
}

function printRls(r: RlsResult) {
  const o = r.options;
  console.log(
    `\nRLS overhead — ${r.dataset.orgs} orgs × ${r.dataset.leadsPerOrg.toLocaleString("en-US")} leads, 50-row pages; ` +
      `${o.iterations} sequential calls per variant in ${o.rounds} alternating rounds after ${o.warmup} warm-up calls; ` +
      `throughput: ${o.throughputCalls} calls per variant, ${o.concurrency} concurrent clients.`,
  );
  console.log(`subject = asUser(db, claims, tx => listLeads(tx, orgId, {limit: 50})): transaction, role + claims, RLS, explicit org filter`);
  console.log(`baseline = asService(db, tx => listLeads(...)): same query as the superuser in a transaction, no role switch, no RLS\n`);
  const rows: string[][] = [];
  for (const c of r.comparisons) {
    const ok = (ratio: number) => (ratio <= r.target ? "ok" : "ABOVE");
    rows.push([c.query, "p50 ms", fmt(c.subject.latency.p50, 3), fmt(c.baseline.latency.p50, 3), fmt(c.ratioP50), `≤ ${r.target} ${ok(c.ratioP50)}`]);
    const byRound = c.ratioP50ByRound;
    rows.push(["", "p50 ratio per round", "", "", fmt(byRound.median), `${fmt(byRound.min)}–${fmt(byRound.max)}`]);
    rows.push(["", "p95 ms", fmt(c.subject.latency.p95, 3), fmt(c.baseline.latency.p95, 3), fmt(c.ratioP95), `≤ ${r.target} ${ok(c.ratioP95)}`]);
    rows.push(["", "throughput /s", fmt(c.subject.throughputPerSec, 0), fmt(c.baseline.throughputPerSec, 0), fmt(c.ratioThroughput), `≤ ${r.target} ${ok(c.ratioThroughput)}`]);
    rows.push([
      "",
      "server ms (EXPLAIN)",
      fmt(c.plans.subject.serverMsMedian, 3),
      fmt(c.plans.baseline.serverMsMedian, 3),
      fmt(c.plans.subject.serverMsMedian / c.plans.baseline.serverMsMedian),
      "",
    ]);
  }
  const p1 = r.comparisons[0];
  for (const d of r.decomposition) {
    rows.push([d.label, "p50 ms", fmt(d.latency.p50, 3), fmt(p1.baseline.latency.p50, 3), fmt(d.latency.p50 / p1.baseline.latency.p50), "(diagnostic)"]);
    rows.push(["", "throughput /s", fmt(d.throughputPerSec, 0), fmt(p1.baseline.throughputPerSec, 0), fmt(p1.baseline.throughputPerSec / d.throughputPerSec), "(diagnostic)"]);
  }
  console.log(table(["query", "metric", "subject", "baseline", "ratio", "target"], rows));
  console.log(`(throughput ratio = baseline/subject, i.e. time per call, so > 1 means the subject is slower, like the others;`);
  console.log(` "p50 ratio per round" = the p50 ratio within each alternating round: median, and min–max over the rounds)`);
  console.log(`isolation check: the agent of org A reads ${r.isolationCheck.ownOrgRows} rows of org A, ${r.isolationCheck.otherOrgRows} of org B`);
  console.log(`\nFindings:`);
  for (const f of r.findings) console.log(`  ${f}`);
}

function printSearch(r: SearchResult) {
  const o = r.options;
  console.log(
    `\nLead search — ${r.dataset.leadsPerOrg.toLocaleString("en-US")} leads per org, as the agent of org A (asUser: role + claims, RLS); ` +
      `terms in rotation: ${o.terms.map((t) => `"${t}"`).join(", ")}. Wall time: ${o.iterations} sequential calls per variant in ${o.rounds} ` +
      `alternating rounds after ${o.warmup} warm-up calls; server time: ${o.explainRuns} EXPLAIN (ANALYZE) runs per variant of the ` +
      `prepared statement, interleaved.`,
  );
  console.log(`subject = listLeads(tx, orgId, {q: <term>, status: [${o.statuses.join(", ")}], state: '${o.state}', limit: 50})`);
  console.log(`baseline = listLeads(tx, orgId, {limit: 50}) — the plain first page\n`);
  const rows: string[][] = [];
  const ok = (v: number) => `< ${r.target} ms ${v < r.target ? "ok" : "ABOVE"}`;
  const sv = r.subject.server;
  const bv = r.baseline.server;
  rows.push(["server ms (exec + planning)", "p50", fmt(sv.total.p50, 2), fmt(bv.total.p50, 2), fmt(r.ratioServerP50), ""]);
  rows.push(["", "p95", fmt(sv.total.p95, 2), fmt(bv.total.p95, 2), fmt(r.ratioServerP95), ok(sv.total.p95)]);
  rows.push(["", "  execution p95", fmt(sv.execution.p95, 2), fmt(bv.execution.p95, 2), fmt(sv.execution.p95 / bv.execution.p95), ""]);
  rows.push(["", "  planning p95", fmt(sv.planning.p95, 2), fmt(bv.planning.p95, 2), fmt(sv.planning.p95 / bv.planning.p95), ""]);
  rows.push(["client wall ms (asUser + list)", "p50", fmt(r.subject.wall.latency.p50, 2), fmt(r.baseline.wall.latency.p50, 2), fmt(r.ratioWallP50), ""]);
  rows.push(["", "p50 ratio per round", "", "", fmt(r.wallP50ByRound.median), `${fmt(r.wallP50ByRound.min)}–${fmt(r.wallP50ByRound.max)}`]);
  rows.push(["", "p95", fmt(r.subject.wall.latency.p95, 2), fmt(r.baseline.wall.latency.p95, 2), fmt(r.ratioWallP95), ""]);
  for (const t of r.terms) {
    rows.push([`  "${t.term}" (${t.matchesAll} of ${t.matchesSearch} hits pass the filters)`, "server p50 / p95", fmt(t.server.total.p50, 2), fmt(t.server.total.p95, 2), "", t.indexes.join(" + ")]);
  }
  for (const d of r.diagnostics) {
    rows.push([d.label, "server p50 / p95", fmt(d.server.total.p50, 2), fmt(d.server.total.p95, 2), "", `(diagnostic) ${d.indexes.join(" + ") || "no index"}`]);
  }
  console.log(table(["query", "metric", "subject", "baseline", "ratio", "target"], rows));
  console.log(`(per-term and diagnostic rows: subject column = p50, baseline column = p95 of that statement's server time; last column: the indexes its plan uses)`);
  console.log(`\nFindings:`);
  for (const f of r.findings) console.log(`  ${f}`);
}

function printIngest(r: IngestResult) {
  const o = r.options;
  console.log(
    `\nWebhook ingest — ${o.deliveries.toLocaleString("en-US")} deliveries (each a new person) and as many baseline rows, ${o.concurrency} in flight, ` +
      `pools of ${o.poolMax} connections; ${o.rounds} alternating rounds after ${o.warmup} warm-up calls per variant; audit trigger on unless stated.`,
  );
  console.log(`subject = POST /api/webhooks/leads/:sourceId through netlify/functions/webhooks-leads.ts (signed JSON, event id; 202 required)`);
  console.log(`baseline = postgres.js: begin; insert into leads (org_id, first_name, email, phone, source) values (…); commit\n`);
  const rows: string[][] = [];
  const block = (label: string, s: IngestResult["subject"], b: IngestResult["baseline"], main: boolean) => {
    const rate = s.leadsPerSec / b.leadsPerSec;
    rows.push([label, "accepted leads /s", fmt(s.leadsPerSec, 0), fmt(b.leadsPerSec, 0), fmt(rate), main ? `≥ ${r.targets.rateVsBaseline} ${rate >= r.targets.rateVsBaseline ? "ok" : "BELOW"}` : "(diagnostic)"]);
    rows.push(["", "p50 ms", fmt(s.latency.p50, 1), fmt(b.latency.p50, 1), fmt(s.latency.p50 / b.latency.p50), ""]);
    rows.push(["", "p99 ms", fmt(s.latency.p99, 1), fmt(b.latency.p99, 1), fmt(s.latency.p99 / b.latency.p99), main ? `< ${r.targets.p99Ms} ms ${s.latency.p99 < r.targets.p99Ms ? "ok" : "ABOVE"}` : ""]);
    rows.push(["", "CPU ms/lead: Node", fmt(s.nodeCpuMsPerLead, 2), fmt(b.nodeCpuMsPerLead, 2), fmt(s.nodeCpuMsPerLead / b.nodeCpuMsPerLead), ""]);
    rows.push(["", "CPU ms/lead: Postgres", fmt(s.pgCpuMsPerLead, 2), fmt(b.pgCpuMsPerLead, 2), fmt(s.pgCpuMsPerLead / b.pgCpuMsPerLead), ""]);
  };
  block(`${o.concurrency} in flight, audit trigger on`, r.subject, r.baseline, true);
  for (const d of r.diagnostics) block(`${d.label}, ${d.subject.deliveries} each`, d.subject, d.baseline, false);
  console.log(table(["variant", "metric", "subject", "baseline", "ratio", "target"], rows));
  console.log(`(ratio = subject/baseline; for the rate, higher is better; CPU from /proc: this process, and the pool's backends)`);

  const p = r.profile;
  console.log(
    `\nWhere a delivery's time goes — a profiled run of ${p.deliveries} deliveries at ${o.concurrency} in flight (${fmt(p.leadsPerSec, 0)}/s, ` +
      `mean ${fmt(p.latency.mean, 1)} ms, p99 ${fmt(p.latency.p99, 1)} ms) and of ${o.sequentialDeliveries} with one in flight (mean ` +
      `${fmt(p.latencyAlone.mean, 1)} ms); statement time as the client sees it, so at ${o.concurrency} in flight it includes lock waits:\n`,
  );
  console.log(
    table(
      ["step", "per lead", "ms alone", `ms at ${o.concurrency}`, "share"],
      p.steps.map((s) => [s.step, fmt(s.statementsPerLead, 2), fmt(s.msPerLeadAlone, 2), fmt(s.msPerLead, 2), `${fmt(s.share * 100, 0)} %`]),
      1,
    ),
  );
  console.log(`\nThe pool's backends, sampled every ${p.sampleEveryMs} ms (${p.samples} samples):\n`);
  console.log(table(["state / wait event", "share"], p.waits.map((w) => [w.what, `${fmt(w.share * 100, 1)} %`]), 1));
  console.log("");
  console.log(table(["step measured alone (CPU in Node)", "µs/call"], p.micro.map((m) => [m.step, fmt(m.usPerCall, 1)]), 1));
  console.log(`\nFindings:`);
  for (const f of r.findings) console.log(`  ${f}`);
}

function printColdStart(r: ColdStartResult) {
  console.log(
    `\nCold start — ${r.options.runs} fresh processes per target after one un-measured warm-up round; the rounds rotate ` +
      `the order of all targets and baselines. Medians (p50) in ms.`,
  );
  for (const m of r.modes) console.log(`  ${m.mode}: ${m.launcher}; baseline = the same launcher on a module that imports nothing and exits`);
  if (r.bundleSkipped) console.log(`  (bundled variant skipped: ${r.bundleSkipped})`);
  console.log("");
  const rows: string[][] = [];
  for (const t of r.targets) {
    const b = r.modes.find((m) => m.mode === t.mode)!.baseline;
    rows.push([`${t.name} · ${t.mode} (${t.request} → ${t.status})`, "boot (node + loader)", fmt(t.boot.p50, 1), fmt(b.boot.p50, 1), fmt(t.boot.p50 / b.boot.p50), ""]);
    rows.push(["", "import module", fmt(t.import.p50, 1), "0.0", "—", `+${fmt(t.import.p50, 1)}`]);
    rows.push(["", "first request", fmt(t.firstRequest.p50, 1), "0.0", "—", `+${fmt(t.firstRequest.p50, 1)}`]);
    rows.push(["", "second request (warm)", fmt(t.secondRequest.p50, 1), "—", "—", ""]);
    rows.push(["", "total = boot+import+1st", fmt(t.ready.p50, 1), fmt(b.boot.p50, 1), fmt(t.ready.p50 / b.boot.p50), `+${fmt(t.ready.p50 - b.boot.p50, 1)}`]);
    rows.push(["", "process wall (spawn→exit)", fmt(t.wall.p50, 1), fmt(b.wall.p50, 1), fmt(t.wall.p50 / b.wall.p50), `+${fmt(t.wall.p50 - b.wall.p50, 1)}`]);
    rows.push(["", "  wall p95", fmt(t.wall.p95, 1), fmt(b.wall.p95, 1), fmt(t.wall.p95 / b.wall.p95), ""]);
  }
  console.log(table(["function · mode", "metric", "subject", "baseline", "ratio", "our code"], rows));
  console.log(`\nFindings:`);
  for (const f of r.findings) console.log(`  ${f}`);
}

function printJobs(r: JobsResult) {
  const o = r.options;
  console.log(
    `\nJobs — ${o.jobs.toLocaleString("en-US")} trivial jobs, concurrency ${o.concurrency}, median of ${o.rounds - 1} rounds after a warm-up round, on the bench database and the machine's Redis.`,
  );
  console.log(`subject = jobs already in job_outbox, relay woken as they commit → relay (claim 500 at a time, addBulk) → BullMQ worker → handler → marked done in the outbox (batched)`);
  console.log(`end to end = the same while ${o.concurrency} writers queue the jobs, one transaction each (as requests do)`);
  console.log(`baseline = bare BullMQ: ${o.concurrency} producers calling queue.add, a Worker at concurrency ${o.concurrency}, trivial handler\n`);
  const ratio = r.subject.jobsPerSec / r.baseline.jobsPerSec;
  const rows = [
    ["outbox → BullMQ → handler", "jobs /s", fmt(r.subject.jobsPerSec, 0), fmt(r.baseline.jobsPerSec, 0), fmt(ratio), `≥ ${r.target} ${ratio >= r.target ? "ok" : "BELOW"}`],
    ["  including queueing (one tx per job)", "jobs /s", fmt(r.endToEnd.jobsPerSec, 0), fmt(r.baseline.jobsPerSec, 0), fmt(r.endToEnd.jobsPerSec / r.baseline.jobsPerSec), "(diagnostic)"],
    ["rounds (subject / end to end / baseline ms)", "", r.rounds.map((x) => fmt(x.subject, 0)).join(" "), r.rounds.map((x) => fmt(x.baseline, 0)).join(" "), "", r.rounds.map((x) => fmt(x.endToEnd, 0)).join(" ")],
  ];
  console.log(table(["variant", "metric", "subject", "baseline", "ratio", "target"], rows));
}

function printWorkflows(r: WorkflowsResult) {
  const o = r.options;
  const s = r.speed;
  console.log(
    `\nWorkflows — speed to lead: ${o.deliveries} signed deliveries per variant sent open loop at ${o.ratePerSec}/s (unique people), ` +
      `${o.speedRounds} alternating rounds after ${o.speedWarmup} warm-up deliveries each; the runtime as \`npm run worker\` defaults: ` +
      `queues workflow + messaging + enrichment, concurrency ${o.speedConcurrency}, relay poll ${o.relayIntervalMs} ms, pool ${o.runtimePoolMax}; ` +
      `the function's pool ${o.functionPoolMax}; all in this process; send window ${s.sendWindow.from}–${s.sendWindow.until} (no quiet hours).`,
  );
  console.log(`subject = POST /api/webhooks/leads/:sourceId (the real handler) → lead.created → "new-lead-instant-text" (assign → text → task) → send job → Twilio (a fake on 127.0.0.1, through the twilio SDK)`);
  console.log(`baseline = the same POST into an org with no workflow, then queue.add right after the 202; a bare BullMQ Worker (concurrency ${o.speedConcurrency}) hands the text to the same fake Twilio through the same SDK client\n`);
  const ok = (v: number) => `< ${s.target} ms ${v < s.target && s.subject.arrived === s.subject.sent ? "ok" : "ABOVE"}`;
  const rows: string[][] = [
    ["POST → text at Twilio", "p50 ms", fmt(s.subject.latency.p50, 0), fmt(s.baseline.latency.p50, 0), fmt(s.subject.latency.p50 / s.baseline.latency.p50), ""],
    ["", "p95 ms", fmt(s.subject.latency.p95, 0), fmt(s.baseline.latency.p95, 0), fmt(s.subject.latency.p95 / s.baseline.latency.p95), ""],
    ["", "p99 ms", fmt(s.subject.latency.p99, 0), fmt(s.baseline.latency.p99, 0), fmt(s.subject.latency.p99 / s.baseline.latency.p99), ok(s.subject.latency.p99)],
    ["", "texts arrived", `${s.subject.arrived}/${s.subject.sent}`, `${s.baseline.arrived}/${s.baseline.sent}`, "", ""],
    ["POST → 202 (webhook alone)", "p50 ms", fmt(s.subject.accept.p50, 1), fmt(s.baseline.accept.p50, 1), fmt(s.subject.accept.p50 / s.baseline.accept.p50), ""],
    ["", "p99 ms", fmt(s.subject.accept.p99, 1), fmt(s.baseline.accept.p99, 1), fmt(s.subject.accept.p99 / s.baseline.accept.p99), ""],
  ];
  console.log(table(["measure", "metric", "subject", "baseline", "ratio", "target"], rows));
  console.log(`\nWhere the subject's time goes (per lead, from the engine's timestamps: executions, step runs, messages.send_started_at):\n`);
  console.log(table(["hop", "p50 ms", "p95 ms"], s.hops.map((h) => [h.hop, fmt(h.p50, 0), fmt(h.p95, 0)]), 1));

  const st = r.steps;
  console.log(
    `\nWorkflows — step throughput: a manual-trigger workflow of three steps (add_note → update_field addTag → add_note), started on ` +
      `${o.stepLeads.toLocaleString("en-US")} new leads (${(3 * o.stepLeads).toLocaleString("en-US")} steps) by one workflow-event job per ${o.leadsPerEvent} leads; ` +
      `runtime concurrency ${o.stepConcurrency}, relay poll ${o.relayIntervalMs} ms, pool ${o.stepPools[0]}; median of ${o.stepRounds - 1} rounds after a warm-up round.`,
  );
  console.log(`subject = from queueing the event jobs until every run is completed`);
  console.log(`baseline = bare BullMQ: ${(3 * o.stepLeads).toLocaleString("en-US")} jobs added by ${o.stepConcurrency} producers, a Worker at concurrency ${o.stepConcurrency}, trivial handler\n`);
  const ratio = st.subject.stepsPerSec / st.baseline.jobsPerSec;
  const srows: string[][] = [
    [`three-step workflows, pool ${o.stepPools[0]}`, "steps /s", fmt(st.subject.stepsPerSec, 0), fmt(st.baseline.jobsPerSec, 0), fmt(ratio, 3), "(reported)"],
    ["", "runs /s", fmt(st.subject.executionsPerSec, 0), "", "", ""],
    ["", "every run started after ms", fmt(st.subject.startedMs, 0), "", "", "event jobs committed"],
    ...st.diagnostics.map((d) => [`  same, runtime pool ${d.pool}`, "steps /s", fmt(d.stepsPerSec, 0), fmt(st.baseline.jobsPerSec, 0), fmt(d.stepsPerSec / st.baseline.jobsPerSec, 3), `(diagnostic; runs started after ${fmt(d.startedMs, 0)} ms)`]),
    ["  bare BullMQ, chains of three (each job adds the next)", "jobs /s", fmt(st.chained.jobsPerSec, 0), fmt(st.baseline.jobsPerSec, 0), fmt(st.chained.jobsPerSec / st.baseline.jobsPerSec, 3), "(diagnostic)"],
    ["rounds (subject / baseline / chained ms)", "", st.rounds.map((x) => fmt(x.subjectMs, 0)).join(" "), st.rounds.map((x) => fmt(x.baselineMs, 0)).join(" "), "", st.rounds.map((x) => fmt(x.chainedMs, 0)).join(" ")],
  ];
  console.log(table(["variant", "metric", "subject", "baseline", "ratio", "target / note"], srows));
  console.log(`\nFindings:`);
  for (const f of r.findings) console.log(`  ${f}`);
}

function printPipeline(r: PipelineResult) {
  const o = r.options;
  console.log(
    `\nPipeline — org A with ${o.openOpportunities.toLocaleString("en-US")} open deals over five stages and ${o.investors.toLocaleString("en-US")} investors ` +
      `(seeded in ${(r.seedMs / 1000).toFixed(1)} s); ${o.boardRuns} board loads and ${o.matchRuns} matches per variant after ${o.warmup} warm-up calls, as the agent of org A.`,
  );
  console.log(`board subject = asUser(loadPipeline): RLS, per-stage counts/totals query + cards query joined to properties and owners, mapped (${r.board.cards} cards, ${r.board.jsonKb} KB of JSON)`);
  console.log(`board baseline = asService: select the org's deals joined to their properties, no RLS, no aggregates, no mapping`);
  console.log(`match subject = asUser(matchInvestors): load the deal, SQL pre-filter on hard constraints, rule-based matcher, top 50`);
  console.log(`render subject = the production build in Chromium (1600×1000) navigating to /pipeline until every column shows its first 50 cards`);
  console.log(`render baseline = the same navigation with a filter no deal passes (the page, its API call and an empty board)\n`);
  const b = r.board;
  const m = r.matching;
  const rows: string[][] = [
    ["board load (API)", "p50 ms", fmt(b.subject.p50, 2), fmt(b.baseline.p50, 2), fmt(b.subject.p50 / b.baseline.p50), ""],
    ["", "p95 ms", fmt(b.subject.p95, 2), fmt(b.baseline.p95, 2), fmt(b.subject.p95 / b.baseline.p95), "(reported)"],
    ["match 1 deal × investors (endpoint)", "p50 ms", fmt(m.endpoint.p50, 2), fmt(m.readInvestors.p50, 2), fmt(m.endpoint.p50 / m.readInvestors.p50), "baseline: read all investor rows"],
    ["", "p95 ms", fmt(m.endpoint.p95, 2), fmt(m.readInvestors.p95, 2), fmt(m.endpoint.p95 / m.readInvestors.p95), `< ${r.targetMatchP95Ms} ms ${m.endpoint.p95 < r.targetMatchP95Ms ? "ok" : "ABOVE"}`],
    [`matcher alone, ${m.candidates.toLocaleString("en-US")} in memory`, "p50 ms", fmt(m.matcherOnly.p50, 2), fmt(m.loopBaseline.p50, 3), fmt(m.matcherOnly.p50 / m.loopBaseline.p50), "baseline: bare loop, one comparison"],
    ["", "p95 ms", fmt(m.matcherOnly.p95, 2), fmt(m.loopBaseline.p95, 3), fmt(m.matcherOnly.p95 / m.loopBaseline.p95), `< ${r.targetMatchP95Ms} ms ${m.matcherOnly.p95 < r.targetMatchP95Ms ? "ok" : "ABOVE"}`],
  ];
  const rr = r.render;
  if (rr.subject && rr.baseline && rr.api) {
    rows.push([`board render in Chromium (${rr.cardsRendered} cards in the DOM)`, "p50 ms", fmt(rr.subject.p50, 0), fmt(rr.baseline.p50, 0), fmt(rr.subject.p50 / rr.baseline.p50), "(reported)"]);
    rows.push(["", "p95 ms", fmt(rr.subject.p95, 0), fmt(rr.baseline.p95, 0), fmt(rr.subject.p95 / rr.baseline.p95), ""]);
    rows.push(["", "of which /api/pipeline p50 ms", fmt(rr.api.p50, 0), "", "", "browser resource timing"]);
  }
  console.log(table(["measure", "metric", "subject", "baseline", "ratio", "target / note"], rows));
  console.log(`(${m.eligible} investors eligible for the deal)`);
  if (rr.skipped) console.log(`board render in Chromium skipped: ${rr.skipped}`);
  else console.log(`(screenshot of the 2,000-deal board: bench-results/board-2000.png)`);
}

async function main() {
  const selected = parseArgs(process.argv.slice(2));
  const adminUrl = process.env.DATABASE_URL || DEFAULT_ADMIN_URL;
  // Tokens are signed and verified by the app's local auth; the bench never talks to Supabase.
  process.env.JWT_SECRET ||= randomBytes(36).toString("base64url");
  delete process.env.SUPABASE_URL;
  delete process.env.SUPABASE_JWT_SECRET;
  resetConfig();
  resetJwtSecret();

  const started = Date.now();
  const loadAtStart = loadavg().map((l) => round(l, 2));
  let bench: BenchDatabase | undefined;
  let interrupted = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) return;
    interrupted = true;
    console.error(`\n${signal}: dropping ${bench?.name ?? "the bench database"} and stopping`);
    const force = setTimeout(() => process.exit(130), 10_000);
    force.unref();
    void (bench?.drop() ?? Promise.resolve()).finally(() => process.exit(130));
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);

  const results: { rls?: RlsResult; search?: SearchResult; ingest?: IngestResult; coldstart?: ColdStartResult; pipeline?: PipelineResult; jobs?: JobsResult; workflows?: WorkflowsResult; mlTrain?: MlTrainResult; mlScore?: MlScoreResult; mlEndpoint?: MlEndpointResult } = {};
  if (![...selected].some((b) => DATABASE_BENCHMARKS.includes(b))) {
    if (selected.has("ml-train")) results.mlTrain = await runMlTrain();
    if (selected.has("ml-score")) results.mlScore = await runMlScore();
    if (results.mlTrain) printMlTrain(results.mlTrain);
    if (results.mlScore) printMlScore(results.mlScore);
    return;
  }
  try {
    console.log(`Creating and migrating hk_bench_${process.pid} on ${redact(adminUrl)} …`);
    bench = await createBenchDatabase(adminUrl);
    const leadsPerOrg = LEADS_PER_ORG;
    let seeded: Fixture | undefined;
    if ([...selected].some((b) => DATABASE_BENCHMARKS.includes(b) && !NO_FIXTURE_BENCHMARKS.includes(b))) {
      const seedHandle = scriptHandle(bench.url);
      seeded = await seedFixture(seedHandle, leadsPerOrg).finally(() => seedHandle.close());
      console.log(
        `Seeded ${seeded.orgs.length} orgs × ${leadsPerOrg.toLocaleString("en-US")} leads in ${(seeded.seedMs / 1000).toFixed(1)} s ` +
          `(the leads audit trigger was disabled during the bulk load and re-enabled after).`,
      );
    } else {
      console.log(`Not seeding the ${leadsPerOrg.toLocaleString("en-US")}-lead fixture: no selected benchmark uses it.`);
    }
    // Only benchmarks outside NO_FIXTURE_BENCHMARKS read it, and for those it was seeded above.
    const fixture = seeded as Fixture;

    if (selected.has("rls")) {
      console.log(`Running rls …`);
      results.rls = await runRls(bench.url, fixture, DEFAULT_RLS_OPTIONS, RLS_TARGET);
    }
    if (selected.has("search")) {
      console.log(`Running search …`);
      results.search = await runSearch(bench.url, fixture, DEFAULT_SEARCH_OPTIONS, SEARCH_TARGET_P95_MS);
    }
    if (selected.has("ingest")) {
      console.log(`Running ingest …`);
      results.ingest = await runIngest(bench.url, DEFAULT_INGEST_OPTIONS, INGEST_TARGETS);
    }
    if (selected.has("coldstart")) {
      console.log(`Running coldstart …`);
      results.coldstart = await runColdStart(bench.url, fixture, DEFAULT_COLDSTART_OPTIONS);
    }

    if (selected.has("pipeline")) {
      console.log(`Running pipeline …`);
      results.pipeline = await runPipeline(bench.url, fixture, DEFAULT_PIPELINE_OPTIONS, MATCH_TARGET_P95_MS);
    }

    if (selected.has("jobs")) {
      console.log(`Running jobs …`);
      results.jobs = await runJobs(bench.url, seeded, DEFAULT_JOBS_OPTIONS, JOBS_TARGET);
    }
    if (selected.has("workflows")) {
      console.log(`Running workflows …`);
      results.workflows = await runWorkflows(bench.url, DEFAULT_WORKFLOWS_OPTIONS);
    }
    if (selected.has("ml-endpoint")) {
      console.log(`Running ml-endpoint …`);
      results.mlEndpoint = await runMlEndpoint(bench.url, DEFAULT_ML_ENDPOINT_OPTIONS);
    }
    if (selected.has("ml-train")) {
      console.log(`Running ml-train …`);
      results.mlTrain = await runMlTrain();
    }
    if (selected.has("ml-score")) {
      console.log(`Running ml-score …`);
      results.mlScore = await runMlScore();
    }

    if (results.rls) printRls(results.rls);
    if (results.search) printSearch(results.search);
    if (results.ingest) printIngest(results.ingest);
    if (results.coldstart) printColdStart(results.coldstart);
    if (results.pipeline) printPipeline(results.pipeline);
    if (results.jobs) printJobs(results.jobs);
    if (results.workflows) printWorkflows(results.workflows);
    if (results.mlTrain) printMlTrain(results.mlTrain);
    if (results.mlScore) printMlScore(results.mlScore);
    if (results.mlEndpoint) printMlEndpoint(results.mlEndpoint);

    const report = {
      startedAt: new Date(started).toISOString(),
      durationMs: Date.now() - started,
      machine: {
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model,
        memoryGb: round(totalmem() / 2 ** 30, 1),
        node: process.versions.node,
        platform: process.platform,
        loadAverageAtStart: loadAtStart,
        loadAverageAtEnd: loadavg().map((l) => round(l, 2)),
      },
      database: { server: `PostgreSQL ${bench.serverVersion}`, name: bench.name, adminUrl: redact(adminUrl) },
      ...results,
    };
    const dir = join(process.cwd(), "bench-results");
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, "latest.json"), `${JSON.stringify(report, null, 2)}\n`);
    console.log(
      `\nLoad average (1/5/15 min) at start ${loadAtStart.join(" / ")}, at end ${loadavg().map((l) => l.toFixed(2)).join(" / ")} on ${cpus().length} CPUs` +
        ` — other work on the machine inflates tails and ratios alike.`,
    );
    console.log(`Wrote bench-results/latest.json (${((Date.now() - started) / 1000).toFixed(1)} s in all).`);
  } finally {
    if (bench && !interrupted) {
      await bench.drop().then(
        () => console.log(`Dropped ${bench!.name}.`),
        (err: unknown) => console.error(`Could not drop ${bench!.name}: ${(err as Error).message}`),
      );
    }
  }
}

main().catch((err: unknown) => {
  console.error(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exitCode = 1;
});
