import type { PipelineResponse } from "../../src/domain/pipeline";
import { ruleBasedMatcher } from "../../src/domain/matching/ruleBasedMatcher";
import { openPostgres, type DatabaseHandle } from "../../netlify/server/db/connect";
import { asService, asUser } from "../../netlify/server/db/transactions";
import { dealFactsFor } from "../../netlify/server/services/investors/dealFacts";
import { toMatchingInvestor } from "../../netlify/server/services/investors/investorDto";
import { matchInvestors } from "../../netlify/server/services/investors/matchingService";
import { loadPipeline } from "../../netlify/server/services/pipeline/pipelineBoard";
import { DEFAULT_PIPELINE_STAGES } from "../../netlify/server/services/orgs/defaultPipeline";
import { runBoardRender, type BoardRenderResult } from "./boardRender";
import { claimsFor, type Fixture } from "./fixtures";
import { summarize, type LatencySummary } from "./stats";

export interface PipelineOptions {
  openOpportunities: number;
  investors: number;
  boardRuns: number;
  matchRuns: number;
  warmup: number;
}

export const DEFAULT_PIPELINE_OPTIONS: PipelineOptions = { openOpportunities: 2_000, investors: 10_000, boardRuns: 30, matchRuns: 60, warmup: 5 };

export interface PipelineResult {
  options: PipelineOptions;
  seedMs: number;
  board: { subject: LatencySummary; baseline: LatencySummary; cards: number; jsonKb: number };
  matching: {
    endpoint: LatencySummary;
    matcherOnly: LatencySummary;
    readInvestors: LatencySummary;
    loopBaseline: LatencySummary;
    candidates: number;
    eligible: number;
  };
  targetMatchP95Ms: number;
  render: BoardRenderResult;
}

/**
 * Seeds org A of the bench database (as the superuser, audit triggers off for the bulk load) with the default
 * stages, `openOpportunities` deals with properties spread over the five open stages, and `investors`
 * investors with random preferences; returns the id of a deal to match.
 */
async function seedDeals(handle: DatabaseHandle, orgId: string, options: PipelineOptions): Promise<string> {
  let dealId = "";
  await handle.session(async (s) => {
    await s.query("select setseed(0.7)");
    for (const t of ["opportunities", "properties", "investors"]) await s.query(`alter table public.${t} disable trigger audit_row_change`);
    try {
      for (const [position, st] of DEFAULT_PIPELINE_STAGES.entries()) {
        await s.query("insert into public.pipeline_stages (org_id, name, kind, probability, position) values ($1, $2, $3, $4, $5)", [orgId, st.name, st.kind, st.probability, position]);
      }
      await s.query(
        `with p as (
           insert into public.properties (org_id, street, city, state, zip, property_type)
           select $1, n || ' Bench St', (array['Austin','Dallas','Houston','Denver','Phoenix'])[1 + n % 5],
                  (array['TX','TX','TX','CO','AZ'])[1 + n % 5], (array['78704','75201','77002','80202','85004'])[1 + n % 5],
                  (array['single_family','multifamily','condo','townhouse','commercial'])[1 + (n / 5) % 5]
           from generate_series(1, $2::int) n
           returning id, street
         )
         insert into public.opportunities (org_id, title, stage_id, position, property_id, value, probability, expected_close_date)
         select $1, p.street, s.id, row_number() over (partition by s.id order by p.id), p.id,
                (50 + floor(random() * 600)) * 1000, case when random() < 0.3 then floor(random() * 100) end,
                current_date + (random() * 120)::int
         from (select p.*, row_number() over () as n from p) p
         join (select id, row_number() over (order by position) - 1 as i from public.pipeline_stages where org_id = $1 and kind = 'open') s
           on s.i = p.n % 5`,
        [orgId, options.openOpportunities],
      );
      await s.query(
        `insert into public.investors (org_id, first_name, last_name, min_investment, max_investment, capital_available, accreditation_status,
                                       property_types, market_states, market_cities, market_zips, target_return, risk_tolerance, hold_period_months, leverage_preference)
         select $1, 'Investor', n::text, mn, mn * (2 + floor(random() * 8)), mn * (2 + floor(random() * 20)),
                (array['accredited','pending','unverified'])[1 + n % 3],
                case when random() < 0.2 then '{}'::text[] else array[(array['single_family','multifamily','condo','townhouse','commercial'])[1 + n % 5]] end,
                case when random() < 0.5 then array[(array['TX','CO','AZ','FL','GA'])[1 + (n / 3) % 5]] else '{}'::text[] end,
                case when random() < 0.2 then array['Austin, TX'] else '{}'::text[] end,
                case when random() < 0.2 then array['78704'] else '{}'::text[] end,
                round((0.05 + random() * 0.15)::numeric, 4), 1 + floor(random() * 10), (array[12, 36, 60, 120])[1 + n % 4],
                (array['none','low','moderate','high'])[1 + n % 4]
         from (select n, (array[25000, 50000, 100000, 150000])[1 + n % 4] as mn from generate_series(1, $2::int) n) x`,
        [orgId, options.investors],
      );
    } finally {
      for (const t of ["opportunities", "properties", "investors"]) await s.query(`alter table public.${t} enable trigger audit_row_change`);
    }
    await s.query("analyze");
    const deal = await s.query<{ id: string }>(
      `select o.id from public.opportunities o join public.properties p on p.id = o.property_id
       where o.org_id = $1 and p.zip = '78704' and p.property_type = 'single_family' and o.value between 150000 and 300000 limit 1`,
      [orgId],
    );
    dealId = deal[0].id;
  });
  return dealId;
}

async function time(runs: number, warmup: number, fn: () => Promise<unknown>): Promise<LatencySummary> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return summarize(samples);
}

export async function runPipeline(url: string, fixture: Fixture, options: PipelineOptions, targetMatchP95Ms: number): Promise<PipelineResult> {
  const org = fixture.orgs[0];
  const handle = openPostgres(url, { max: 4 });
  try {
    const seedStart = performance.now();
    const dealId = await seedDeals(handle, org.id, options);
    const seedMs = performance.now() - seedStart;
    const claims = await claimsFor(org.agent);
    const db = handle.db;

    // The board as the API builds it (RLS, two queries, cards mapped) vs the same rows read raw as the superuser.
    let board: PipelineResponse | undefined;
    const subject = await time(options.boardRuns, options.warmup, async () => {
      board = await asUser(db, claims, (tx) => loadPipeline(tx, org.id, org.agent.id, {}));
    });
    const baseline = await time(options.boardRuns, options.warmup, () =>
      asService(db, (tx) =>
        tx.selectFrom("opportunities as o").leftJoin("properties as pr", "pr.id", "o.propertyId").selectAll("o").select(["pr.city", "pr.state", "pr.zip", "pr.propertyType"]).where("o.orgId", "=", org.id).orderBy("o.stageId").orderBy("o.position").execute(),
      ),
    );
    const cards = board!.stages.reduce((n, s) => n + s.opportunities.length, 0);

    // Matching one deal against the org's investors: the endpoint's service (SQL pre-filter + matcher, as the
    // agent), the matcher alone over every investor in memory, reading every investor row, and a bare loop.
    const endpoint = await time(options.matchRuns, options.warmup, () => asUser(db, claims, (tx) => matchInvestors(tx, org.id, dealId)));
    const matches = await asUser(db, claims, (tx) => matchInvestors(tx, org.id, dealId));
    const opp = await db.selectFrom("opportunities as o").innerJoin("properties as p", "p.id", "o.propertyId").select(["o.id", "o.value", "o.analysis", "p.propertyType", "p.state", "p.city", "p.zip"]).where("o.id", "=", dealId).executeTakeFirstOrThrow();
    const deal = dealFactsFor({ id: opp.id, value: Number(opp.value), analysis: opp.analysis, property: opp });
    let rows: Awaited<ReturnType<typeof readAll>> = [];
    const readAll = () => db.selectFrom("investors").selectAll().where("orgId", "=", org.id).execute();
    const readInvestors = await time(options.matchRuns / 3, 2, async () => {
      rows = await readAll();
    });
    const investors = rows.map((r) => toMatchingInvestor(r, deal.holdPeriodMonths));
    let eligible = 0;
    const matcherOnly = await time(options.matchRuns, options.warmup, async () => {
      eligible = ruleBasedMatcher.match(deal, investors, { limit: 50 }).length;
    });
    let sink = 0;
    const loopBaseline = await time(options.matchRuns, options.warmup, async () => {
      for (const inv of investors) if (inv.minInvestment <= deal.askingAmount && inv.maxInvestment >= deal.askingAmount) sink += inv.riskTolerance;
    });
    void sink;
    const render = await runBoardRender(url, org);
    return {
      options,
      seedMs,
      board: { subject, baseline, cards, jsonKb: Math.round(JSON.stringify(board).length / 1024) },
      matching: { endpoint, matcherOnly, readInvestors, loopBaseline, candidates: investors.length, eligible: Math.max(eligible, matches.items.length) },
      targetMatchP95Ms,
      render,
    };
  } finally {
    await handle.close();
  }
}
