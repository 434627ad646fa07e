// npm run bench [-- rls | coldstart]
//
// Benchmarks on the machine's PostgreSQL, each figure beside a baseline measured in the same run:
//   rls        the leads list as the API runs it (asUser: role + claims, RLS) vs the same query as the superuser
//   coldstart  a function module imported in a fresh Node process and answering its first request, vs tsx's
//              own start-up (a child that imports nothing)
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
import { seedFixture } from "./fixtures";
import { DEFAULT_RLS_OPTIONS, runRls, type RlsResult } from "./rls";
import { fmt, round, table } from "./stats";

const BENCHMARKS = ["rls", "coldstart"] as const;
type Benchmark = (typeof BENCHMARKS)[number];
const LEADS_PER_ORG = 100_000;
const RLS_TARGET = 1.2;

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
  const w = r.whatIf;
  rows.push([w.subject.label, "p50 ms", fmt(w.subject.latency.p50, 3), fmt(w.baseline.latency.p50, 3), fmt(w.ratioP50), "(what-if)"]);
  rows.push(["", "p50 ratio per round", "", "", fmt(w.ratioP50ByRound.median), `${fmt(w.ratioP50ByRound.min)}–${fmt(w.ratioP50ByRound.max)}`]);
  rows.push(["", "p50 vs current subject", "", "", fmt(w.versusCurrent.median), `${fmt(w.versusCurrent.min)}–${fmt(w.versusCurrent.max)}`]);
  rows.push(["", "p95 ms", fmt(w.subject.latency.p95, 3), fmt(w.baseline.latency.p95, 3), fmt(w.ratioP95), "(what-if)"]);
  rows.push(["", "throughput /s", fmt(w.subject.throughputPerSec, 0), fmt(w.baseline.throughputPerSec, 0), fmt(w.ratioThroughput), "(what-if)"]);
  rows.push(["", "server ms (EXPLAIN)", fmt(w.plan.serverMsMedian, 3), fmt(p1.plans.baseline.serverMsMedian, 3), fmt(w.plan.serverMsMedian / p1.plans.baseline.serverMsMedian), "(what-if)"]);
  console.log(table(["query", "metric", "subject", "baseline", "ratio", "target"], rows));
  console.log(`(throughput ratio = baseline/subject, i.e. time per call, so > 1 means the subject is slower, like the others;`);
  console.log(` "p50 ratio per round" = the p50 ratio within each alternating round: median, and min–max over the rounds)`);
  console.log(`isolation check: the agent of org A reads ${r.isolationCheck.ownOrgRows} rows of org A, ${r.isolationCheck.otherOrgRows} of org B`);
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

  const results: { rls?: RlsResult; coldstart?: ColdStartResult } = {};
  try {
    console.log(`Creating and migrating hk_bench_${process.pid} on ${redact(adminUrl)} …`);
    bench = await createBenchDatabase(adminUrl);
    const leadsPerOrg = LEADS_PER_ORG;
    const seedHandle = scriptHandle(bench.url);
    const fixture = await seedFixture(seedHandle, leadsPerOrg).finally(() => seedHandle.close());
    console.log(
      `Seeded ${fixture.orgs.length} orgs × ${leadsPerOrg.toLocaleString("en-US")} leads in ${(fixture.seedMs / 1000).toFixed(1)} s ` +
        `(the leads audit trigger was disabled during the bulk load and re-enabled after).`,
    );

    if (selected.has("rls")) {
      console.log(`Running rls …`);
      results.rls = await runRls(bench.url, fixture, DEFAULT_RLS_OPTIONS, RLS_TARGET);
    }
    if (selected.has("coldstart")) {
      console.log(`Running coldstart …`);
      results.coldstart = await runColdStart(bench.url, fixture, DEFAULT_COLDSTART_OPTIONS);
    }

    if (results.rls) printRls(results.rls);
    if (results.coldstart) printColdStart(results.coldstart);

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
