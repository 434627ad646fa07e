import { CamelCasePlugin, Kysely, sql, type CompiledQuery } from "kysely";
import { PostgresJSDialect } from "kysely-postgres-js";
import postgres from "postgres";
import type { Page, Lead } from "../../src/domain/leads";
import { openPostgres, type DatabaseHandle, type RawSession } from "../../netlify/server/db/connect";
import { scriptHandle } from "./benchDatabase";
import type { Database } from "../../netlify/server/db/schema";
import { asService, asUser, type JwtClaims } from "../../netlify/server/db/transactions";
import { listLeads, type ListLeadsInput } from "../../netlify/server/services/leads/leadsService";
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
  /** How often the policy helpers (private.org_ids_with_role, org_ids_seeing_all_leads, …) ran during one execution. */
  helperCalls: number;
  /** Where each helper sits: "<name>: InitPlan", "hashed SubPlan", "SubPlan (per row!)" or "in the join tree". */
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

export interface RlsResult {
  options: RlsOptions;
  dataset: { orgs: number; leadsPerOrg: number; seedMs: number; auditTriggerDisabledDuringLoad: boolean };
  isolationCheck: { ownOrgRows: number; otherOrgRows: number };
  comparisons: Comparison[];
  /** Extra variants that split the gap into its parts (same rounds, same iterations). */
  decomposition: VariantResult[];
  /** The policy helpers as installed by the migrations: language (plpgsql since 20261122001000) and security. */
  policyHelpers: PolicyHelper[];
  target: number;
  findings: string[];
}

export interface Variant {
  key: string;
  label: string;
  run: () => Promise<unknown>;
}

export interface PolicyHelper {
  name: string;
  language: string;
  securityDefiner: boolean;
}

/** The SQL and parameters listLeads sends, captured from a Kysely with the same plugins as the app's. */
export async function captureListSql(url: string, claims: JwtClaims, orgId: string, cursor?: string, input: ListLeadsInput = { limit: 50 }): Promise<CompiledQuery> {
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
    await asUser(db, claims, (tx) => listLeads(tx, orgId, { ...input, cursor }));
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

/** The set-returning security-definer helpers the policies call (private.*). */
const POLICY_HELPER = /^(org_ids_\w+|user_org_ids|co_member_user_ids)$/;
const POLICY_HELPER_CALL = /\b(org_ids_\w+|user_org_ids|co_member_user_ids)\(/;

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
    const helper = (n["Function Name"] && POLICY_HELPER.test(n["Function Name"]) ? n["Function Name"] : undefined) ??
      (n.Output ?? []).map((o) => POLICY_HELPER_CALL.exec(o)?.[1]).find(Boolean);
    if (helper) {
      helperCalls += n["Actual Loops"] ?? 0;
      const name = n["Subplan Name"] ?? "";
      helperPlacement.push(
        `${helper}: ` +
        (name.startsWith("InitPlan")
          ? "InitPlan"
          : name.startsWith("SubPlan")
            ? filters.some((f) => f.includes(`hashed ${name}`))
              ? "hashed SubPlan"
              : "SubPlan (per row!)"
            : "in the join tree"),
      );
    }
    if (n["Index Name"]) indexUsed.push(`${n["Node Type"]} using ${n["Index Name"]}`);
    if (n["Index Cond"]) indexCond.push(n["Index Cond"].replace(/'[0-9a-f-]{36}'::uuid/g, "<uuid>").replace(/\('[^']*'::cstring\)::timestamp with time zone|'[^']*'::timestamp with time zone/g, "<ts>"));
    rowsRemovedByFilter += n["Rows Removed by Filter"] ?? 0;
  });
  return { helperCalls, helperPlacement, indexUsed, indexCond, rowsRemovedByFilter, serverMsMedian: median(exec), planningMsMedian: median(planning), text };
}

/**
 * Runs every variant in the same alternating rounds (order rotated, and reversed every other round, so no
 * variant always runs first or right after another): sequential calls for latency, then `concurrency`
 * clients for throughput. Shared with the search benchmark.
 */
export async function measure(variants: Variant[], options: Pick<RlsOptions, "iterations" | "warmup" | "rounds" | "throughputCalls" | "concurrency">): Promise<VariantResult[]> {
  const samples = new Map<string, number[]>(variants.map((v) => [v.key, []]));
  const roundP50 = new Map<string, number[]>(variants.map((v) => [v.key, []]));
  const tput = new Map<string, { ops: number; ms: number }>(variants.map((v) => [v.key, { ops: 0, ms: 0 }]));
  for (const v of variants) {
    for (let i = 0; i < options.warmup; i++) await v.run();
  }
  const perRound = Math.ceil(options.iterations / options.rounds);
  const tputPerRound = Math.ceil(options.throughputCalls / options.rounds);
  for (let r = 0; r < options.rounds; r++) {
    const order = variants.map((_, i) => variants[(i + r) % variants.length]);
    if (r % 2) order.reverse();
    for (const v of order) {
      const list: number[] = [];
      for (let i = 0; i < perRound; i++) list.push(await timed(v.run));
      samples.get(v.key)!.push(...list);
      roundP50.get(v.key)!.push(summarize(list).p50);
    }
    if (tputPerRound > 0) {
      for (const v of order) {
        const t = await throughput(v.run, tputPerRound, options.concurrency);
        const acc = tput.get(v.key)!;
        acc.ops += t.ops;
        acc.ms += t.ms;
      }
    }
  }
  return variants.map((v) => {
    const t = tput.get(v.key)!;
    return {
      key: v.key,
      label: v.label,
      latency: summarize(samples.get(v.key)!),
      throughputPerSec: t.ms ? (t.ops / t.ms) * 1000 : NaN,
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

    const variants: Variant[] = [
      { key: "p1Subject", label: "page 1 · asUser + RLS", run: () => asUser(db, claims, (tx) => listLeads(tx, orgA.id, { limit: 50 })) },
      { key: "p1Baseline", label: "page 1 · asService (superuser)", run: () => asService(db, (tx) => listLeads(tx, orgA.id, { limit: 50 })) },
      { key: "p2Subject", label: "page 2 · asUser + RLS", run: () => asUser(db, claims, (tx) => listLeads(tx, orgA.id, { limit: 50, cursor })) },
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
    ];

    const q1 = await captureListSql(url, claims, orgA.id);
    const q2 = await captureListSql(url, claims, orgA.id, cursor);
    const results = new Map((await measure(variants, options)).map((r) => [r.key, r]));
    // EXPLAIN and the catalog look-up on one dedicated connection of the bench's own.
    const admin = scriptHandle(url);
    let plans: Record<"p1" | "p2", Comparison["plans"]>;
    let policyHelpers: PolicyHelper[];
    try {
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
      policyHelpers = await admin.session((s) =>
        s.query<PolicyHelper>(
          `select p.proname as name, l.lanname as language, p.prosecdef as "securityDefiner"
           from pg_proc p join pg_namespace n on n.oid = p.pronamespace join pg_language l on l.oid = p.prolang
           where n.nspname = 'private' and p.proretset and p.proname like any (array['%org_ids%', '%user_ids%'])
           order by p.proname`,
        ),
      );
    } finally {
      await admin.close();
    }

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
      policyHelpers,
      target,
      findings: findings(comparisons, results.get("p1RoundTrip")!, policyHelpers, target),
    };
  } finally {
    await handle.close();
  }
}

function findings(comparisons: Comparison[], roundTrip: VariantResult, helpers: PolicyHelper[], target: number): string[] {
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
    if (subject.helperCalls > subject.helperPlacement.length || subjectGeneric.helperCalls > subjectGeneric.helperPlacement.length) {
      out.push(`  WARNING: a policy helper runs more than once per statement — check the policy wraps it: (select private.<helper>(...)).`);
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
      `+${round(p1.plans.subject.planningMsMedian - p1.plans.baseline.planningMsMedian, 3)} ms planning per statement. ` +
      `The rest of the gap does not show server-side: client work and process scheduling (noisy on a loaded 2-core machine).`,
  );
  const notPlpgsql = helpers.filter((h) => h.securityDefiner && h.language !== "plpgsql");
  out.push(
    `Policy helpers as migrated: ${helpers.map((h) => `private.${h.name} (${h.language}${h.securityDefiner ? ", security definer" : ""})`).join(", ") || "none found"}.` +
      (notPlpgsql.length
        ? ` WARNING: ${notPlpgsql.map((h) => h.name).join(", ")} ${notPlpgsql.length > 1 ? "are" : "is"} not plpgsql: a security-definer SQL function with ` +
          `SET search_path can't be inlined and is parsed and planned again in every statement (see 20261122001000_policy_helpers_plpgsql.sql).`
        : ""),
  );
  return out;
}
