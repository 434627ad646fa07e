// Seeded synthetic deal and investor histories with a known ground truth, for testing the three deal models
// (expected return, time to close, investor–deal match) end to end. Deterministic per seed (mulberry32).
//
// Every deal is created at a uniform time over `spanDays`, gets its first underwriting a few hours later and is
// scored at `cutoff` = creation + DEFAULT_SCORING_DELAY_DAYS. Three truths are functions of what was recorded before
// the cutoff (market, property type, condition and the first underwriting), with no hidden per-deal term:
//
//  * Return: realized return = μ(x) + σ(x)·ε, ε ~ N(0, 1) (see `trueReturnMean` / `trueReturnSd`), so the true
//    10% / 90% quantiles are μ ∓ 1.2816·σ. Part of ε (ε = 0.6·ε₁ + 0.8·ε₂) is revealed after the cutoff by a
//    re-underwriting at the contract (ARV revised by a factor 1 + 0.5·σ·ε₁, repairs by e^(−0.05·ε₁)): bait for a
//    builder that peeks past the cutoff.
//    The return is recorded (`outcome`) 60–240 days after closing.
//  * Closing: latent time from the cutoff with Weibull hazard, Λ(t | x) = (t / 60 d)^1.4 · exp(η(x))
//    (`trueCloseLogHazard`), so P(close within h days) = 1 − exp(−(h/60)^1.4 · e^η) (`trueCloseProbability`).
//    A deal is lost at an independent exponential time (mean 200 days) if that comes first; deals still open at
//    `asOf` are censored. The probability is the net one (closing in the absence of losing), the quantity a
//    Cox model with lost deals censored estimates.
//  * Match: each deal is shared with a few investors during its first 20 days; P(interested) = σ(`trueMatchLogit`)
//    from the investor's preferences and capital and the deal's latest underwriting at the share time. 40% of the
//    interested invest (when they have the capital), which lowers their capital for later shares.
//
// Protected data (investor names, ages and ZIPs, property ZIPs) are generated so tests can show no feature uses them.

import {
  DAY_MS,
  DEFAULT_SCORING_DELAY_DAYS,
  type DealEvent,
  type DealHistory,
  type DealShare,
  type InvestorEvent,
  type InvestorHistory,
  type InvestorPreferences,
  type Underwriting,
} from "../features/dealFeatures";
import { mulberry32, normalSampler, shuffleInPlace, type Random } from "../random/mulberry32";

export const SYNTHETIC_MARKETS = ["Atlanta, GA", "Dallas, TX", "Houston, TX", "Memphis, TN", "Phoenix, AZ", "Tampa, FL", "Cleveland, OH", "Birmingham, AL"] as const;
export const SYNTHETIC_DEAL_TYPES = ["single_family", "multifamily", "condo", "townhouse", "land", "mobile_home"] as const;
const TYPE_WEIGHTS = [0.55, 0.15, 0.1, 0.1, 0.05, 0.05];
/** ARV per sqft and rent ÷ ARV per month, per market. */
const MARKET_PRICE: Record<string, { perSqft: number; rentRatio: number }> = {
  "Atlanta, GA": { perSqft: 170, rentRatio: 0.0075 },
  "Dallas, TX": { perSqft: 180, rentRatio: 0.007 },
  "Houston, TX": { perSqft: 150, rentRatio: 0.0075 },
  "Memphis, TN": { perSqft: 95, rentRatio: 0.011 },
  "Phoenix, AZ": { perSqft: 230, rentRatio: 0.006 },
  "Tampa, FL": { perSqft: 210, rentRatio: 0.0065 },
  "Cleveland, OH": { perSqft: 90, rentRatio: 0.0115 },
  "Birmingham, AL": { perSqft: 100, rentRatio: 0.0105 },
};
/** Market effect on the true return (appreciation, exit costs). */
export const MARKET_RETURN: Record<string, number> = {
  "Atlanta, GA": 0.02, "Dallas, TX": 0.03, "Houston, TX": 0, "Memphis, TN": -0.03, "Phoenix, AZ": 0.04, "Tampa, FL": 0.02, "Cleveland, OH": -0.04, "Birmingham, AL": -0.02,
};
/** Market effect on the true log-hazard of closing (liquidity). */
export const MARKET_LIQUIDITY: Record<string, number> = {
  "Atlanta, GA": 0.3, "Dallas, TX": 0.4, "Houston, TX": 0.2, "Memphis, TN": -0.3, "Phoenix, AZ": 0.1, "Tampa, FL": 0.2, "Cleveland, OH": -0.4, "Birmingham, AL": -0.2,
};
export const TYPE_RETURN: Record<string, number> = { single_family: 0, multifamily: 0.02, condo: -0.01, townhouse: 0, land: -0.04, mobile_home: -0.03 };
export const TYPE_LIQUIDITY: Record<string, number> = { single_family: 0.2, multifamily: -0.3, condo: 0, townhouse: 0.1, land: -0.7, mobile_home: -0.4 };
const SQFT_MEDIAN: Record<string, number> = { single_family: 1600, multifamily: 3200, condo: 1000, townhouse: 1300, land: 2000, mobile_home: 1000 };

export const CLOSE_SCALE_DAYS = 60;
export const CLOSE_SHAPE = 1.4;
export const LOST_MEAN_DAYS = 200;
/** z of the normal 90% quantile: the true 10–90% interval is μ ± Z90·σ. */
export const Z90 = 1.2815515655446004;

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const clip = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** What the deal truths are functions of (all recorded before the cutoff). */
export interface DealTruthFacts {
  market: string;
  propertyType: string;
  condition: number;
  underwriting: Underwriting;
}

function ratios(u: Underwriting) {
  const cost = u.purchasePrice + u.repairEstimate;
  return { margin: (u.arv - cost) / cost, discount: 1 - cost / u.arv, grossYield: (12 * u.monthlyRent) / cost };
}

/**
 * True expected return: −0.05 + 0.9·m − 0.5·max(0, m − 0.3) + market + type − 0.06·(5 − condition)/4
 * + 0.8·(gross yield − 0.10), m = (ARV − price − repairs) ÷ (price + repairs) (big margins are partly optimistic ARVs).
 */
export function trueReturnMean(f: DealTruthFacts): number {
  const { margin, grossYield } = ratios(f.underwriting);
  return (
    -0.05 + 0.9 * margin - 0.5 * Math.max(0, margin - 0.3) + MARKET_RETURN[f.market] + TYPE_RETURN[f.propertyType] -
    (0.06 * (5 - f.condition)) / 4 + 0.8 * (grossYield - 0.1)
  );
}

/** True standard deviation of the return around its mean: 0.04 + 0.05·(5 − condition)/4, + 0.04 for land. */
export function trueReturnSd(f: DealTruthFacts): number {
  return 0.04 + (0.05 * (5 - f.condition)) / 4 + (f.propertyType === "land" ? 0.04 : 0);
}

/** True log hazard ratio of closing: 5·(discount − 0.2) + market + type − 0.8·ln(price / 150k) − 0.15·(5 − condition). */
export function trueCloseLogHazard(f: DealTruthFacts): number {
  const { discount } = ratios(f.underwriting);
  return (
    5 * (discount - 0.2) + MARKET_LIQUIDITY[f.market] + TYPE_LIQUIDITY[f.propertyType] - 0.8 * Math.log(f.underwriting.purchasePrice / 150_000) -
    0.15 * (5 - f.condition)
  );
}

/** True P(close within `days` of the cutoff), absent a loss. */
export function trueCloseProbability(logHazard: number, days: number): number {
  return 1 - Math.exp(-((days / CLOSE_SCALE_DAYS) ** CLOSE_SHAPE) * Math.exp(logHazard));
}

export interface MatchTruthFacts {
  market: string;
  propertyType: string;
  underwriting: Underwriting;
  preferences: InvestorPreferences;
  capital: number;
}

/**
 * True log-odds that the investor is interested: −2.2 + 1.4·market match + 0.9·type match + 0.4·both
 * + (price in range ? 0.8 : −2.5·min(1, relative distance outside the range)) + 8·clip(margin − target, ±0.15)
 * + 0.7·[capital ≥ price] + 0.25·clip(ln(capital / price), ±2).
 */
export function trueMatchLogit(f: MatchTruthFacts): number {
  const p = f.preferences;
  const price = f.underwriting.purchasePrice;
  const marketMatch = p.markets.length === 0 || p.markets.includes(f.market);
  const typeMatch = p.propertyTypes.length === 0 || p.propertyTypes.includes(f.propertyType);
  let eta = -2.2 + (marketMatch ? 1.4 : 0) + (typeMatch ? 0.9 : 0) + (marketMatch && typeMatch ? 0.4 : 0);
  if (price >= p.minPrice && price <= p.maxPrice) eta += 0.8;
  else eta -= 2.5 * Math.min(1, price < p.minPrice ? (p.minPrice - price) / p.minPrice : (price - p.maxPrice) / p.maxPrice);
  eta += 8 * clip(ratios(f.underwriting).margin - p.targetReturn, -0.15, 0.15);
  if (f.capital >= price) eta += 0.7;
  eta += 0.25 * clip(Math.log(Math.max(f.capital, 1) / price), -2, 2);
  return eta;
}

export interface SyntheticDealsOptions {
  deals: number;
  seed: number;
  investors?: number;
  /** Investors each deal is shared with (default 5). */
  sharesPerDeal?: number;
  /** First deal creation time (default 2023-01-01). */
  start?: number;
  /** Deals are created uniformly over this many days (default 1095); `asOf` is the end of it. */
  spanDays?: number;
}

export interface DealTruth {
  dealId: string;
  cutoff: number;
  facts: DealTruthFacts;
  expectedReturn: number;
  returnSd: number;
  closeLogHazard: number;
  /** Latent times (epoch ms): closing and losing; the earlier one happened (if before asOf). */
  closeAt: number;
  lostAt: number;
}

export interface ShareTruth {
  dealId: string;
  investorId: string;
  sharedAt: number;
  probability: number;
}

export interface SyntheticDeals {
  deals: DealHistory[];
  investors: InvestorHistory[];
  shares: DealShare[];
  truth: DealTruth[];
  shareTruth: ShareTruth[];
  /** Export time: nothing at or after it is in the data. */
  asOf: number;
}

const FIRST = ["Ana", "Ben", "Chen", "Dara", "Eli", "Fatima", "Gus", "Hana", "Ivan", "Jamal"];
const LAST = ["Garcia", "Smith", "Nguyen", "Okafor", "Patel", "Cohen", "Silva", "Brown"];

function pick<T>(random: Random, items: readonly T[], weights?: readonly number[]): T {
  if (!weights) return items[Math.floor(random() * items.length)];
  let u = random() * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < items.length; i++) if ((u -= weights[i]) < 0) return items[i];
  return items[items.length - 1];
}

function sample<T>(random: Random, items: readonly T[], k: number): T[] {
  return shuffleInPlace([...items], random).slice(0, k);
}

function makePreferences(random: Random): InvestorPreferences {
  const minPrice = Math.round((40_000 + random() * 160_000) / 1000) * 1000;
  return {
    markets: random() < 0.1 ? [] : sample(random, SYNTHETIC_MARKETS, 1 + Math.floor(random() * 3)),
    propertyTypes: random() < 0.1 ? [] : random() < 0.5 ? ["single_family"] : sample(random, SYNTHETIC_DEAL_TYPES, 1 + Math.floor(random() * 3)),
    minPrice,
    maxPrice: Math.round((minPrice * (1.5 + random() * 2.5)) / 1000) * 1000,
    targetReturn: Math.round((0.08 + random() * 0.17) * 100) / 100,
  };
}

interface InvestorState {
  history: InvestorHistory;
  /** Capital changes (replenishments and investments), unsorted. */
  deltas: { at: number; amount: number }[];
  initialCapital: number;
}

function capitalBefore(s: InvestorState, t: number): number {
  let c = s.initialCapital;
  for (const d of s.deltas) if (d.at < t) c += d.amount;
  return Math.max(0, c);
}

export function generateDealHistories(options: SyntheticDealsOptions): SyntheticDeals {
  const random = mulberry32(options.seed);
  const normal = normalSampler(random);
  const start = options.start ?? Date.UTC(2023, 0, 1);
  const spanDays = options.spanDays ?? 1095;
  const asOf = start + spanDays * DAY_MS;
  const nInvestors = options.investors ?? 40;
  const sharesPerDeal = Math.min(options.sharesPerDeal ?? 5, nInvestors);

  // Investors: preferences (40% change them once), initial capital, monthly replenishments.
  const investors: InvestorState[] = [];
  for (let i = 0; i < nInvestors; i++) {
    const createdAt = start - (30 + random() * 365) * DAY_MS;
    const events: InvestorEvent[] = [{ type: "preferences", at: createdAt, ...makePreferences(random) }];
    if (random() < 0.4) events.push({ type: "preferences", at: start + random() * spanDays * DAY_MS, ...makePreferences(random) });
    const initialCapital = Math.round((50_000 + 1_500_000 * random() ** 2) / 1000) * 1000;
    const deltas: { at: number; amount: number }[] = [];
    for (let t = createdAt + 30 * DAY_MS; t < asOf; t += (20 + random() * 20) * DAY_MS) deltas.push({ at: t, amount: Math.round((random() * 60_000) / 1000) * 1000 });
    investors.push({
      history: {
        investorId: `inv-${String(i + 1).padStart(3, "0")}`,
        createdAt,
        person: { firstName: pick(random, FIRST), lastName: pick(random, LAST), age: 28 + Math.floor(random() * 45), zip: String(10000 + Math.floor(random() * 89999)) },
        events,
      },
      deltas,
      initialCapital,
    });
  }
  const prefsAt = (s: InvestorState, t: number): InvestorPreferences => {
    let best: (InvestorPreferences & { at: number }) | null = null;
    for (const e of s.history.events) if (e.type === "preferences" && e.at < t && (!best || e.at >= best.at)) best = e;
    return best!;
  };

  const createdTimes = Array.from({ length: options.deals }, () => start + random() * spanDays * DAY_MS).sort((a, b) => a - b);
  const deals: DealHistory[] = [];
  const truth: DealTruth[] = [];
  const pendingShares: { deal: DealHistory; investor: InvestorState; sharedAt: number; underwritings: { at: number; u: Underwriting }[] }[] = [];

  createdTimes.forEach((createdAt, i) => {
    const dealId = `deal-${String(i + 1).padStart(6, "0")}`;
    const market = pick(random, SYNTHETIC_MARKETS);
    const propertyType = pick(random, SYNTHETIC_DEAL_TYPES, TYPE_WEIGHTS);
    const land = propertyType === "land";
    const sqft = Math.round(SQFT_MEDIAN[propertyType] * Math.exp(0.3 * normal()));
    const condition = 1 + Math.floor(random() * 5);
    const maybe = <T>(v: T): T | null => (random() < 0.05 ? null : v);
    const priceLevel = MARKET_PRICE[market];
    const arv = Math.round((sqft * priceLevel.perSqft * (land ? 0.3 : 1) * Math.exp(0.15 * normal())) / 1000) * 1000;
    const repairPerSqft = land ? 2 : [60, 40, 25, 12, 4][condition - 1];
    const repairEstimate = Math.round((sqft * repairPerSqft * Math.exp(0.3 * normal())) / 500) * 500;
    const discount = 0.05 + random() * 0.35;
    const purchasePrice = Math.max(Math.round(0.15 * arv), Math.round((arv * (1 - discount) - repairEstimate) / 1000) * 1000);
    const monthlyRent = land ? 0 : Math.round((arv * priceLevel.rentRatio * Math.exp(0.1 * normal())) / 25) * 25;
    const first: Underwriting = { purchasePrice, repairEstimate, arv, monthlyRent };
    const cutoff = createdAt + DEFAULT_SCORING_DELAY_DAYS * DAY_MS;
    const facts: DealTruthFacts = { market, propertyType, condition, underwriting: first };
    const mu = trueReturnMean(facts);
    const sd = trueReturnSd(facts);
    const eta = trueCloseLogHazard(facts);
    const e1 = normal();
    const e2 = normal();
    const realized = mu + sd * (0.6 * e1 + 0.8 * e2);
    const closeDays = CLOSE_SCALE_DAYS * (-Math.log(1 - random()) / Math.exp(eta)) ** (1 / CLOSE_SHAPE);
    const lostDays = -Math.log(1 - random()) * LOST_MEAN_DAYS;
    const closeAt = cutoff + closeDays * DAY_MS;
    const lostAt = cutoff + lostDays * DAY_MS;

    const underwritings = [{ at: createdAt + (0.5 + random() * 12) * 3_600_000, u: first }];
    const events: DealEvent[] = [];
    if (closeAt < lostAt) {
      const contractAt = cutoff + (closeAt - cutoff) * (0.3 + 0.4 * random());
      events.push({ type: "stage", at: contractAt, to: "under_contract" });
      // Due diligence re-underwrites (appraisal and contractor bids): ARV revised down and repairs up when the hidden
      // return shock is bad.
      const revised = {
        ...first,
        arv: Math.round((arv * (1 + 0.5 * sd * e1)) / 1000) * 1000,
        repairEstimate: Math.round((repairEstimate * Math.exp(-0.05 * e1)) / 500) * 500,
      };
      underwritings.push({ at: contractAt + random() * 3 * DAY_MS, u: revised });
      events.push({ type: "stage", at: closeAt, to: "closed" });
      events.push({ type: "outcome", at: closeAt + (60 + random() * 180) * DAY_MS, realizedReturn: realized });
    } else {
      if (random() < 0.3) events.push({ type: "stage", at: cutoff + (lostAt - cutoff) * (0.3 + 0.5 * random()), to: "under_contract" });
      events.push({ type: "stage", at: lostAt, to: "lost" });
    }
    for (const w of underwritings) events.push({ type: "underwriting", at: w.at, ...w.u });
    const deal: DealHistory = {
      dealId,
      createdAt,
      market,
      propertyType,
      property: {
        beds: land ? 0 : maybe(Math.max(1, Math.round(sqft / 550 + normal() * 0.7))),
        baths: land ? 0 : maybe(Math.max(1, Math.round(sqft / 900 + normal() * 0.5))),
        sqft,
        yearBuilt: land ? null : maybe(1920 + Math.floor(random() * 100)),
        condition,
        zip: String(30000 + Math.floor(random() * 60000)),
      },
      events: events.filter((e) => e.at < asOf),
    };
    deals.push(deal);
    truth.push({ dealId, cutoff, facts, expectedReturn: mu, returnSd: sd, closeLogHazard: eta, closeAt, lostAt });

    // Shares during the first 20 days while open: about half to investors who list the market.
    const openUntil = Math.min(closeAt, lostAt, asOf);
    const fits = investors.filter((s) => prefsAt(s, cutoff).markets.includes(market));
    const chosen = new Set<InvestorState>();
    for (let k = 0; k < sharesPerDeal; k++) {
      const pool = random() < 0.5 && fits.some((s) => !chosen.has(s)) ? fits : investors;
      let s = pick(random, pool);
      while (chosen.has(s)) s = pick(random, investors);
      chosen.add(s);
      const sharedAt = cutoff + random() * 20 * DAY_MS;
      if (sharedAt < openUntil) pendingShares.push({ deal, investor: s, sharedAt, underwritings });
    }
  });

  // Shares in time order, so investments made earlier lower the capital seen by later shares.
  pendingShares.sort((a, b) => a.sharedAt - b.sharedAt);
  const shares: DealShare[] = [];
  const shareTruth: ShareTruth[] = [];
  for (const p of pendingShares) {
    let u = p.underwritings[0];
    for (const w of p.underwritings) if (w.at < p.sharedAt && w.at >= u.at) u = w;
    const capital = capitalBefore(p.investor, p.sharedAt);
    const probability = sigmoid(
      trueMatchLogit({ market: p.deal.market, propertyType: p.deal.propertyType, underwriting: u.u, preferences: prefsAt(p.investor, p.sharedAt), capital }),
    );
    const interested = random() < probability;
    let response: DealShare["response"] = null;
    let investment: DealShare["investment"] = null;
    if (interested) {
      response = { at: p.sharedAt + (0.1 + random() * 7) * DAY_MS, answer: "interested" };
      const price = u.u.purchasePrice;
      if (random() < 0.4 && capital >= 0.3 * price) {
        const amount = Math.round(Math.min(capital, price * (0.25 + 0.75 * random())) / 1000) * 1000;
        const at = response.at + (1 + random() * 9) * DAY_MS;
        investment = { at, amount };
        p.investor.deltas.push({ at, amount: -amount });
      }
    } else if (random() < 0.7) {
      response = { at: p.sharedAt + (0.1 + random() * 10) * DAY_MS, answer: "pass" };
    }
    if (response && response.at >= asOf) response = null;
    if (investment && investment.at >= asOf) investment = null;
    shares.push({ dealId: p.deal.dealId, investorId: p.investor.history.investorId, sharedAt: p.sharedAt, response, investment });
    shareTruth.push({ dealId: p.deal.dealId, investorId: p.investor.history.investorId, sharedAt: p.sharedAt, probability });
  }

  // Capital as absolute snapshots: the initial amount, then after every change.
  for (const s of investors) {
    s.deltas.sort((a, b) => a.at - b.at);
    let c = s.initialCapital;
    s.history.events.push({ type: "capital", at: s.history.createdAt, capitalAvailable: c });
    for (const d of s.deltas) {
      if (d.at >= asOf) break;
      c += d.amount;
      s.history.events.push({ type: "capital", at: d.at, capitalAvailable: Math.max(0, c) });
    }
  }

  return { deals, investors: investors.map((s) => s.history), shares, truth, shareTruth, asOf };
}
