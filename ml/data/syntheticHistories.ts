// Seeded synthetic lead histories with a known ground truth, for testing the lead-to-deal pipeline end to end.
//
// Each lead is an EVENT stream (ml/features/leadHistory.ts): created with a source, contact validation a few
// minutes later, property enrichment (for ~80% of leads, after a delay of minutes to days), outbound touches by an
// agent (first-response time depending on the source; cadence slowing down, and dropping to monthly after a run of
// unanswered touches), replies from the lead (driven by a hidden responsiveness), and status changes (contacted,
// qualified, nurturing, unqualified, and finally converted or dead). The org has investor buy boxes that come and go.
//
// Every lead has a scoring time `cutoff` (6 hours to 120 days after creation, log-uniform) at which it is still
// open. The TRUE probability that it converts in [cutoff, cutoff + horizon) is `sigmoid(trueLogit(facts))`, where
// `facts` are computed by the generator from its own simulation state restricted to what was recorded before the
// cutoff (see `trueLogit` for the function). Conversion is drawn from that probability and the rest of the history
// (touches after the cutoff, a burst of replies before a conversion, late conversions after the window, deaths)
// is generated afterwards. Because the truth is a function of pre-cutoff facts only, with no hidden per-lead term,
// it is the Bayes-optimal predictor: a correct, point-in-time model can reach its AUC but not beat it, and a model
// that peeks past the cutoff would beat it (the post-cutoff events are correlated with the outcome).
//
// Protected attributes (names, owner age, ZIP) are generated too, so tests can show the features ignore them;
// the truth never depends on them.

import {
  buyBoxActiveAt,
  buyBoxMatches,
  DAY_MS,
  MINUTE_MS,
  type Channel,
  type EmailCheck,
  type InvestorBuyBox,
  type LeadEvent,
  type LeadHistory,
  type LeadStatus,
  type OrgContext,
  type PhoneCheck,
  type PropertyFacts,
} from "../features/leadHistory";
import { mulberry32, normalSampler, type Random } from "../random/mulberry32";

export const SYNTHETIC_SOURCES = ["web_form", "facebook", "ppc", "direct_mail", "cold_call", "referral", "csv_list", "sms_campaign"] as const;
export type SyntheticSource = (typeof SYNTHETIC_SOURCES)[number];
const SOURCE_WEIGHTS: Record<SyntheticSource, number> = {
  web_form: 0.2, facebook: 0.18, ppc: 0.12, direct_mail: 0.15, cold_call: 0.1, referral: 0.05, csv_list: 0.14, sms_campaign: 0.06,
};
/** Source effect on the true log-odds. */
export const SOURCE_EFFECT: Record<SyntheticSource, number> = {
  referral: 0.9, direct_mail: 0.5, web_form: 0.3, ppc: 0.1, cold_call: 0, sms_campaign: -0.2, facebook: -0.4, csv_list: -0.8,
};
/** How much speed-to-lead matters per source: inbound leads cool off fastest. */
export const RESPONSE_WEIGHT: Record<SyntheticSource, number> = {
  web_form: 1.4, facebook: 1.4, ppc: 1.4, sms_campaign: 1.4, direct_mail: 1, referral: 1, cold_call: 0.4, csv_list: 0.4,
};
/** Median first-response time (minutes) per source. */
const RESPONSE_MEDIAN_MIN: Record<SyntheticSource, number> = {
  web_form: 20, facebook: 35, ppc: 20, direct_mail: 90, cold_call: 2, referral: 60, csv_list: 2880, sms_campaign: 30,
};
const PROPERTY_TYPES = ["single_family", "single_family", "single_family", "multifamily", "condo", "townhouse", "mobile_home", "land"];
const FIRST_NAMES = ["Ana", "Ben", "Chen", "Dara", "Eli", "Fatima", "Gus", "Hana", "Ivan", "Jamal", "Kim", "Luis"];
const LAST_NAMES = ["Garcia", "Smith", "Nguyen", "Okafor", "Kowalski", "Patel", "Johnson", "Cohen", "Silva", "Brown"];

/** The pre-cutoff facts the truth is a function of (all knowable from events recorded before the cutoff). */
export interface TruthFacts {
  source: SyntheticSource;
  ageDays: number;
  /** Contact check known before the cutoff? Then phone/email results (null = none given). */
  contactKnown: boolean;
  phone: PhoneCheck | null;
  email: EmailCheck | null;
  /** Enrichment known before the cutoff? */
  property: PropertyFacts | null;
  matchingInvestors: number;
  /** Minutes from creation to the first outbound touch, or null if none before the cutoff. */
  firstResponseMinutes: number | null;
  touchesOut: number;
  replies: number;
  replies7d: number;
  daysSinceLastReply: number | null;
  status: LeadStatus;
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** Intercept of the true log-odds (default: ≈ 13% of leads convert within 90 days of their cutoff). */
export const DEFAULT_INTERCEPT = -4.5;

/**
 * The ground truth: log-odds that the lead converts in [cutoff, cutoff + horizon). Terms (see README):
 *  source effect; contact (valid phone +0.4, mobile +0.3, invalid phone −0.3, valid email +0.15, disposable −0.6,
 *  checked and unreachable −0.8); property (known: equity S-curve 1.4·σ((equity−50)/8) − 0.6, tax-delinquent +0.6,
 *  vacant +0.5, absentee AND owned ≥ 10 years +0.5, value > $600k −0.6; unknown −0.3); investors 0.18·min(matches, 5);
 *  speed-to-lead (responded: w_source·(1.1·e^(−R/45) + 0.5·e^(−R/1440)) − 0.3 with R in minutes; no response yet −0.7);
 *  replies 0.8·ln(1 + replies) + 0.4 if a reply in the last 7 days − 0.6·min(days since last reply, 90)/90;
 *  touch fatigue −0.15·max(0, touchesOut − 12)/4; lead age −0.5·ln(1 + days)/ln(121);
 *  status qualified +0.6, nurturing −0.4, unqualified −1.6.
 */
export function trueLogit(f: TruthFacts, intercept = DEFAULT_INTERCEPT): number {
  let eta = intercept + SOURCE_EFFECT[f.source];
  if (f.contactKnown) {
    if (f.phone) eta += f.phone.valid ? 0.4 + (f.phone.mobile ? 0.3 : 0) : -0.3;
    if (f.email?.valid) eta += 0.15;
    if (f.email?.disposable) eta -= 0.6;
    if (!f.phone?.valid && !f.email?.valid) eta -= 0.8;
  }
  const p = f.property;
  if (p) {
    if (p.equityPercent !== null) eta += 1.4 * sigmoid((p.equityPercent - 50) / 8) - 0.6;
    if (p.taxDelinquent) eta += 0.6;
    if (p.vacant) eta += 0.5;
    if (p.absenteeOwner && p.yearsOwned !== null && p.yearsOwned >= 10) eta += 0.5;
    if (p.estimatedValue !== null && p.estimatedValue > 600_000) eta -= 0.6;
    eta += 0.18 * Math.min(f.matchingInvestors, 5);
  } else {
    eta -= 0.3;
  }
  if (f.firstResponseMinutes !== null) {
    const r = f.firstResponseMinutes;
    eta += RESPONSE_WEIGHT[f.source] * (1.1 * Math.exp(-r / 45) + 0.5 * Math.exp(-r / 1440)) - 0.3;
  } else {
    eta -= 0.7;
  }
  eta += 0.8 * Math.log1p(f.replies);
  if (f.replies7d > 0) eta += 0.4;
  if (f.daysSinceLastReply !== null) eta -= (0.6 * Math.min(f.daysSinceLastReply, 90)) / 90;
  eta -= (0.15 * Math.max(0, f.touchesOut - 12)) / 4;
  eta -= (0.5 * Math.log1p(f.ageDays)) / Math.log(121);
  if (f.status === "qualified") eta += 0.6;
  else if (f.status === "nurturing") eta -= 0.4;
  else if (f.status === "unqualified") eta -= 1.6;
  return eta;
}

export interface SyntheticOptions {
  leads: number;
  seed: number;
  /** First lead creation time (default 2023-01-01). */
  start?: number;
  /** Leads are created uniformly over this many days (default 1095). */
  spanDays?: number;
  horizonDays?: number;
  intercept?: number;
  /** Fraction of leads never enriched (default 0.2). */
  propertyMissingRate?: number;
  investors?: number;
}

export interface LeadTruth {
  leadId: string;
  /** The scoring time: the lead is open just before it. */
  cutoff: number;
  /** True probability of converting in [cutoff, cutoff + horizon). */
  probability: number;
  converted: boolean;
  facts: TruthFacts;
}

export interface SyntheticHistories {
  histories: LeadHistory[];
  truth: LeadTruth[];
  context: OrgContext;
  /** The export time: no event is at or after it; every lead's label window has ended before it. */
  asOf: number;
  horizonDays: number;
}

function pick<T>(random: Random, items: readonly T[], weights?: readonly number[]): T {
  if (!weights) return items[Math.floor(random() * items.length)];
  const total = weights.reduce((a, b) => a + b, 0);
  let u = random() * total;
  for (let i = 0; i < items.length; i++) if ((u -= weights[i]) < 0) return items[i];
  return items[items.length - 1];
}

function makeBuyBoxes(random: Random, count: number, start: number, spanDays: number): InvestorBuyBox[] {
  const boxes: InvestorBuyBox[] = [];
  for (let i = 0; i < count; i++) {
    const from = start + (random() * 1.1 - 0.1) * spanDays * DAY_MS;
    const until = random() < 0.35 ? from + (60 + random() * 500) * DAY_MS : null;
    const maxPrice = random() < 0.85 ? Math.round(150_000 + random() * 450_000) : null;
    boxes.push({
      investorId: `inv-${String(i + 1).padStart(3, "0")}`,
      from,
      until,
      minPrice: random() < 0.3 ? Math.round(50_000 + random() * 100_000) : null,
      maxPrice,
      minBeds: random() < 0.5 ? 2 + Math.floor(random() * 3) : null,
      minEquityPercent: random() < 0.4 ? 20 + Math.round(random() * 40) : null,
      propertyTypes: random() < 0.5 ? ["single_family"] : random() < 0.5 ? ["single_family", "multifamily", "townhouse"] : null,
    });
  }
  return boxes;
}

function makeProperty(random: Random, normal: () => number): PropertyFacts {
  const maybe = <T>(v: T): T | null => (random() < 0.05 ? null : v);
  const value = Math.round(240_000 * Math.exp(0.5 * normal()) / 1000) * 1000;
  const freeAndClear = random() < 0.25;
  const equity = freeAndClear ? 100 : Math.round(95 * random() ** 0.8);
  const years = Math.min(50, Math.round((freeAndClear ? 15 : 0) + -Math.log(1 - random()) * 10));
  const absentee = random() < 0.3;
  const type = pick(random, PROPERTY_TYPES);
  const beds = type === "land" ? 0 : Math.max(1, Math.min(7, Math.round(3 + Math.log(value / 240_000) * 1.5 + normal() * 0.8)));
  return {
    estimatedValue: maybe(value),
    equityPercent: maybe(equity),
    yearsOwned: maybe(years),
    beds: maybe(beds),
    baths: maybe(Math.max(1, Math.round(beds * 0.6 + normal() * 0.5 + 0.5) / 1)),
    sqft: maybe(type === "land" ? 0 : Math.round((value / 160) * Math.exp(0.25 * normal()))),
    propertyType: type,
    absenteeOwner: maybe(absentee),
    taxDelinquent: maybe(random() < (absentee ? 0.14 : 0.06)),
    vacant: maybe(random() < (absentee ? 0.15 : 0.04)),
    ownerAge: Math.round(28 + random() * 60),
    zip: String(10_000 + Math.floor(random() * 89_999)),
  };
}

interface Touch {
  at: number;
  direction: "out" | "in";
  channel: Channel;
}

/** Generates `options.leads` lead histories (deterministic for a seed) with their ground truth. */
export function generateLeadHistories(options: SyntheticOptions): SyntheticHistories {
  const random = mulberry32(options.seed);
  const normal = normalSampler(random);
  const start = options.start ?? Date.UTC(2023, 0, 1);
  const spanDays = options.spanDays ?? 1095;
  const horizonDays = options.horizonDays ?? 90;
  const horizon = horizonDays * DAY_MS;
  const intercept = options.intercept ?? DEFAULT_INTERCEPT;
  const missingRate = options.propertyMissingRate ?? 0.2;
  const buyBoxes = makeBuyBoxes(random, options.investors ?? 16, start, spanDays);
  const sourceWeights = SYNTHETIC_SOURCES.map((s) => SOURCE_WEIGHTS[s]);
  const maxAgeDays = 120;
  const asOf = start + (spanDays + maxAgeDays) * DAY_MS + horizon + DAY_MS;

  const created = Array.from({ length: options.leads }, () => start + random() * spanDays * DAY_MS).sort((a, b) => a - b);
  const histories: LeadHistory[] = [];
  const truth: LeadTruth[] = [];

  created.forEach((createdAt, i) => {
    const leadId = `lead-${String(i + 1).padStart(6, "0")}`;
    const source = pick(random, SYNTHETIC_SOURCES, sourceWeights);
    const events: LeadEvent[] = [];
    const person = { firstName: pick(random, FIRST_NAMES), lastName: pick(random, LAST_NAMES) };

    // Contact validation, a few minutes after creation.
    const listLike = source === "csv_list" || source === "cold_call" || source === "direct_mail";
    const email: EmailCheck | null =
      random() < (listLike ? 0.55 : 0.9) ? { valid: random() < 0.88, disposable: random() < 0.05, free: random() < 0.7 } : null;
    let phone: PhoneCheck | null = random() < 0.92 ? { valid: random() < 0.85, mobile: false } : null;
    if (phone) phone = { valid: phone.valid, mobile: phone.valid && random() < 0.7 };
    const contactAt = createdAt + -Math.log(1 - random()) * 3 * MINUTE_MS;
    events.push({ type: "contact_check", at: contactAt, email, phone });

    // Property enrichment: ~80% of leads, minutes to days after creation.
    let property: PropertyFacts | null = null;
    let propertyAt = Infinity;
    if (random() >= missingRate) {
      property = makeProperty(random, normal);
      propertyAt = createdAt + 30 * MINUTE_MS * Math.exp(2 * normal());
      events.push({ type: "property", at: propertyAt, facts: property });
    }

    // Scoring time: log-uniform between 6 hours and 120 days after creation.
    const ageDays = Math.exp(Math.log(0.25) + random() * (Math.log(maxAgeDays) - Math.log(0.25)));
    const cutoff = createdAt + ageDays * DAY_MS;

    // Touch process, simulated to well past any outcome and truncated later.
    const channels: Channel[] = [];
    const channelWeights: number[] = [];
    if (phone) {
      channels.push("call", "text");
      channelWeights.push(0.45, 0.35);
    }
    if (email) {
      channels.push("email");
      channelWeights.push(0.2);
    }
    const responsiveness = 0.6 * random() ** 1.5;
    const touches: Touch[] = [];
    let firstOut = Infinity;
    const simulateUntil = Math.min(asOf, cutoff + horizon + 180 * DAY_MS);
    if (channels.length > 0 && random() > 0.05) {
      const r = RESPONSE_MEDIAN_MIN[source] * Math.exp(1.3 * normal());
      let t = createdAt + r * MINUTE_MS;
      firstOut = t;
      let unanswered = 0;
      while (t < simulateUntil && touches.length < 200) {
        const channel = pick(random, channels, channelWeights);
        touches.push({ at: t, direction: "out", channel });
        const works = channel === "email" ? email!.valid : phone!.valid;
        const factor = channel === "text" ? 1.2 : channel === "call" ? 1 : 0.6;
        if (works && random() < responsiveness * factor) {
          touches.push({ at: t + 90 * MINUTE_MS * Math.exp(1.5 * normal()), direction: "in", channel });
          unanswered = 0;
        } else unanswered++;
        const elapsedDays = (t - createdAt) / DAY_MS;
        const meanGapDays = unanswered >= 8 ? 30 : 1.5 * Math.exp(elapsedDays / 30);
        t += -Math.log(1 - random()) * Math.min(meanGapDays, 30) * DAY_MS;
      }
    }
    touches.sort((a, b) => a.at - b.at);

    // Status process driven by the touches.
    const statuses: { at: number; to: LeadStatus }[] = [];
    if (Number.isFinite(firstOut)) {
      statuses.push({ at: firstOut + MINUTE_MS, to: "contacted" });
      const replyTimes = touches.filter((x) => x.direction === "in").map((x) => x.at);
      let unqualified = false;
      if (replyTimes.length > 0 && random() < 0.12) {
        statuses.push({ at: replyTimes[0] + 30 * MINUTE_MS, to: "unqualified" });
        unqualified = true;
      }
      if (!unqualified && replyTimes.length >= 2 && random() < 0.6) statuses.push({ at: replyTimes[1] + 60 * MINUTE_MS, to: "qualified" });
      if (!unqualified && (replyTimes.length === 0 || replyTimes[0] > firstOut + 14 * DAY_MS) && random() < 0.7) {
        statuses.push({ at: firstOut + 14 * DAY_MS, to: "nurturing" });
      }
      statuses.sort((a, b) => a.at - b.at);
    }

    // Facts known before the cutoff → the true probability.
    const before = touches.filter((x) => x.at < cutoff);
    const repliesBefore = before.filter((x) => x.direction === "in");
    const lastReply = repliesBefore.length ? repliesBefore[repliesBefore.length - 1].at : null;
    const statusBefore = statuses.filter((s) => s.at < cutoff);
    const knownProperty = propertyAt < cutoff ? property : null;
    let matchingInvestors = 0;
    if (knownProperty) for (const box of buyBoxes) if (buyBoxActiveAt(box, cutoff) && buyBoxMatches(box, knownProperty)) matchingInvestors++;
    const facts: TruthFacts = {
      source,
      ageDays,
      contactKnown: contactAt < cutoff,
      phone,
      email,
      property: knownProperty,
      matchingInvestors,
      firstResponseMinutes: firstOut < cutoff ? (firstOut - createdAt) / MINUTE_MS : null,
      touchesOut: before.length - repliesBefore.length,
      replies: repliesBefore.length,
      replies7d: repliesBefore.filter((x) => x.at >= cutoff - 7 * DAY_MS).length,
      daysSinceLastReply: lastReply === null ? null : (cutoff - lastReply) / DAY_MS,
      status: statusBefore.length ? statusBefore[statusBefore.length - 1].to : "new",
    };
    const probability = sigmoid(trueLogit(facts, intercept));
    const converted = random() < probability;

    // The outcome, then everything after the cutoff up to it.
    let end: number;
    let final: LeadStatus | null = null;
    if (converted) {
      end = cutoff + horizon * Math.min(0.999, random() ** 1.3);
      final = "converted";
      // Warm-up before a deal: a few replies and qualification after the cutoff (bait for a leaky feature builder).
      const warm = 2 + Math.floor(random() * 3);
      for (let k = 0; k < warm; k++) {
        const at = cutoff + (end - cutoff) * (0.3 + 0.7 * random());
        touches.push({ at, direction: "in", channel: channels.length ? pick(random, channels) : "call" });
      }
      if (facts.status !== "qualified") statuses.push({ at: Math.max(cutoff, end - 2 * DAY_MS), to: "qualified" });
    } else if (random() < 0.15) {
      end = cutoff + horizon + random() * 180 * DAY_MS; // converts, but after the label window
      final = "converted";
    } else if (random() < 0.5) {
      end = cutoff + random() * 150 * DAY_MS;
      final = "dead";
    } else {
      end = simulateUntil;
    }
    end = Math.min(end, asOf - MINUTE_MS);
    for (const x of touches) if (x.at < end) events.push({ type: "touch", at: x.at, direction: x.direction, channel: x.channel });
    for (const s of statuses) if (s.at < end) events.push({ type: "status", at: s.at, to: s.to });
    if (final && end < asOf - 2 * MINUTE_MS) events.push({ type: "status", at: end, to: final });
    // A little shuffle of the event order: consumers must not rely on sorted events.
    events.sort((a, b) => a.at - b.at);
    if (events.length > 2 && random() < 0.5) events.reverse();

    histories.push({ leadId, createdAt, source, person, events });
    truth.push({ leadId, cutoff, probability, converted, facts });
  });
  return { histories, truth, context: { buyBoxes }, asOf, horizonDays };
}
