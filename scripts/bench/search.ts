import type { CompiledQuery } from "kysely";
import type { Lead, LeadStatus } from "../../src/domain/leads";
import { openPostgres, type RawSession } from "../../netlify/server/db/connect";
import type { JwtClaims } from "../../netlify/server/db/transactions";
import { asUser } from "../../netlify/server/db/transactions";
import { listLeads, type ListLeadsInput } from "../../netlify/server/services/leads/leadsService";
import { toPrefixTsQuery } from "../../netlify/server/services/leads/searchTerms";
import { scriptHandle } from "./benchDatabase";
import { claimsFor, type Fixture } from "./fixtures";
import { captureListSql, measure, roundRatios, type RoundRatios, type Variant, type VariantResult } from "./rls";
import { summarize, type LatencySummary } from "./stats";

export interface SearchOptions {
  /** Measured sequential calls per variant (split over the rounds), for the client-side wall time. */
  iterations: number;
  warmup: number;
  rounds: number;
  /** EXPLAIN ANALYZE runs per variant for the server time (subject and baseline interleaved). */
  explainRuns: number;
  /** 3–4 letter prefixes of common last names, used in rotation. */
  terms: string[];
  statuses: LeadStatus[];
  state: string;
}

export const DEFAULT_SEARCH_OPTIONS: SearchOptions = {
  iterations: 600,
  warmup: 60,
  rounds: 6,
  explainRuns: 240,
  terms: ["smi", "john", "will", "garc", "brow", "mart"],
  statuses: ["new", "contacted"],
  state: "TX",
};

export interface ServerTime {
  /** Execution + planning, from EXPLAIN (ANALYZE) of the prepared statement. */
  total: LatencySummary;
  execution: LatencySummary;
  planning: LatencySummary;
}

export interface TermReport {
  term: string;
  tsquery: string;
  /** Leads of the org matching the search alone, and the search with both filters. */
  matchesSearch: number;
  matchesAll: number;
  pageSize: number;
  server: ServerTime;
  /** The plan the prepared statement got on its last run (costs off). */
  plan: string;
  indexes: string[];
}

/** Server time of related statements, to explain the subject's plan (not part of the target). */
export interface SearchDiagnostic {
  label: string;
  server: ServerTime;
  indexes: string[];
  rows: number;
}

const indexesOf = (plan: string) =>
  [...new Set([...plan.matchAll(/(?:Index Scan|Index Only Scan|Bitmap Index Scan)(?: Backward)? (?:using|on) (\w+)/g)].map((m) => m[1]))];

export interface SearchResult {
  options: SearchOptions;
  dataset: { leadsPerOrg: number };
  subject: { wall: VariantResult; server: ServerTime };
  baseline: { wall: VariantResult; server: ServerTime; plan: string };
  ratioWallP50: number;
  ratioWallP95: number;
  ratioServerP50: number;
  ratioServerP95: number;
  wallP50ByRound: RoundRatios;
  terms: TermReport[];
  diagnostics: SearchDiagnostic[];
  target: number;
  findings: string[];
}

interface ExplainRoot {
  "Execution Time": number;
  "Planning Time": number;
}

const quote = (v: unknown) => `'${String(v).replace(/'/g, "''")}'`;
// Arrays as Postgres array literals ({"a","b"}), as postgres.js sends a text[] parameter.
const literal = (p: unknown) =>
  p === null ? "null" : Array.isArray(p) ? quote(`{${p.map((x) => `"${String(x).replace(/(["\\])/g, "\\$1")}"`).join(",")}}`) : quote(p);

/**
 * EXPLAIN (ANALYZE) of the list statement as the app sends it: prepared once per session, as postgres.js
 * does, then executed with each run's parameters — so the plan cache (custom plans first, perhaps a generic
 * plan later) behaves as it does for the API. Runs as the user: role authenticated + claims, RLS on.
 */
async function prepareAs(s: RawSession, claims: JwtClaims | undefined, statements: Record<string, CompiledQuery>, planCacheMode?: string) {
  await s.query("begin");
  if (planCacheMode) await s.query(`set local plan_cache_mode = ${planCacheMode}`);
  if (claims) {
    await s.query("select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)", [JSON.stringify(claims)]);
  }
  for (const [name, q] of Object.entries(statements)) await s.query(`prepare ${name} as ${q.sql}`);
  return {
    async time(name: string, params: readonly unknown[]) {
      const rows = await s.query<{ "QUERY PLAN": [ExplainRoot] }>(`explain (analyze, format json) execute ${name}(${params.map(literal).join(", ")})`);
      const [root] = rows[0]["QUERY PLAN"];
      return { execution: root["Execution Time"], planning: root["Planning Time"] };
    },
    async plan(name: string, params: readonly unknown[]) {
      const rows = await s.query<{ "QUERY PLAN": string }>(`explain (analyze, costs off, timing off, summary off) execute ${name}(${params.map(literal).join(", ")})`);
      return rows.map((r) => r["QUERY PLAN"]).join("\n");
    },
    async end() {
      await s.query("rollback");
      for (const name of Object.keys(statements)) await s.query(`deallocate ${name}`).catch(() => {});
    },
  };
}

function serverTime(samples: { execution: number; planning: number }[]): ServerTime {
  return {
    total: summarize(samples.map((x) => x.execution + x.planning)),
    execution: summarize(samples.map((x) => x.execution)),
    planning: summarize(samples.map((x) => x.planning)),
  };
}

function checkPage(items: Lead[], term: string, options: SearchOptions, orgId: string) {
  const words = (l: Lead) =>
    [l.firstName, l.lastName, l.email, l.address.street, l.address.city].join(" ").toLowerCase().split(/[^\p{L}\p{N}_]+/u);
  const bad = items.find(
    (l) => l.orgId !== orgId || !options.statuses.includes(l.status) || l.address.state !== options.state || !words(l).some((w) => w.startsWith(term)),
  );
  if (bad) throw new Error(`search "${term}": lead ${bad.id} does not match the search and filters`);
}

export async function runSearch(url: string, fixture: Fixture, options: SearchOptions, target = 25): Promise<SearchResult> {
  const [orgA] = fixture.orgs;
  const claims = await claimsFor(orgA.agent);
  const handle = openPostgres(url, { max: 2 });
  const admin = scriptHandle(url);
  const { db } = handle;
  const filters = { status: options.statuses, state: options.state };
  const input = (q: string): ListLeadsInput => ({ q, ...filters, limit: 50 });
  try {
    // Sanity: every term finds a page of leads that match the search and both filters, as the agent.
    const pageSizes = new Map<string, number>();
    for (const term of options.terms) {
      const page = await asUser(db, claims, (tx) => listLeads(tx, orgA.id, input(term)));
      if (page.items.length === 0) throw new Error(`search "${term}" found nothing`);
      checkPage(page.items, term, options, orgA.id);
      pageSizes.set(term, page.items.length);
    }

    let turn = 0;
    const variants: Variant[] = [
      {
        key: "search",
        label: `search + status + state`,
        run: () => asUser(db, claims, (tx) => listLeads(tx, orgA.id, input(options.terms[turn++ % options.terms.length]))),
      },
      { key: "plain", label: "plain first page", run: () => asUser(db, claims, (tx) => listLeads(tx, orgA.id, { limit: 50 })) },
    ];
    const wall = new Map((await measure(variants, { ...options, throughputCalls: 0, concurrency: 1 })).map((r) => [r.key, r]));

    // Server time: the statements exactly as listLeads sends them (one SQL text for every term), interleaved.
    const captured = await Promise.all(options.terms.map((t) => captureListSql(url, claims, orgA.id, undefined, input(t))));
    if (new Set(captured.map((q) => q.sql)).size !== 1) throw new Error("listLeads sent different SQL for different terms");
    const plainSql = await captureListSql(url, claims, orgA.id);
    const timing = await admin.session(async (s) => {
      const stmt = await prepareAs(s, claims, { bench_search: captured[0], bench_plain: plainSql });
      try {
        const search: { execution: number; planning: number; term: string }[] = [];
        const plain: { execution: number; planning: number }[] = [];
        for (let i = 0; i < 20; i++) await stmt.time("bench_search", captured[i % captured.length].parameters); // warm
        for (let i = 0; i < options.explainRuns; i++) {
          const k = i % captured.length;
          search.push({ ...(await stmt.time("bench_search", captured[k].parameters)), term: options.terms[k] });
          plain.push(await stmt.time("bench_plain", plainSql.parameters));
        }
        const plans = [];
        for (const q of captured) plans.push(await stmt.plan("bench_search", q.parameters));
        return { search, plain, plans, plainPlan: await stmt.plan("bench_plain", plainSql.parameters) };
      } finally {
        await stmt.end();
      }
    });
    const counts = await admin.session((s) =>
      Promise.all(
        options.terms.map(async (term) => {
          const tsquery = toPrefixTsQuery(term)!;
          const [row] = await s.query<{ search: number; all: number }>(
            `select count(*)::int as search,
                    count(*) filter (where status = any ($3::text[]) and state = $4)::int as all
             from public.leads where org_id = $1 and search_vector @@ to_tsquery('simple', $2)`,
            [orgA.id, tsquery, options.statuses, options.state],
          );
          return { term, tsquery, ...row };
        }),
      ),
    );

    // Diagnostics: the same search as the superuser (no RLS), and a look-up of one lead by the last 7 digits of
    // its phone, as the user and as the superuser — where an index on the search vector would matter most.
    const [{ phone }] = await admin.session((s) =>
      s.query<{ phone: string }>("select phone from public.leads where org_id = $1 and phone is not null order by created_at limit 1 offset 5000", [orgA.id]),
    );
    const lookup = await captureListSql(url, claims, orgA.id, undefined, { q: phone.slice(-7), limit: 50 });
    const diagRuns = Math.max(10, Math.round(options.explainRuns / 6));
    const diagnose = async (label: string, asUserToo: JwtClaims | undefined, q: CompiledQuery, params: (k: number) => readonly unknown[], planCacheMode?: string) =>
      admin.session(async (s) => {
        const stmt = await prepareAs(s, asUserToo, { bench_diag: q }, planCacheMode);
        try {
          const runs = [];
          for (let i = 0; i < 5; i++) await stmt.time("bench_diag", params(i));
          for (let i = 0; i < diagRuns; i++) runs.push(await stmt.time("bench_diag", params(i)));
          const plan = await stmt.plan("bench_diag", params(0));
          const rows = Number(/Limit \(actual rows=(\d+)/.exec(plan)?.[1] ?? NaN);
          return { label, server: serverTime(runs), indexes: indexesOf(plan), rows };
        } finally {
          await stmt.end();
        }
      });
    const termParams = (k: number) => captured[k % captured.length].parameters;
    const diagnostics: SearchDiagnostic[] = [
      await diagnose("search + filters, superuser (no RLS)", undefined, captured[0], termParams),
      await diagnose("search + filters, as the user, custom plans forced", claims, captured[0], termParams, "force_custom_plan"),
      await diagnose(`look-up by phone digits "${phone.slice(-7)}", as the user (RLS)`, claims, lookup, () => lookup.parameters),
      await diagnose(`look-up by phone digits "${phone.slice(-7)}", superuser (no RLS)`, undefined, lookup, () => lookup.parameters),
    ];

    const terms: TermReport[] = options.terms.map((term, k) => {
      const c = counts[k];
      const plan = timing.plans[k];
      return {
        term,
        tsquery: c.tsquery,
        matchesSearch: c.search,
        matchesAll: c.all,
        pageSize: pageSizes.get(term)!,
        server: serverTime(timing.search.filter((x) => x.term === term)),
        plan,
        indexes: indexesOf(plan),
      };
    });
    const search = wall.get("search")!;
    const plain = wall.get("plain")!;
    const subjectServer = serverTime(timing.search);
    const baselineServer = serverTime(timing.plain);
    const result: SearchResult = {
      options,
      dataset: { leadsPerOrg: fixture.leadsPerOrg },
      subject: { wall: search, server: subjectServer },
      baseline: { wall: plain, server: baselineServer, plan: timing.plainPlan },
      ratioWallP50: search.latency.p50 / plain.latency.p50,
      ratioWallP95: search.latency.p95 / plain.latency.p95,
      ratioServerP50: subjectServer.total.p50 / baselineServer.total.p50,
      ratioServerP95: subjectServer.total.p95 / baselineServer.total.p95,
      wallP50ByRound: roundRatios(search, plain),
      terms,
      diagnostics,
      target,
      findings: [],
    };
    result.findings = findings(result);
    return result;
  } finally {
    await admin.close();
    await handle.close();
  }
}

function findings(r: SearchResult): string[] {
  const f = (n: number, d = 2) => n.toFixed(d);
  const out: string[] = [];
  const s = r.subject.server.total;
  const ok = s.p95 < r.target;
  out.push(
    `Server time (EXPLAIN ANALYZE, execution + planning) of the search: p50 ${f(s.p50)} ms, p95 ${f(s.p95)} ms (target p95 < ${r.target} ms: ` +
      `${ok ? "met" : "MISSED"}); plain first page p50 ${f(r.baseline.server.total.p50)} / p95 ${f(r.baseline.server.total.p95)} ms. ` +
      `Client wall time (asUser transaction + listLeads): p50 ${f(r.subject.wall.latency.p50)} / p95 ${f(r.subject.wall.latency.p95)} ms ` +
      `vs ${f(r.baseline.wall.latency.p50)} / ${f(r.baseline.wall.latency.p95)} ms.`,
  );
  for (const t of r.terms) {
    out.push(
      `  "${t.term}" (${t.tsquery}): ${t.matchesSearch.toLocaleString("en-US")} leads of the org match the search, ${t.matchesAll.toLocaleString("en-US")} also both filters; ` +
        `server p50 ${f(t.server.total.p50)} / p95 ${f(t.server.total.p95)} ms; plan uses ${t.indexes.join(" + ") || "no index"}.`,
    );
  }
  const [su, custom, lookupUser, lookupSu] = r.diagnostics;
  const generic = r.subject.server.planning.p50 < 0.05;
  out.push(
    `Plan cache: the prepared search ${generic ? "runs a GENERIC plan (planning ≈ 0 ms: parameters unknown to the planner)" : "is planned per execution (custom plans)"}; ` +
      `with custom plans forced (plan_cache_mode = force_custom_plan) p50 ${f(custom.server.total.p50)} / p95 ${f(custom.server.total.p95)} ms ` +
      `using ${custom.indexes.join(" + ") || "no index"}.`,
  );
  const searchIndexUnderRls = r.terms.some((t) => t.indexes.includes("leads_search_idx")) || lookupUser.indexes.includes("leads_search_idx");
  out.push(
    `Same search as the superuser (no RLS): p50 ${f(su.server.total.p50)} / p95 ${f(su.server.total.p95)} ms using ${su.indexes.join(" + ") || "no index"}. ` +
      `Look-up of one lead by 7 phone digits: ${f(lookupUser.server.total.p50)} ms as the user (${lookupUser.indexes.join(" + ") || "no index"}) vs ` +
      `${f(lookupSu.server.total.p50)} ms as the superuser (${lookupSu.indexes.join(" + ") || "no index"}).`,
  );
  if (!searchIndexUnderRls && lookupSu.indexes.includes("leads_search_idx")) {
    out.push(
      `Under RLS the GIN index leads_search_idx is never used: search_vector @@ tsquery (ts_match_vq) is not LEAKPROOF, and PostgreSQL ` +
        `won't evaluate a non-leakproof user condition before the policy's, so it can't be an index condition. The search is then a ` +
        `filter over whatever the btree indexes (org, status) return — its cost grows with the org's rows, not the hits; a rare term scans the whole org.`,
    );
  }
  if (!ok || r.terms.some((t) => t.server.total.p95 >= r.target)) {
    out.push(
      `Recommendation (index): give the filters the btree that narrows the rows the search must test — a new migration with ` +
        `create index concurrently leads_org_state_status_created_idx on public.leads (org_id, state, status, created_at desc, id desc) ` +
        `where deleted_at is null — so state and both statuses are index conditions (equality and = ANY are leakproof, usable under RLS) ` +
        `and the @@ filter runs on those rows only, whatever plan the cache picks. That bounds the cost by the filtered rows, not the org; ` +
        `making the search itself indexable under RLS needs a leakproof form of it (e.g. a trigger-kept (org_id, term, lead_id) btree table ` +
        `queried with term >= prefix and term < next prefix, joined on id), not another index on search_vector.`,
    );
  }
  const worst = [...r.terms].sort((a, b) => b.server.total.p95 - a.server.total.p95)[0];
  out.push(`Plan of the slowest term ("${worst.term}"), costs off:`);
  for (const line of worst.plan.split("\n")) out.push(`    ${line}`);
  return out;
}
