import { CamelCasePlugin, Kysely, sql, type CompiledQuery } from "kysely";
import { PostgresJSDialect } from "kysely-postgres-js";
import postgres from "postgres";
import type { Page, Lead } from "../../src/domain/leads";
import { openPostgres, type DatabaseHandle, type RawSession } from "../../netlify/server/db/connect";
import { scriptHandle } from "./benchDatabase";
import type { Database } from "../../netlify/server/db/schema";
import { asService, asUser, type JwtClaims } from "../../netlify/server/db/transactions";
import { listLeads } from "../../netlify/server/services/leads/leadsService";
import { claimsFor, type Fixture } from "./fixtures";
import { median, round, summarize, throughput, timed, type LatencySummary } from "./stats";

export interface RlsOptions {
  /** Measured sequential calls per variant (split over the rounds). */
  iterations: number;
  /** Un-measured calls per variant before the first round. */
  warmup: number;
  rounds: number;
  /** Calls per variant for the throughput figure (split over the rounds), run by `concurrency` clients. */
  throughputCalls: number;
  concurrency: number;
  /** EXPLAIN ANALYZE repetitions per query for the server-side timing. */
  explainRuns: number;
}

export const DEFAULT_RLS_OPTIONS: RlsOptions = {
  iterations: 2000,
  warmup: 200,
  rounds: 10,
  throughputCalls: 3000,
  concurrency: 4,
  explainRuns: 30,
};

export interface VariantResult {
  key: string;
  label: string;
  latency: LatencySummary;
  throughputPerSec: number;
  /** p50 of each round separately: the ratio of two variants round by round cancels drift between rounds. */
  roundP50: number[];
}

/** Subject/baseline p50 round by round: median, min and max over the rounds. */
export interface RoundRatios {
  median: number;
  min: number;
  max: number;
}

export function roundRatios(subject: VariantResult, baseline: VariantResult): RoundRatios {
  const ratios = subject.roundP50.map((p, i) => p / baseline.roundP50[i]);
  const s = summarize(ratios);
  return { median: s.p50, min: s.min, max: s.max };
}

export interface PlanCheck {
  /** How often the policy helper (private.org_ids_with_role) ran during one execution of the statement. */
  helperCalls: number;
  /** Where the helper sits: "InitPlan", "hashed SubPlan", "SubPlan" (per row!) or "join". */
  helperPlacement: string[];
  indexUsed: string[];
  /** The index conditions: the org filter (and the keyset comparison on page 2) belong here, not in a Filter. */
  indexCond: string[];
  rowsRemovedByFilter: number;
  serverMsMedian: number;
  planningMsMedian: number;
  /** The text plan of the last run, for the report. */
  text: string;
}

export interface Comparison {
  query: string;
  subject: VariantResult;
  baseline: VariantResult;
  ratioP50: number;
  ratioP95: number;
  ratioThroughput: number;
  /** The p50 ratio computed within each round (median, min, max over the rounds). */
  ratioP50ByRound: RoundRatios;
  plans: { subject: PlanCheck; baseline: PlanCheck; subjectGeneric: PlanCheck };
}

/**
 * The recommended helper, tried out in the (throw-away) bench database only: the same query in plpgsql,
 * whose statements are planned once per session and then reused, where a SQL-language function that can't
 * be inlined (security definer, SET search_path) parses and plans its body again in every statement.
 */
export const PLPGSQL_HELPER_SQL = `create or replace function private.org_ids_with_role(roles text[]) returns setof uuid
language plpgsql stable security definer
set search_path = ''
as $$
begin
  return query
    select m.org_id from public.org_members m where m.user_id = (select auth.uid()) and m.role = any (roles);
end
$$;`;

export interface WhatIfResult {
  description: string;
  helperSql: string;
  subject: VariantResult;
  baseline: VariantResult;
  ratioP50: number;
  ratioP95: number;
  ratioThroughput: number;
  ratioP50ByRound: RoundRatios;
  /** p50 of the what-if over p50 of the current subject, round by round (< 1: the fix is faster). */
  versusCurrent: RoundRatios;
  plan: PlanCheck;
}

export interface RlsResult {
  options: RlsOptions;
  dataset: { orgs: number; leadsPerOrg: number; seedMs: number; auditTriggerDisabledDuringLoad: boolean };
  isolationCheck: { ownOrgRows: number; otherOrgRows: number };
  comparisons: Comparison[];
  /** Extra variants that split the gap into its parts (same rounds, same iterations). */
  decomposition: VariantResult[];
  /** Page 1 with the plpgsql helper swapped in (bench database only), in the same rounds as the rest. */
  whatIf: WhatIfResult;
  target: number;
  findings: string[];
}

interface Variant {
  key: string;
  label: string;
  run: () => Promise<unknown>;
  /** Puts the database in the state this variant needs; returns true when it had to change something. */
  setup?: () => Promise<boolean>;
}

/** Un-measured calls after a variant's setup changed the database (cached plans are rebuilt). */
const SETTLE_CALLS = 20;

/** The SQL and parameters listLeads sends, captured from a Kysely with the same plugins as the app's. */
async function captureListSql(url: string, claims: JwtClaims, orgId: string, cursor?: string): Promise<CompiledQuery> {
  const captured: CompiledQuery[] = [];
  const pg = postgres(url, { max: 1, onnotice: () => {} });
  const db = new Kysely<Database>({
    dialect: new PostgresJSDialect({ postgres: pg }),
    plugins: [new CamelCasePlugin()],
    log: (event) => {
      if (event.level === "query") captured.push(event.query);
    },
  });
  try {
    await asUser(db, claims, (tx) => listLeads(tx, orgId, { limit: 50, cursor }));
  } finally {
    await db.destroy();
  }
  const list = captured.find((q) => /from "leads"/.test(q.sql));
  if (!list) throw new Error("could not capture the leads list query");
  return list;
}

interface PlanNode {
  "Node Type": string;
  "Function Name"?: string;
  "Index Name"?: string;
  "Index Cond"?: string;
  "Parent Relationship"?: string;
  "Subplan Name"?: string;
  "Actual Loops"?: number;
  "Rows Removed by Filter"?: number;
  Filter?: string;
  Output?: string[];
  Plans?: PlanNode[];
}

function walk(node: PlanNode, visit: (n: PlanNode) => void) {
  visit(node);
  for (const child of node.Plans ?? []) walk(child, visit);
}

/** EXPLAIN ANALYZE `runs` times inside a transaction (as the user when claims are given, else as the superuser). */
async function explain(s: RawSession, q: CompiledQuery, claims: JwtClaims | undefined, runs: number, generic = false): Promise<PlanCheck> {
  const exec: number[] = [];
  const planning: number[] = [];
  let last: { Plan: PlanNode } | undefined;
  let text = "";
  await s.query("begin");
  try {
    if (claims) {
      await s.query("select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)", [JSON.stringify(claims)]);
    }
    if (generic) await s.query("set local plan_cache_mode = force_generic_plan");
    // The app's statements are prepared (postgres.js prepare: true); a named prepared statement run with
    // EXECUTE goes through the same plan cache, so force_generic_plan shows the plan a hot statement may get.
    const params = q.parameters.map((p) => (p === null ? "null" : `'${String(p).replace(/'/g, "''")}'`)).join(", ");
    await s.query(`prepare bench_list as ${q.sql}`);
    const run = `execute bench_list(${params})`;
    for (let i = 0; i < runs; i++) {
      const rows = await s.query<{ "QUERY PLAN": [{ Plan: PlanNode; "Execution Time": number; "Planning Time": number }] }>(
        `explain (analyze, verbose, buffers, format json) ${run}`,
      );
      const [plan] = rows[0]["QUERY PLAN"];
      exec.push(plan["Execution Time"]);
      planning.push(plan["Planning Time"]);
      last = plan;
    }
    text = (await s.query<{ "QUERY PLAN": string }>(`explain (analyze, costs off, timing off, summary off) ${run}`))
      .map((r) => r["QUERY PLAN"])
      .join("\n");
  } finally {
    await s.query("rollback");
    await s.query("deallocate bench_list").catch(() => {}); // prepared statements outlive the transaction
  }
  let helperCalls = 0;
  const helperPlacement: string[] = [];
  const indexUsed: string[] = [];
  const indexCond: string[] = [];
  let rowsRemovedByFilter = 0;
  const filters: string[] = [];
  walk(last!.Plan, (n) => {
    if (n.Filter) filters.push(n.Filter);
  });
  walk(last!.Plan, (n) => {
    const callsHelper = n["Function Name"] === "org_ids_with_role" || (n.Output ?? []).some((o) => o.includes("org_ids_with_role("));
    if (callsHelper) {
      helperCalls += n["Actual Loops"] ?? 0;
      const name = n["Subplan Name"] ?? "";
      helperPlacement.push(
        name.startsWith("InitPlan")
          ? "InitPlan"
          : name.startsWith("SubPlan")
            ? filters.some((f) => f.includes(`hashed ${name}`))
              ? "hashed SubPlan"
              : "SubPlan (per row!)"
            : "in the join tree",
      );
    }
    if (n["Index Name"]) indexUsed.push(`${n["Node Type"]} using ${n["Index Name"]}`);
    if (n["Index Cond"]) indexCond.push(n["Index Cond"].replace(/'[0-9a-f-]{36}'::uuid/g, "<uuid>").replace(/\('[^']*'::cstring\)::timestamp with time zone|'[^']*'::timestamp with time zone/g, "<ts>"));
    rowsRemovedByFilter += n["Rows Removed by Filter"] ?? 0;
  });
  return { helperCalls, helperPlacement, indexUsed, indexCond, rowsRemovedByFilter, serverMsMedian: median(exec), planningMsMedian: median(planning), text };
}

async function measure(variants: Variant[], options: RlsOptions): Promise<VariantResult[]> {
  const samples = new Map<string, number[]>(variants.map((v) => [v.key, []]));
  const roundP50 = new Map<string, number[]>(variants.map((v) => [v.key, []]));
  const tput = new Map<string, { ops: number; ms: number }>(variants.map((v) => [v.key, { ops: 0, ms: 0 }]));
  const prepare = async (v: Variant, calls = SETTLE_CALLS) => {
    if (v.setup && (await v.setup())) for (let i = 0; i < calls; i++) await v.run();
  };
  for (const v of variants) {
    await prepare(v, 0);
    for (let i = 0; i < options.warmup; i++) await v.run();
  }
  const perRound = Math.ceil(options.iterations / options.rounds);
  const tputPerRound = Math.ceil(options.throughputCalls / options.rounds);
  for (let r = 0; r < options.rounds; r++) {
    // Rotate the order every round so no variant always runs first (or right after another).
    const order = variants.map((_, i) => variants[(i + r) % variants.length]);
    if (r % 2) order.reverse();
    for (const v of order) {
      await prepare(v);
      const list: number[] = [];
      for (let i = 0; i < perRound; i++) list.push(await timed(v.run));
      samples.get(v.key)!.push(...list);
      roundP50.get(v.key)!.push(summarize(list).p50);
    }
    for (const v of order) {
      await prepare(v);
      const t = await throughput(v.run, tputPerRound, options.concurrency);
      const acc = tput.get(v.key)!;
      acc.ops += t.ops;
      acc.ms += t.ms;
    }
  }
  return variants.map((v) => {
    const t = tput.get(v.key)!;
    return {
      key: v.key,
      label: v.label,
      latency: summarize(samples.get(v.key)!),
      throughputPerSec: (t.ops / t.ms) * 1000,
      roundP50: roundP50.get(v.key)!,
    };
  });
}

function expectPage(page: Page<Lead>, orgId: string, what: string) {
  if (page.items.length !== 50 || page.items.some((l) => l.orgId !== orgId) || !page.nextCursor) {
    throw new Error(`${what}: expected a full page of 50 leads of the org with a next cursor, got ${page.items.length}`);
  }
}

export async function runRls(url: string, fixture: Fixture, options: RlsOptions, target = 1.2): Promise<RlsResult> {
  const [orgA, orgB] = fixture.orgs;
  const claims = await claimsFor(orgA.agent);
  const roundTripOnlySql = sql`select set_config('request.jwt.claims', ${JSON.stringify(claims)}, true)`;
  const handle: DatabaseHandle = openPostgres(url, { max: options.concurrency });
  const { db } = handle;
  try {
    // Sanity: both paths return the same page; RLS hides the other org even when asked for it explicitly.
    const first = await asUser(db, claims, (tx) => listLeads(tx, orgA.id, { limit: 50 }));
    const firstBaseline = await asService(db, (tx) => listLeads(tx, orgA.id, { limit: 50 }));
    expectPage(first, orgA.id, "page 1 as user");
    if (first.items.map((l) => l.id).join() !== firstBaseline.items.map((l) => l.id).join()) {
      throw new Error("the RLS page and the superuser page differ");
    }
    const cursor = first.nextCursor!;
    const second = await asUser(db, claims, (tx) => listLeads(tx, orgA.id, { limit: 50, cursor }));
    expectPage(second, orgA.id, "page 2 as user");
    const other = await asUser(db, claims, (tx) => listLeads(tx, orgB.id, { limit: 50 }));
    const isolationCheck = { ownOrgRows: first.items.length, otherOrgRows: other.items.length };
    if (other.items.length !== 0) throw new Error(`RLS leak: the agent of ${orgA.name} read ${other.items.length} leads of ${orgB.name}`);

    // The what-if variant swaps the policy helper for its plpgsql version in this (throw-away) database
    // and the others swap it back, block by block, so the proposed fix is measured in the same alternating
    // rounds as the rest. One dedicated connection does the swapping; the original is restored at the end.
    const admin = scriptHandle(url);
    const [{ def: originalHelper }] = await admin.session((s) =>
      s.query<{ def: string }>("select pg_get_functiondef('private.org_ids_with_role(text[])'::regprocedure) as def"),
    );
    let helper: "sql" | "plpgsql" = "sql";
    const useHelper = (kind: "sql" | "plpgsql") => async () => {
      if (helper === kind) return false;
      await admin.session((s) => s.exec(kind === "sql" ? originalHelper : PLPGSQL_HELPER_SQL));
      helper = kind;
      return true;
    };

    const variants: Variant[] = [
      { key: "p1Subject", label: "page 1 · asUser + RLS", setup: useHelper("sql"), run: () => asUser(db, claims, (tx) => listLeads(tx, orgA.id, { limit: 50 })) },
      { key: "p1Baseline", label: "page 1 · asService (superuser)", run: () => asService(db, (tx) => listLeads(tx, orgA.id, { limit: 50 })) },
      { key: "p2Subject", label: "page 2 · asUser + RLS", setup: useHelper("sql"), run: () => asUser(db, claims, (tx) => listLeads(tx, orgA.id, { limit: 50, cursor })) },
      { key: "p2Baseline", label: "page 2 · asService (superuser)", run: () => asService(db, (tx) => listLeads(tx, orgA.id, { limit: 50, cursor })) },
      {
        key: "p1RoundTrip",
        label: "page 1 · superuser + the claims statement, no role switch (no RLS)",
        run: () =>
          asService(db, async (tx) => {
            await roundTripOnlySql.execute(tx);
            return listLeads(tx, orgA.id, { limit: 50 });
          }),
      },
      {
        key: "p1SubjectPlpgsql",
        label: "page 1 · asUser + RLS, plpgsql helper (what-if)",
        setup: useHelper("plpgsql"),
        run: () => asUser(db, claims, (tx) => listLeads(tx, orgA.id, { limit: 50 })),
      },
    ];

    const q1 = await captureListSql(url, claims, orgA.id);
    const q2 = await captureListSql(url, claims, orgA.id, cursor);
    let results: Map<string, VariantResult>;
    let plans: Record<"p1" | "p2", Comparison["plans"]>;
    let whatIfPlan: PlanCheck;
    try {
      results = new Map((await measure(variants, options)).map((r) => [r.key, r]));
      await useHelper("plpgsql")();
      whatIfPlan = await admin.session((s) => explain(s, q1, claims, options.explainRuns));
      await useHelper("sql")();
      plans = await admin.session(async (s) => ({
        p1: {
          subject: await explain(s, q1, claims, options.explainRuns),
          baseline: await explain(s, q1, undefined, options.explainRuns),
          subjectGeneric: await explain(s, q1, claims, options.explainRuns, true),
        },
        p2: {
          subject: await explain(s, q2, claims, options.explainRuns),
          baseline: await explain(s, q2, undefined, options.explainRuns),
          subjectGeneric: await explain(s, q2, claims, options.explainRuns, true),
        },
      }));
    } finally {
      await useHelper("sql")().finally(() => admin.close());
    }

    const plpgsql = results.get("p1SubjectPlpgsql")!;
    const p1Baseline = results.get("p1Baseline")!;
    const whatIf: WhatIfResult = {
      description: "private.org_ids_with_role rewritten in plpgsql (same query, security definer, search_path), measured in the same rounds",
      helperSql: PLPGSQL_HELPER_SQL,
      subject: plpgsql,
      baseline: p1Baseline,
      ratioP50: plpgsql.latency.p50 / p1Baseline.latency.p50,
      ratioP95: plpgsql.latency.p95 / p1Baseline.latency.p95,
      ratioThroughput: p1Baseline.throughputPerSec / plpgsql.throughputPerSec,
      ratioP50ByRound: roundRatios(plpgsql, p1Baseline),
      versusCurrent: roundRatios(plpgsql, results.get("p1Subject")!),
      plan: whatIfPlan,
    };

    const compare = (query: string, s: VariantResult, b: VariantResult, p: Comparison["plans"]): Comparison => ({
      query,
      subject: s,
      baseline: b,
      ratioP50: s.latency.p50 / b.latency.p50,
      ratioP95: s.latency.p95 / b.latency.p95,
      ratioThroughput: b.throughputPerSec / s.throughputPerSec,
      ratioP50ByRound: roundRatios(s, b),
      plans: p,
    });
    const comparisons = [
      compare("leads list, page 1 (limit 50)", results.get("p1Subject")!, results.get("p1Baseline")!, plans.p1),
      compare("leads list, page 2 (keyset cursor)", results.get("p2Subject")!, results.get("p2Baseline")!, plans.p2),
    ];
    const decomposition = [results.get("p1RoundTrip")!];
    return {
      options,
      dataset: { orgs: fixture.orgs.length, leadsPerOrg: fixture.leadsPerOrg, seedMs: fixture.seedMs, auditTriggerDisabledDuringLoad: fixture.auditTriggerDisabled },
      isolationCheck,
      comparisons,
      decomposition,
      whatIf,
      target,
      findings: findings(comparisons, results.get("p1RoundTrip")!, whatIf, target),
    };
  } finally {
    await handle.close();
  }
}

function findings(comparisons: Comparison[], roundTrip: VariantResult, whatIf: WhatIfResult, target: number): string[] {
  const out: string[] = [];
  for (const c of comparisons) {
    const { subject, baseline, subjectGeneric } = c.plans;
    const placement = [...new Set(subject.helperPlacement)].join(", ") || "not in the plan";
    const genericPlacement = [...new Set(subjectGeneric.helperPlacement)].join(", ") || "not in the plan";
    out.push(
      `${c.query}: ratio p50 ${round(c.ratioP50)} (target ≤ ${target}) — ${c.ratioP50 <= target ? "within target" : "ABOVE target"}; ` +
        `round by round ${round(c.ratioP50ByRound.median)} (${round(c.ratioP50ByRound.min)}–${round(c.ratioP50ByRound.max)}). ` +
        `Server side (EXPLAIN ANALYZE, median of runs): ${round(subject.serverMsMedian, 3)} ms under RLS vs ${round(baseline.serverMsMedian, 3)} ms as superuser ` +
        `(ratio ${round(subject.serverMsMedian / baseline.serverMsMedian)}); planning ${round(subject.planningMsMedian, 3)} vs ${round(baseline.planningMsMedian, 3)} ms.`,
    );
    out.push(
      `  plan under RLS: ${subject.indexUsed.join("; ") || "no index"} (Index Cond: ${subject.indexCond.join("; ") || "none"}); policy helper ran ${subject.helperCalls}× per statement (${placement}); ` +
        `rows removed by filter: ${subject.rowsRemovedByFilter}. Generic plan: helper ${subjectGeneric.helperCalls}× (${genericPlacement}), ` +
        `${subjectGeneric.indexUsed.join("; ") || "no index"}, ${round(subjectGeneric.serverMsMedian, 3)} ms.`,
    );
    if (subject.helperCalls > 1 || subjectGeneric.helperCalls > 1) {
      out.push(`  WARNING: the policy helper runs more than once per statement — check the policy uses (select private.org_ids_with_role(...)).`);
    }
    if (subject.rowsRemovedByFilter > 0) {
      out.push(`  WARNING: the policy filter discarded ${subject.rowsRemovedByFilter} rows: the index did not confine the scan to the org.`);
    }
  }
  const p1 = comparisons[0];
  const gap = p1.subject.latency.p50 - p1.baseline.latency.p50;
  const rt = roundTrip.latency.p50 - p1.baseline.latency.p50;
  const rtRatio = roundRatios(roundTrip, p1.baseline);
  out.push(
    `Decomposition (page 1, p50): subject − baseline = ${round(gap, 3)} ms. The claims statement alone (one more round trip, ` +
      `no role switch, no RLS) costs ${rt > 0 ? `${round(rt, 3)} ms` : "nothing measurable"} (round-by-round ratio ${round(rtRatio.median)}, ` +
      `${round(rtRatio.min)}–${round(rtRatio.max)}). Server-side, EXPLAIN ANALYZE puts RLS at ` +
      `+${round(p1.plans.subject.serverMsMedian - p1.plans.baseline.serverMsMedian, 3)} ms execution and ` +
      `+${round(p1.plans.subject.planningMsMedian - p1.plans.baseline.planningMsMedian, 3)} ms planning per statement — the ` +
      `policy helper, a SQL function that can't be inlined (security definer + SET search_path), is parsed and planned again ` +
      `in every statement. The rest of the gap does not show server-side: client work and process scheduling (noisy on a loaded 2-core machine).`,
  );
  const p1Server = p1.plans.subject.serverMsMedian - p1.plans.baseline.serverMsMedian;
  const whatIfServer = whatIf.plan.serverMsMedian - p1.plans.baseline.serverMsMedian;
  out.push(
    `What-if (bench database only): with private.org_ids_with_role in plpgsql the page-1 ratio is ${round(whatIf.ratioP50)} at p50 ` +
      `(round by round ${round(whatIf.ratioP50ByRound.median)}, ${round(whatIf.ratioP50ByRound.min)}–${round(whatIf.ratioP50ByRound.max)}; ` +
      `versus the current helper ${round(whatIf.versusCurrent.median)}×, ${round(whatIf.versusCurrent.min)}–${round(whatIf.versusCurrent.max)}) ` +
      `(${round(whatIf.subject.latency.p50, 3)} vs ${round(whatIf.baseline.latency.p50, 3)} ms), throughput cost ratio ${round(whatIf.ratioThroughput)}; ` +
      `server-side RLS cost ${round(whatIfServer, 3)} ms instead of ${round(p1Server, 3)} ms per statement.`,
  );
  if (comparisons.some((c) => c.ratioP50 > target) && whatIf.ratioP50 < comparisons[0].ratioP50) {
    out.push(
      `Recommendation: a new migration (don't edit the applied ones) that redefines private.org_ids_with_role — and likewise ` +
        `private.user_org_ids and private.co_member_user_ids — as language plpgsql with the same query, security definer and ` +
        `search_path (the exact text tried here is rls.whatIf.helperSql in bench-results/latest.json).`,
    );
  }
  return out;
}
