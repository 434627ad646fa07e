import { sql } from "kysely";
import type { DealMatchesResponse, InvestorMatchesResponse } from "../../../../src/domain/investors";
import { ruleBasedMatcher } from "../../../../src/domain/matching/ruleBasedMatcher";
import type { DealMatcher, MarketMatch } from "../../../../src/domain/matching/types";
import type { Tx } from "../../db/transactions";
import { loadDealHistories } from "../ml/dealHistoryFromDb";
import { activeMatchModel, blendedMatcherName, blendMatch, currentSnapshots, matchProbability } from "../ml/investorMatchModel";
import { cardQuery, toCard } from "../pipeline/opportunityCard";
import { requireOpportunity } from "../pipeline/opportunitiesService";
import { dealFactsFor, type DealSource } from "./dealFacts";
import { toMatchingInvestor } from "./investorDto";
import { requireInvestor } from "./investorsService";

/** Just what the matcher reads (parsing every column of thousands of rows showed in the benchmark). */
const MATCHING_COLUMNS = [
  "id", "firstName", "lastName", "propertyTypes", "marketStates", "marketCities", "marketZips", "minInvestment", "maxInvestment",
  "capitalAvailable", "targetReturn", "riskTolerance", "holdPeriodMonths", "leveragePreference", "accreditationStatus",
] as const;

/**
 * The rule-based matcher: it alone decides who is eligible. When the org has an active investor–match model
 * (services/ml/investorMatchModel.ts) the eligible pairs' rule scores are blended with the model's probability that
 * the investor is interested, and `matcher` names both ("blend:rules-1+investor_match v3").
 */
export const activeMatcher: DealMatcher = ruleBasedMatcher;

async function dealSource(tx: Tx, orgId: string, opportunityId: string): Promise<DealSource> {
  const opp = await requireOpportunity(tx, orgId, opportunityId);
  const property = opp.propertyId
    ? await tx.selectFrom("properties").select(["propertyType", "state", "city", "zip"]).where("orgId", "=", orgId).where("id", "=", opp.propertyId).executeTakeFirst()
    : undefined;
  return { id: opp.id, value: opp.value === null ? null : Number(opp.value), analysis: opp.analysis, property: property ?? null };
}

/**
 * The investors who fit a deal, best first, with the reasons. The database drops the investors a hard
 * constraint rules out for sure (amount outside their range or above their capital, another property type,
 * none of their states or ZIPs when they named no cities); the matcher checks every constraint again and scores.
 */
export async function matchInvestors(tx: Tx, orgId: string, opportunityId: string, limit = 50): Promise<InvestorMatchesResponse> {
  const source = await dealSource(tx, orgId, opportunityId);
  const deal = dealFactsFor(source);
  const amount = deal.askingAmount;
  const rows = await tx
    .selectFrom("investors")
    .select(MATCHING_COLUMNS)
    .where("orgId", "=", orgId)
    .where((eb) => eb.or([eb("minInvestment", "is", null), eb("minInvestment", "<=", String(amount))]))
    .where((eb) => eb.or([eb("maxInvestment", "is", null), eb("maxInvestment", ">=", String(amount))]))
    .where("capitalAvailable", ">=", String(amount))
    .where(sql<boolean>`(cardinality(property_types) = 0 or ${deal.propertyType} = any (property_types))`)
    .where(
      sql<boolean>`((cardinality(market_states) = 0 and cardinality(market_cities) = 0 and cardinality(market_zips) = 0)
        or ${deal.state.toUpperCase()} = any (market_states) or ${deal.zip.slice(0, 5)} = any (market_zips)
        or exists (select 1 from unnest(market_cities) c where lower(trim(split_part(c, ',', 1))) = ${deal.city.toLowerCase()}))`,
    )
    .execute();
  const investors = rows.map((r) => toMatchingInvestor(r, deal.holdPeriodMonths));
  const shared = new Set(
    (await tx.selectFrom("opportunityShares").select("investorId").where("orgId", "=", orgId).where("opportunityId", "=", opportunityId).execute()).map((s) => s.investorId),
  );
  const names = new Map(investors.map((i) => [i.id, i.name]));
  const model = await activeMatchModel(tx, orgId);
  const toItem = (r: { investorId: string; score: number; reasons: string[]; marketMatch: MarketMatch | null }) =>
    ({ investorId: r.investorId, name: names.get(r.investorId) ?? "", score: Math.round(r.score * 10) / 10, reasons: r.reasons, marketMatch: r.marketMatch, shared: shared.has(r.investorId) });
  if (!model) {
    const results = activeMatcher.match(deal, investors, { limit });
    return { matcher: activeMatcher.version, items: results.filter((r) => r.eligible).map(toItem) };
  }
  // With the model: every eligible investor is blended, then ranked and cut (the rules' top `limit` may not be the blend's).
  const eligible = activeMatcher.match(deal, investors).filter((r) => r.eligible);
  const [history] = await loadDealHistories(tx, orgId, { opportunityIds: [opportunityId] });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const now = Date.now();
  const blended = eligible
    .map((r) => blendMatch(r, matchProbability(model, history, currentSnapshots(r.investorId, byId.get(r.investorId)!), now)))
    .sort((a, b) => b.score - a.score || a.investorId.localeCompare(b.investorId))
    .slice(0, Math.max(0, limit));
  return { matcher: blendedMatcherName(activeMatcher.version, model), items: blended.map(toItem) };
}

/** The org's open deals that fit an investor, best first. */
export async function matchDeals(tx: Tx, orgId: string, investorId: string, limit = 50): Promise<DealMatchesResponse> {
  const investor = await requireInvestor(tx, orgId, investorId);
  const investorRow = { ...investor, marketStates: investor.states, marketCities: investor.cities, marketZips: investor.zips };
  const rows = await cardQuery(tx, orgId)
    .innerJoin("pipelineStages as st", "st.id", "o.stageId")
    .select(["o.analysis"])
    .where("st.kind", "=", "open")
    .execute();
  const scored = rows
    .map((row) => {
      const deal = dealFactsFor({ id: row.id, value: row.value === null ? null : Number(row.value), analysis: row.analysis, property: { propertyType: row.propertyType, state: row.state, city: row.city, zip: row.zip } });
      const [result] = activeMatcher.match(deal, [toMatchingInvestor(investorRow, deal.holdPeriodMonths)]);
      return { row, result };
    })
    .filter((x) => x.result?.eligible);
  const model = await activeMatchModel(tx, orgId);
  let ranked: { row: (typeof scored)[number]["row"]; result: { score: number; reasons: string[] } }[] = scored;
  if (model && scored.length) {
    const histories = new Map((await loadDealHistories(tx, orgId, { opportunityIds: scored.map((x) => x.row.id) })).map((h) => [h.dealId, h]));
    const snapshots = currentSnapshots(investorId, investorRow);
    const now = Date.now();
    ranked = scored.map(({ row, result }) => ({ row, result: blendMatch(result, matchProbability(model, histories.get(row.id)!, snapshots, now)) }));
  }
  const top = ranked.sort((a, b) => b.result.score - a.result.score || a.row.id.localeCompare(b.row.id)).slice(0, limit);
  return {
    matcher: model ? blendedMatcherName(activeMatcher.version, model) : activeMatcher.version,
    items: top.map(({ row, result }) => ({ opportunity: toCard(row, 0), score: Math.round(result.score * 10) / 10, reasons: result.reasons })),
  };
}
