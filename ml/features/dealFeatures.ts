// The event model of deals and investors, and the point-in-time feature builders of the three deal models
// (expected return, time to close, investor–deal match).
//
// A deal is the deal row (market, property type, property facts) plus events, each with the time it was recorded
// (epoch ms, any order): `underwriting` (purchase price, repair estimate, ARV, monthly rent; re-underwriting during
// due diligence records a new one), `stage` (sourced → under_contract → closed / lost) and `outcome` (the realized
// return, recorded when the deal is exited). An investor is the investor row plus `preferences` events (markets,
// property types, price range, target return) and `capital` events (capital available, absolute). A share is a deal
// sent to an investor at `sharedAt`, with the investor's answer (interested / pass, or none) and an investment.
//
// Point-in-time rule (as for leads): features at cutoff c use only events with `at < c`. Protected data (names, ages,
// ZIP codes) may be present on the rows; no feature reads it (tested).

import { DAY_MS } from "./leadHistory";
import type { FeatureSpecEntry } from "./leadFeatures";
import type { Dataset, FeatureType } from "../data/dataset";
import type { Scorer } from "../gbdt/scorer";

export { DAY_MS };

export const DEAL_STAGES = ["sourced", "under_contract", "closed", "lost"] as const;
export type DealStage = (typeof DEAL_STAGES)[number];

/** Default scoring time of a deal: this many days after it was created (its first underwriting is in by then). */
export const DEFAULT_SCORING_DELAY_DAYS = 1;

export interface Underwriting {
  purchasePrice: number;
  repairEstimate: number;
  /** After-repair value. */
  arv: number;
  monthlyRent: number;
}

export type DealEvent =
  | ({ type: "underwriting"; at: number } & Underwriting)
  | { type: "stage"; at: number; to: DealStage }
  | { type: "outcome"; at: number; realizedReturn: number };

export interface DealProperty {
  beds: number | null;
  baths: number | null;
  sqft: number | null;
  yearBuilt: number | null;
  /** Inspection condition 1 (gut rehab) – 5 (turnkey). */
  condition: number | null;
  /** Never used as a feature (fair housing). */
  zip: string | null;
}

export interface DealHistory {
  dealId: string;
  createdAt: number;
  /** "City, ST". */
  market: string;
  propertyType: string;
  property: DealProperty;
  events: DealEvent[];
}

export interface InvestorPreferences {
  markets: string[];
  propertyTypes: string[];
  minPrice: number;
  maxPrice: number;
  /** Fraction, 0.15 = 15%. */
  targetReturn: number;
}

export type InvestorEvent = ({ type: "preferences"; at: number } & InvestorPreferences) | { type: "capital"; at: number; capitalAvailable: number };

export interface InvestorHistory {
  investorId: string;
  createdAt: number;
  /** Protected / personal data: never used as a feature. */
  person?: { firstName: string; lastName: string; age: number; zip: string };
  events: InvestorEvent[];
}

export interface DealShare {
  dealId: string;
  investorId: string;
  sharedAt: number;
  response: { at: number; answer: "interested" | "pass" } | null;
  investment: { at: number; amount: number } | null;
}

/** A deal or pair feature is described like a lead feature. */
export type DealFeatureSpecEntry = FeatureSpecEntry;

/** Features of a deal at a cutoff, in column order (numeric NaN / categorical null = unknown at the cutoff). */
export const DEAL_FEATURE_SPEC = [
  { name: "market", type: "categorical", description: "market of the deal (City, ST)" },
  { name: "propertyType", type: "categorical", description: "property type" },
  { name: "beds", type: "numeric", description: "bedrooms" },
  { name: "baths", type: "numeric", description: "bathrooms" },
  { name: "sqft", type: "numeric", description: "living area, square feet" },
  { name: "yearBuilt", type: "numeric", description: "year the building was built" },
  { name: "condition", type: "numeric", description: "inspection condition 1 (gut rehab) – 5 (turnkey)" },
  { name: "purchasePrice", type: "numeric", description: "latest underwritten purchase price before the cutoff (USD)" },
  { name: "repairEstimate", type: "numeric", description: "latest repair estimate before the cutoff (USD)" },
  { name: "arv", type: "numeric", description: "latest after-repair value before the cutoff (USD)" },
  { name: "monthlyRent", type: "numeric", description: "latest estimated monthly rent before the cutoff (USD)" },
  { name: "arvMargin", type: "numeric", description: "(ARV − price − repairs) ÷ (price + repairs): the underwritten return" },
  { name: "discountToArv", type: "numeric", description: "1 − (price + repairs) ÷ ARV" },
  { name: "repairRatio", type: "numeric", description: "repairs ÷ purchase price" },
  { name: "grossYield", type: "numeric", description: "12 × rent ÷ (price + repairs)" },
  { name: "pricePerSqft", type: "numeric", description: "purchase price ÷ sqft" },
  { name: "underwritingRevisions", type: "numeric", description: "underwritings recorded before the cutoff, minus one" },
  { name: "stage", type: "categorical", description: "deal stage at the cutoff (sourced until the first stage change)" },
  { name: "daysInStage", type: "numeric", description: "days since the stage last changed (since creation if never)" },
  { name: "daysSinceCreated", type: "numeric", description: "deal age at the cutoff, days" },
] as const satisfies readonly DealFeatureSpecEntry[];

export type DealFeatureName = (typeof DEAL_FEATURE_SPEC)[number]["name"];
export type DealFeatures = Record<DealFeatureName, number | string | null>;

/** Features of an investor × deal pair at the time the deal is shared (investor fit, then deal facts). */
export const MATCH_FEATURE_SPEC = [
  { name: "marketMatch", type: "numeric", description: "1 if the deal's market is among the investor's preferred markets (or they list none)" },
  { name: "typeMatch", type: "numeric", description: "1 if the property type is among the investor's preferred types (or they list none)" },
  { name: "priceInRange", type: "numeric", description: "1 if the purchase price is within the investor's price range" },
  { name: "priceBelowMin", type: "numeric", description: "max(0, (min price − price) ÷ min price)" },
  { name: "priceAboveMax", type: "numeric", description: "max(0, (price − max price) ÷ max price)" },
  { name: "returnVsTarget", type: "numeric", description: "underwritten return (arvMargin) − the investor's target return" },
  { name: "targetReturn", type: "numeric", description: "the investor's target return" },
  { name: "capitalAvailable", type: "numeric", description: "the investor's capital available at the share time (USD)" },
  { name: "capitalToPrice", type: "numeric", description: "capital available ÷ purchase price" },
  { name: "capitalCovers", type: "numeric", description: "1 if capital available ≥ purchase price" },
  { name: "preferredMarkets", type: "numeric", description: "number of markets the investor lists" },
  { name: "preferredTypes", type: "numeric", description: "number of property types the investor lists" },
  { name: "market", type: "categorical", description: "market of the deal" },
  { name: "propertyType", type: "categorical", description: "property type of the deal" },
  { name: "purchasePrice", type: "numeric", description: "latest underwritten purchase price (USD)" },
  { name: "arvMargin", type: "numeric", description: "underwritten return of the deal" },
] as const satisfies readonly DealFeatureSpecEntry[];

export type MatchFeatureName = (typeof MATCH_FEATURE_SPEC)[number]["name"];
export type MatchFeatures = Record<MatchFeatureName, number | string | null>;

const num = (v: number | null | undefined): number => (v === null || v === undefined ? NaN : v);

/** The latest underwriting recorded before `cutoff` (ties: the later in the list), and how many there were. */
export function underwritingAt(deal: DealHistory, cutoff: number): { underwriting: Underwriting | null; count: number } {
  let best: (Underwriting & { at: number }) | null = null;
  let count = 0;
  for (const e of deal.events) {
    if (e.type !== "underwriting" || e.at >= cutoff) continue;
    count++;
    if (!best || e.at >= best.at) best = e;
  }
  if (!best) return { underwriting: null, count };
  const { purchasePrice, repairEstimate, arv, monthlyRent } = best;
  return { underwriting: { purchasePrice, repairEstimate, arv, monthlyRent }, count };
}

/** The stage in force just before `cutoff`. */
export function stageAt(deal: DealHistory, cutoff: number): { stage: DealStage; since: number; changes: number } {
  let stage: DealStage = "sourced";
  let since = deal.createdAt;
  let changes = 0;
  const stages = deal.events.filter((e): e is Extract<DealEvent, { type: "stage" }> => e.type === "stage" && e.at < cutoff).sort((a, b) => a.at - b.at);
  for (const e of stages) {
    stage = e.to;
    since = e.at;
    changes++;
  }
  return { stage, since, changes };
}

/** Time of the first `to` stage event, or null. */
export function stageTime(deal: DealHistory, to: DealStage): number | null {
  let t: number | null = null;
  for (const e of deal.events) if (e.type === "stage" && e.to === to && (t === null || e.at < t)) t = e.at;
  return t;
}

/** Open (not closed, not lost) just before `cutoff`, and created before it. */
export function isDealOpenAt(deal: DealHistory, cutoff: number): boolean {
  if (deal.createdAt >= cutoff) return false;
  const s = stageAt(deal, cutoff).stage;
  return s !== "closed" && s !== "lost";
}

/** The recorded outcome (realized return), or null. */
export function outcomeOf(deal: DealHistory): { at: number; realizedReturn: number } | null {
  let out: { at: number; realizedReturn: number } | null = null;
  for (const e of deal.events) if (e.type === "outcome" && (!out || e.at < out.at)) out = { at: e.at, realizedReturn: e.realizedReturn };
  return out;
}

/** Derived underwriting ratios (NaN when unknown or undefined). */
export function underwritingRatios(u: Underwriting | null, sqft: number | null) {
  if (!u) return { arvMargin: NaN, discountToArv: NaN, repairRatio: NaN, grossYield: NaN, pricePerSqft: NaN };
  const cost = u.purchasePrice + u.repairEstimate;
  return {
    arvMargin: cost > 0 ? (u.arv - cost) / cost : NaN,
    discountToArv: u.arv > 0 ? 1 - cost / u.arv : NaN,
    repairRatio: u.purchasePrice > 0 ? u.repairEstimate / u.purchasePrice : NaN,
    grossYield: cost > 0 ? (12 * u.monthlyRent) / cost : NaN,
    pricePerSqft: sqft && sqft > 0 ? u.purchasePrice / sqft : NaN,
  };
}

export function buildDealFeatures(deal: DealHistory, cutoff: number): DealFeatures {
  const { underwriting: u, count } = underwritingAt(deal, cutoff);
  const p = deal.property;
  const ratios = underwritingRatios(u, p.sqft);
  const { stage, since } = stageAt(deal, cutoff);
  return {
    market: deal.market,
    propertyType: deal.propertyType,
    beds: num(p.beds),
    baths: num(p.baths),
    sqft: num(p.sqft),
    yearBuilt: num(p.yearBuilt),
    condition: num(p.condition),
    purchasePrice: num(u?.purchasePrice),
    repairEstimate: num(u?.repairEstimate),
    arv: num(u?.arv),
    monthlyRent: num(u?.monthlyRent),
    ...ratios,
    underwritingRevisions: Math.max(0, count - 1),
    stage,
    daysInStage: (cutoff - since) / DAY_MS,
    daysSinceCreated: (cutoff - deal.createdAt) / DAY_MS,
  };
}

/** The investor's preferences in force just before `cutoff` (latest event before it), or null. */
export function preferencesAt(investor: InvestorHistory, cutoff: number): InvestorPreferences | null {
  let best: (InvestorPreferences & { at: number }) | null = null;
  for (const e of investor.events) if (e.type === "preferences" && e.at < cutoff && (!best || e.at >= best.at)) best = e;
  if (!best) return null;
  const { markets, propertyTypes, minPrice, maxPrice, targetReturn } = best;
  return { markets, propertyTypes, minPrice, maxPrice, targetReturn };
}

/** The investor's capital available just before `cutoff` (latest capital event before it), or null. */
export function capitalAt(investor: InvestorHistory, cutoff: number): number | null {
  let best: { at: number; capitalAvailable: number } | null = null;
  for (const e of investor.events) if (e.type === "capital" && e.at < cutoff && (!best || e.at >= best.at)) best = e;
  return best ? best.capitalAvailable : null;
}

/** Pair features at `cutoff` (the share time): deal underwriting and investor preferences/capital known before it. */
export function buildMatchFeatures(deal: DealHistory, investor: InvestorHistory, cutoff: number): MatchFeatures {
  const { underwriting: u } = underwritingAt(deal, cutoff);
  const prefs = preferencesAt(investor, cutoff);
  const capital = capitalAt(investor, cutoff);
  const price = u ? u.purchasePrice : NaN;
  const margin = underwritingRatios(u, deal.property.sqft).arvMargin;
  const flag = (b: boolean) => (b ? 1 : 0);
  const known = prefs !== null;
  const priceKnown = known && Number.isFinite(price);
  return {
    marketMatch: known ? flag(prefs.markets.length === 0 || prefs.markets.includes(deal.market)) : NaN,
    typeMatch: known ? flag(prefs.propertyTypes.length === 0 || prefs.propertyTypes.includes(deal.propertyType)) : NaN,
    priceInRange: priceKnown ? flag(price >= prefs.minPrice && price <= prefs.maxPrice) : NaN,
    priceBelowMin: priceKnown && prefs.minPrice > 0 ? Math.max(0, (prefs.minPrice - price) / prefs.minPrice) : NaN,
    priceAboveMax: priceKnown && prefs.maxPrice > 0 ? Math.max(0, (price - prefs.maxPrice) / prefs.maxPrice) : NaN,
    returnVsTarget: known ? margin - prefs.targetReturn : NaN,
    targetReturn: known ? prefs.targetReturn : NaN,
    capitalAvailable: num(capital),
    capitalToPrice: capital !== null && price > 0 ? capital / price : NaN,
    capitalCovers: capital !== null && Number.isFinite(price) ? flag(capital >= price) : NaN,
    preferredMarkets: known ? prefs.markets.length : NaN,
    preferredTypes: known ? prefs.propertyTypes.length : NaN,
    market: deal.market,
    propertyType: deal.propertyType,
    purchasePrice: price,
    arvMargin: margin,
  };
}

/** Label of a share: 1 if the investor answered "interested" or invested within `windowDays` of the share. */
export function matchLabel(share: DealShare, windowDays: number): 0 | 1 {
  const end = share.sharedAt + windowDays * DAY_MS;
  if (share.response?.answer === "interested" && share.response.at < end) return 1;
  if (share.investment && share.investment.at < end) return 1;
  return 0;
}

// ---- Explanations (shared by the three models' score functions) ------------------------------------------------

export interface Factor {
  feature: string;
  value: number | string | null;
  /** TreeSHAP contribution to the raw margin. */
  contribution: number;
  direction: "up" | "down";
}

/** Top TreeSHAP factors of one record (largest |contribution| first) and the sum of the rest. */
export function explainRecord(
  scorer: Scorer,
  record: Record<string, number | string | null>,
  maxFactors = 5,
): { row: Float64Array; baseValue: number; factors: Factor[]; otherContribution: number } {
  for (const name of scorer.featureNames) {
    if (!(name in record)) throw new Error(`the model needs feature "${name}", which the features do not have`);
  }
  const row = scorer.encodeRecord(record);
  const { baseValue, values } = scorer.contributions(row);
  const all: Factor[] = [];
  values.forEach((c, i) => {
    if (c === 0) return;
    const feature = scorer.featureNames[i];
    all.push({ feature, value: record[feature], contribution: c, direction: c > 0 ? "up" : "down" });
  });
  all.sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution) || (a.feature < b.feature ? -1 : 1));
  const factors = all.slice(0, maxFactors);
  const otherContribution = all.slice(factors.length).reduce((s, f) => s + f.contribution, 0);
  return { row, baseValue, factors, otherContribution };
}

/** Column-major dataset pieces for a feature spec: categorical codes from `categories` (unknown → NaN). */
export function recordsToColumns(
  spec: readonly DealFeatureSpecEntry[],
  records: Record<string, number | string | null>[],
  categories: (string[] | null)[],
): Float64Array[] {
  const index = categories.map((c) => (c ? new Map(c.map((label, i) => [label, i])) : null));
  return spec.map((f, j) => {
    const col = new Float64Array(records.length);
    for (let r = 0; r < records.length; r++) {
      const v = records[r][f.name];
      col[r] = f.type === "categorical" ? (typeof v === "string" ? (index[j]!.get(v) ?? NaN) : NaN) : typeof v === "number" ? v : NaN;
    }
    return col;
  });
}

/** Sorted category labels seen in `records` for each categorical feature of `spec` (null for numeric). */
export function categoriesOfRecords(spec: readonly DealFeatureSpecEntry[], records: Record<string, number | string | null>[]): (string[] | null)[] {
  return spec.map((f) => {
    if (f.type !== "categorical") return null;
    const seen = new Set<string>();
    for (const r of records) {
      const v = r[f.name];
      if (typeof v === "string") seen.add(v);
    }
    return [...seen].sort();
  });
}

/** The trainer's dataset for `records` under `spec` (category codes from `categories`). */
export function recordsToDataset(
  spec: readonly DealFeatureSpecEntry[],
  records: Record<string, number | string | null>[],
  categories: (string[] | null)[],
): Dataset {
  return {
    rows: records.length,
    featureNames: spec.map((f) => f.name),
    featureTypes: spec.map((f) => f.type as FeatureType),
    categories,
    columns: recordsToColumns(spec, records, categories),
  };
}

// ---- Time windows -------------------------------------------------------------------------------------------------

/** A training row scored at `cutoff` whose label became known at `knownAt` (≥ cutoff). */
export interface WindowedRow {
  cutoff: number;
  knownAt: number;
}

export interface TimeWindows<T> {
  validationStart: number;
  testStart: number;
  train: T[];
  validation: T[];
  test: T[];
  /** Rows left out because their label was not known yet when the next window began. */
  embargoed: number;
}

/**
 * Splits rows by time: the window starts are the cutoffs at quantiles 1 − validation − test and 1 − test (rows in
 * cutoff order). Test = cutoff ≥ testStart; validation = cutoff ≥ validationStart and label known by testStart;
 * train = label known by validationStart. Other rows are embargoed, so nothing fitted used a label that was
 * unknown when the next window began.
 */
export function splitWindows<T extends WindowedRow>(rows: T[], validationFraction: number, testFraction: number): TimeWindows<T> {
  const sorted = Float64Array.from(rows, (r) => r.cutoff).sort();
  const at = (q: number) => sorted[Math.min(rows.length - 1, Math.max(0, Math.floor(q * rows.length)))];
  const validationStart = at(1 - validationFraction - testFraction);
  const testStart = at(1 - testFraction);
  const out: TimeWindows<T> = { validationStart, testStart, train: [], validation: [], test: [], embargoed: 0 };
  for (const r of rows) {
    if (r.cutoff >= testStart) out.test.push(r);
    else if (r.cutoff >= validationStart) {
      if (r.knownAt <= testStart) out.validation.push(r);
    } else if (r.knownAt <= validationStart) out.train.push(r);
  }
  out.embargoed = rows.length - out.train.length - out.validation.length - out.test.length;
  return out;
}

/** The deal's default scoring time: DEFAULT_SCORING_DELAY_DAYS after creation. */
export const defaultDealCutoff = (deal: DealHistory): number => deal.createdAt + DEFAULT_SCORING_DELAY_DAYS * DAY_MS;

/** The latest event (or creation) time in the deals: the default "now" of the data. */
export function latestDealTime(deals: DealHistory[]): number {
  let t = -Infinity;
  for (const d of deals) {
    if (d.createdAt > t) t = d.createdAt;
    for (const e of d.events) if (e.at > t) t = e.at;
  }
  return t;
}
