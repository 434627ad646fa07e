// The investor–deal match model served per org (ml/models/investorMatch.ts): the probability that an investor answers
// "interested" (or invests) when a deal is shared with them. Trained from the org's own shares, their answers and the
// investments recorded on shared deals; stored in the model registry (public.ml_models, kind 'investor_match') with
// the other models' rules: one version per training, at most one active per org and kind, and a new version is
// promoted only when it beats the active one on its own held-out window (higher AUC; equal AUC: lower log-loss). The
// first version is promoted when trained. Below the data threshold (MIN_MATCH_ROWS answered shares with
// MIN_MATCH_POSITIVES interested and as many passed) nothing is stored and matching stays rule-based.
//
// Inputs from the database (service role for training; the caller's transaction, so RLS, for matching):
//   deals       dealHistoryFromDb.ts (market, property type, the analyzer's underwriting at the time it was saved)
//   investors   the preference and capital columns of `investors`, as of every change the audit log recorded
//               (audit_log rows of table 'investors': new_data at occurred_at) — so a share is featured with the
//               preferences in force when it was shared; an investor with no audit entry gets the current row at its
//               updated_at (never earlier than it could have been known)
//   shares      opportunity_shares: shared_at, response ('interested' | 'passed') at responded_at
//   investments the first investment (invested_at) of the investor in the shared deal
// The investor's markets reach the model as "covered / not covered" by the investor's listed states and cities (the
// rule-based matcher's market test, src/domain/matching/constraints.ts) and how many they list; ZIP lists are not
// read (no ZIP-derived feature, fair housing), so an investor who lists only ZIPs looks to the model like one with
// no market preference. No name, email, phone or other personal field is read at all.
//
// Matching (matchingService.ts) blends the model's probability with the rule score — blendWithRules, weight
// MATCH_BLEND_WEIGHT — for the investors the rules found eligible; the rules alone decide eligibility.

import { sql, type Kysely } from "kysely";
import { buildMatchFeatures, type DealHistory, type DealShare, type InvestorEvent, type InvestorHistory, type MatchFeatures } from "../../../../ml/features/dealFeatures";
import { auc, logLoss } from "../../../../ml/metrics/classification";
import { reliabilityBins } from "../../../../ml/metrics/reliability";
import { blendWithRules, trainInvestorMatch, type InvestorMatchOptions, type MatchData } from "../../../../ml/models/investorMatch";
import { marketMatch } from "../../../../src/domain/matching/constraints";
import { prepareDeal, prepareInvestor, propertyTypeKey } from "../../../../src/domain/matching/normalize";
import type { Database } from "../../db/schema";
import { asService } from "../../db/transactions";
import { loadDealHistories } from "./dealHistoryFromDb";
import { modelById, type LoadedModel } from "./modelCache";
import { beatsOnAuc, describeAuc, registerVersion, type RegisteredVersion } from "./registerVersion";

type Db = Kysely<Database>;

export const MATCH_MODEL_KIND = "investor_match";
/** Weight of the model's probability in the blended 0–100 score: (1 − w)·rule + w·100·p. */
export const MATCH_BLEND_WEIGHT = 0.5;

const ms = (d: Date | string) => (d instanceof Date ? d.getTime() : new Date(d).getTime());
const numOrNull = (v: unknown): number | null =>
  typeof v === "number" && Number.isFinite(v) ? v : typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v)) ? Number(v) : null;
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);

// ---- Investor histories -------------------------------------------------------------------------------------------

/** The investor's matching preferences and capital as recorded at `at` (epoch ms). */
export interface InvestorSnapshot {
  at: number;
  propertyTypes: string[];
  states: string[];
  cities: string[];
  minInvestment: number | null;
  maxInvestment: number | null;
  targetReturn: number | null;
  capitalAvailable: number | null;
}

export interface InvestorSnapshots {
  investorId: string;
  createdAt: number;
  snapshots: InvestorSnapshot[];
}

/** The columns a snapshot is read from (an investors row, or an audit entry's new_data picked to the same names). */
export interface SnapshotColumns {
  propertyTypes: unknown;
  marketStates: unknown;
  marketCities: unknown;
  minInvestment: unknown;
  maxInvestment: unknown;
  targetReturn: unknown;
  capitalAvailable: unknown;
}

export function snapshotOf(c: SnapshotColumns, at: number): InvestorSnapshot {
  return {
    at,
    propertyTypes: strings(c.propertyTypes),
    states: strings(c.marketStates),
    cities: strings(c.marketCities),
    minInvestment: numOrNull(c.minInvestment),
    maxInvestment: numOrNull(c.maxInvestment),
    targetReturn: numOrNull(c.targetReturn),
    capitalAvailable: numOrNull(c.capitalAvailable),
  };
}

/** The investor as they are now, in force before any cutoff (for scoring at "now"). */
export function currentSnapshots(investorId: string, c: SnapshotColumns): InvestorSnapshots {
  return { investorId, createdAt: Number.NEGATIVE_INFINITY, snapshots: [snapshotOf(c, Number.NEGATIVE_INFINITY)] };
}

/** The org's investors with their preference / capital history (from the audit log). Service role or managers. */
export async function loadInvestorSnapshots(db: Db, orgId: string): Promise<InvestorSnapshots[]> {
  const investors = await db
    .selectFrom("investors")
    .select(["id", "createdAt", "updatedAt", "propertyTypes", "marketStates", "marketCities", "minInvestment", "maxInvestment", "targetReturn", "capitalAvailable"])
    .where("orgId", "=", orgId)
    .orderBy("id")
    .execute();
  if (investors.length === 0) return [];
  // Only the matching columns of each recorded version (nested jsonb keys stay snake_case).
  const entries = await db
    .selectFrom("auditLog")
    .select([
      "recordId",
      "occurredAt",
      sql<unknown>`new_data -> 'property_types'`.as("propertyTypes"),
      sql<unknown>`new_data -> 'market_states'`.as("marketStates"),
      sql<unknown>`new_data -> 'market_cities'`.as("marketCities"),
      sql<unknown>`new_data -> 'min_investment'`.as("minInvestment"),
      sql<unknown>`new_data -> 'max_investment'`.as("maxInvestment"),
      sql<unknown>`new_data -> 'target_return'`.as("targetReturn"),
      sql<unknown>`new_data -> 'capital_available'`.as("capitalAvailable"),
    ])
    .where("orgId", "=", orgId)
    .where("tableName", "=", "investors")
    .where("action", "in", ["insert", "update"])
    .orderBy("occurredAt")
    .orderBy("id")
    .execute();
  const byInvestor = new Map<string, InvestorSnapshot[]>(investors.map((i) => [i.id, []]));
  for (const e of entries) byInvestor.get(e.recordId)?.push(snapshotOf(e, ms(e.occurredAt)));
  return investors.map((i) => {
    const recorded = byInvestor.get(i.id)!;
    return { investorId: i.id, createdAt: ms(i.createdAt as Date), snapshots: recorded.length ? recorded : [snapshotOf(i, ms(i.updatedAt as Date))] };
  });
}

function splitMarket(market: string): { city: string; state: string } {
  const k = market.lastIndexOf(", ");
  return k < 0 ? { city: market, state: "" } : { city: market.slice(0, k), state: market.slice(k + 2) };
}

/** 1 when the listed states / cities cover the deal's market (the rules' test, ZIPs left out). */
function coversMarket(s: InvestorSnapshot, dealMarket: string): boolean {
  const { city, state } = splitMarket(dealMarket);
  const investor = prepareInvestor({
    id: "",
    name: "",
    propertyTypes: [],
    markets: { states: s.states, cities: s.cities, zips: [] },
    minInvestment: 0,
    maxInvestment: 0,
    capitalAvailable: 0,
    targetReturn: 0,
    riskTolerance: 5,
    holdPeriodMonths: 12,
    leveragePreference: "moderate",
    accredited: false,
  });
  const deal = prepareDeal({ id: "", propertyType: "", state, city, zip: "", askingAmount: 0, expectedReturn: 0, riskScore: 5, holdPeriodMonths: 12, leverageRatio: 0 });
  return marketMatch(investor, deal) !== null;
}

/**
 * The investor's history as the model reads it for one deal: each snapshot → a preferences event and a capital event.
 * Markets: the deal's market when the listed states / cities cover it, padded with placeholders to the number of
 * states and cities listed (so `marketMatch` and `preferredMarkets` mean what they say); property types compared
 * as the rules compare them.
 */
export function pairHistory(investor: InvestorSnapshots, deal: DealHistory, investorId = investor.investorId): InvestorHistory {
  const dealType = propertyTypeKey(deal.propertyType);
  const events: InvestorEvent[] = [];
  for (const s of investor.snapshots) {
    const listed = s.states.length + s.cities.length;
    const covered = listed > 0 && deal.market !== "" && coversMarket(s, deal.market);
    const others = Array.from({ length: covered ? listed - 1 : listed }, (_, k) => `\u0000listed market ${k + 1}`);
    events.push({
      type: "preferences",
      at: s.at,
      markets: covered ? [deal.market, ...others] : others,
      propertyTypes: s.propertyTypes.map((t) => (propertyTypeKey(t) === dealType ? deal.propertyType : propertyTypeKey(t))),
      minPrice: s.minInvestment ?? 0,
      maxPrice: s.maxInvestment ?? Number.MAX_VALUE,
      targetReturn: s.targetReturn ?? NaN,
    });
    if (s.capitalAvailable !== null) events.push({ type: "capital", at: s.at, capitalAvailable: s.capitalAvailable });
  }
  return { investorId, createdAt: investor.createdAt, events };
}

/** The pair's features at `cutoff`. */
export function pairFeatures(deal: DealHistory, investor: InvestorSnapshots, cutoff: number): MatchFeatures {
  return buildMatchFeatures(deal, pairHistory(investor, deal), cutoff);
}

const pairId = (investorId: string, dealId: string) => `${investorId}|${dealId}`;

/**
 * The model's training input from the org's database: deals, one investor history per share (the investor as seen
 * for that deal; its id is "<investor id>|<deal id>"), and the shares with their answers and investments.
 */
export async function loadMatchData(db: Db, orgId: string): Promise<MatchData & { windowStart: number | null }> {
  const shares = await db
    .selectFrom("opportunityShares")
    .select(["opportunityId", "investorId", "sharedAt", "response", "respondedAt", "updatedAt"])
    .where("orgId", "=", orgId)
    .orderBy("sharedAt")
    .orderBy("id")
    .execute();
  if (shares.length === 0) return { deals: [], investors: [], shares: [], windowStart: null };
  const invested = await db
    .selectFrom("investments")
    .select(["opportunityId", "investorId", (eb) => eb.fn.min("investedAt").as("at"), (eb) => eb.fn.sum<string>("amount").as("amount")])
    .where("orgId", "=", orgId)
    .where("opportunityId", "is not", null)
    .groupBy(["opportunityId", "investorId"])
    .execute();
  const investments = new Map(invested.map((i) => [pairId(i.investorId, i.opportunityId!), { at: ms(i.at as Date), amount: Number(i.amount) }]));
  const deals = await loadDealHistories(db, orgId, { opportunityIds: [...new Set(shares.map((s) => s.opportunityId))] });
  const dealById = new Map(deals.map((d) => [d.dealId, d]));
  const investorById = new Map((await loadInvestorSnapshots(db, orgId)).map((i) => [i.investorId, i]));

  const histories: InvestorHistory[] = [];
  const out: DealShare[] = [];
  for (const s of shares) {
    const deal = dealById.get(s.opportunityId);
    const investor = investorById.get(s.investorId);
    if (!deal || !investor) continue;
    const id = pairId(s.investorId, s.opportunityId);
    histories.push(pairHistory(investor, deal, id));
    const answer = s.response === "interested" ? "interested" : s.response === "passed" ? "pass" : null;
    out.push({
      dealId: s.opportunityId,
      investorId: id,
      sharedAt: ms(s.sharedAt),
      response: answer ? { at: ms((s.respondedAt ?? s.updatedAt) as Date), answer } : null,
      investment: investments.get(id) ?? null,
    });
  }
  return { deals, investors: histories, shares: out, windowStart: out.length ? Math.min(...out.map((s) => s.sharedAt)) : null };
}

// ---- Training and registration ------------------------------------------------------------------------------------

export type MatchTrainOutcome = { status: "not_enough_data"; rows: number; positives: number; reason: string } | RegisteredVersion<{ auc: number; logLoss: number }>;

export interface MatchTrainOptions extends Pick<InvestorMatchOptions, "params" | "windowDays" | "validationFraction" | "testFraction"> {
  /** "Now" for the data (default: the current time): only shares whose answer window ended by then are labelled. */
  now?: number;
  note?: string;
  jobId?: string;
}

/** The org's active match model (parsed once per version and process, modelCache.ts), or null. One index probe on a hit. */
export async function activeMatchModel(db: Db, orgId: string): Promise<LoadedModel | null> {
  const row = await db.selectFrom("mlModels").select(["id", "version"]).where("orgId", "=", orgId).where("kind", "=", MATCH_MODEL_KIND).where("active", "=", true).executeTakeFirst();
  return row ? modelById(db, row.id, row.version) : null;
}

/** Trains on `data` and stores a new version (service role), promoted only if it beats the active one. */
export async function trainAndRegisterMatchModel(db: Db, orgId: string, data: MatchData & { windowStart?: number | null }, options: MatchTrainOptions = {}): Promise<MatchTrainOutcome> {
  const now = options.now ?? Date.now();
  const r = trainInvestorMatch(data, {
    asOf: now,
    params: options.params,
    windowDays: options.windowDays,
    validationFraction: options.validationFraction,
    testFraction: options.testFraction,
  });
  if (r.status === "not_enough_data") return { status: "not_enough_data", rows: r.rows, positives: r.positives, reason: r.reason };

  const deals = new Map(data.deals.map((d) => [d.dealId, d]));
  const investors = new Map(data.investors.map((i) => [i.investorId, i]));
  const { dealIds, investorIds, sharedAt, labels } = r.heldOut;
  const score = { auc: r.metrics.test.auc, logLoss: r.metrics.test.logLoss };
  const windowStart = data.windowStart ?? (data.shares.length ? Math.min(...data.shares.map((s) => s.sharedAt)) : now);

  return registerVersion(db, orgId, {
    kind: MATCH_MODEL_KIND,
    score,
    async incumbent(tx) {
      const current = await activeMatchModel(tx, orgId);
      if (!current) return null;
      const p = Float64Array.from(dealIds, (d, k) => current.scorer.predict(current.scorer.encodeRecord(buildMatchFeatures(deals.get(d)!, investors.get(investorIds[k])!, sharedAt[k]))));
      return { modelId: current.id, version: current.version, metrics: { auc: auc(p, labels), logLoss: logLoss(p, labels) } };
    },
    beats: beatsOnAuc,
    describe: describeAuc,
    model: r.model,
    metrics: {
      test: r.metrics.test,
      testUncalibrated: r.metrics.testUncalibrated,
      validation: r.metrics.validation,
      split: r.split,
      windowDays: r.windowDays,
      blendWeight: MATCH_BLEND_WEIGHT,
      // The reliability diagram of the Models page: held-out predictions vs outcomes in ten bins.
      calibration: reliabilityBins(r.heldOut.probabilities, r.heldOut.labels),
    },
    trainingWindow: { start: new Date(windowStart), end: new Date(now) },
    trainingRows: r.split.trainRows + r.split.validationRows + r.split.testRows,
    note: options.note ?? null,
    jobId: options.jobId ?? null,
  });
}

/** Trains on the org's own shares, answers and investments (loadMatchData) — as the service role. */
export async function trainMatchModelFromDb(db: Db, orgId: string, options: MatchTrainOptions = {}): Promise<MatchTrainOutcome> {
  const data = await asService(db, (tx) => loadMatchData(tx, orgId));
  return trainAndRegisterMatchModel(db, orgId, data, options);
}

// ---- Blending into the matcher ------------------------------------------------------------------------------------

export interface RuleMatch {
  score: number;
  reasons: string[];
}

/** "Model: 72% likely to be interested". */
export const modelReason = (p: number) => `Model: ${Math.round(100 * p)}% likely to be interested`;

/** The `matcher` reported when the model is blended in. */
export const blendedMatcherName = (ruleVersion: string, model: LoadedModel) => `blend:${ruleVersion}+${MATCH_MODEL_KIND} v${model.version}`;

/** P(interested) for the pair at `now` with the org's model. */
export function matchProbability(model: LoadedModel, deal: DealHistory, investor: InvestorSnapshots, now = Date.now()): number {
  // + 1 ms: what was recorded in this very millisecond counts as known.
  return model.scorer.predict(model.scorer.encodeRecord(pairFeatures(deal, investor, now + 1)));
}

/** The blended score and the reasons with the model's probability added (the rule's reasons first). */
export function blendMatch<T extends RuleMatch>(rule: T, probability: number): T & { probability: number } {
  return { ...rule, score: blendWithRules(rule.score, probability, MATCH_BLEND_WEIGHT), reasons: [...rule.reasons, modelReason(probability)], probability };
}
