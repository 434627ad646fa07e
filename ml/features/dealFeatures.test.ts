import { describe, expect, it } from "vitest";
import { generateDealHistories } from "../data/syntheticDeals";
import {
  buildDealFeatures,
  buildMatchFeatures,
  capitalAt,
  DAY_MS,
  DEAL_FEATURE_SPEC,
  isDealOpenAt,
  MATCH_FEATURE_SPEC,
  matchLabel,
  preferencesAt,
  splitWindows,
  stageAt,
  type DealHistory,
  type DealShare,
  type InvestorHistory,
} from "./dealFeatures";

const HOUR = 3_600_000;
const BASE = Date.UTC(2024, 2, 1);
const deal: DealHistory = {
  dealId: "D1",
  createdAt: BASE,
  market: "Dallas, TX",
  propertyType: "single_family",
  property: { beds: 3, baths: 2, sqft: 1500, yearBuilt: 1985, condition: 3, zip: "75201" },
  events: [
    { type: "underwriting", at: BASE + 2 * HOUR, purchasePrice: 150_000, repairEstimate: 30_000, arv: 240_000, monthlyRent: 1800 },
    { type: "stage", at: BASE + 10 * DAY_MS, to: "under_contract" },
    { type: "underwriting", at: BASE + 11 * DAY_MS, purchasePrice: 150_000, repairEstimate: 45_000, arv: 240_000, monthlyRent: 1800 },
    { type: "stage", at: BASE + 40 * DAY_MS, to: "closed" },
    { type: "outcome", at: BASE + 200 * DAY_MS, realizedReturn: 0.12 },
  ],
};
const investor: InvestorHistory = {
  investorId: "I1",
  createdAt: BASE - 100 * DAY_MS,
  person: { firstName: "Ana", lastName: "Garcia", age: 61, zip: "30310" },
  events: [
    { type: "preferences", at: BASE - 100 * DAY_MS, markets: ["Dallas, TX"], propertyTypes: ["single_family"], minPrice: 100_000, maxPrice: 200_000, targetReturn: 0.15 },
    { type: "capital", at: BASE - 100 * DAY_MS, capitalAvailable: 300_000 },
    { type: "capital", at: BASE + 5 * DAY_MS, capitalAvailable: 120_000 },
    { type: "preferences", at: BASE + 20 * DAY_MS, markets: ["Tampa, FL"], propertyTypes: [], minPrice: 200_000, maxPrice: 400_000, targetReturn: 0.3 },
  ],
};

const deny = [
  "name", "firstname", "lastname", "fullname", "surname", "age", "birth", "born", "dob", "race", "racial", "ethnicity", "ethnic", "gender",
  "sex", "religion", "religious", "nationality", "national", "origin", "citizenship", "immigration", "language", "marital", "married",
  "familial", "family", "children", "pregnancy", "disability", "disabled", "veteran", "zip", "zipcode", "postal", "neighborhood", "census",
  "tract", "photo", "demographic", "demographics", "income", "person",
];
const words = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
const terms = (name: string) => {
  const w = words(name);
  return [...w, ...w.slice(1).map((x, i) => w[i] + x)];
};

describe("feature specs", () => {
  it("have unique names, and the builders return exactly those, typed as declared", () => {
    const f = buildDealFeatures(deal, BASE + DAY_MS);
    const m = buildMatchFeatures(deal, investor, BASE + DAY_MS);
    for (const [spec, built] of [[DEAL_FEATURE_SPEC, f], [MATCH_FEATURE_SPEC, m]] as const) {
      const names = spec.map((s) => s.name);
      expect(new Set(names).size).toBe(names.length);
      expect(Object.keys(built).sort()).toEqual([...names].sort());
      for (const s of spec) {
        const v = (built as Record<string, unknown>)[s.name];
        if (s.type === "numeric") expect(typeof v).toBe("number");
        else expect(v === null || typeof v === "string").toBe(true);
      }
    }
  });

  it("contain no protected attribute or demographic proxy (deny-list on words and adjacent word pairs)", () => {
    expect(terms("investorFirstName")).toContain("firstname");
    expect(terms("ownerAge")).toContain("age");
    for (const s of [...DEAL_FEATURE_SPEC, ...MATCH_FEATURE_SPEC]) expect(terms(s.name).filter((w) => deny.includes(w)), s.name).toEqual([]);
  });

  it("ignore the protected data the rows carry (investor name, age, ZIP; property ZIP)", () => {
    const otherDeal = { ...deal, property: { ...deal.property, zip: "10001" } };
    const otherInvestor = { ...investor, person: { firstName: "Zed", lastName: "Okafor", age: 30, zip: "94027" } };
    const c = BASE + 30 * DAY_MS;
    expect(buildDealFeatures(otherDeal, c)).toEqual(buildDealFeatures(deal, c));
    expect(buildMatchFeatures(otherDeal, otherInvestor, c)).toEqual(buildMatchFeatures(deal, investor, c));
  });
});

describe("buildDealFeatures", () => {
  it("computes the documented values at a cutoff", () => {
    const f = buildDealFeatures(deal, BASE + DAY_MS);
    expect(f).toMatchObject({ market: "Dallas, TX", purchasePrice: 150_000, repairEstimate: 30_000, arv: 240_000, stage: "sourced", underwritingRevisions: 0 });
    expect(f.arvMargin).toBeCloseTo(60 / 180, 12);
    expect(f.discountToArv).toBeCloseTo(0.25, 12);
    expect(f.repairRatio).toBeCloseTo(0.2, 12);
    expect(f.grossYield).toBeCloseTo(0.12, 12);
    expect(f.pricePerSqft).toBeCloseTo(100, 12);
    expect(f.daysSinceCreated).toBe(1);
    const later = buildDealFeatures(deal, BASE + 12 * DAY_MS);
    expect(later).toMatchObject({ repairEstimate: 45_000, stage: "under_contract", underwritingRevisions: 1, daysInStage: 2 });
  });

  it("before the first underwriting: NaN facts", () => {
    const f = buildDealFeatures(deal, BASE + HOUR);
    expect(f.purchasePrice).toBeNaN();
    expect(f.arvMargin).toBeNaN();
  });

  it("is point-in-time: features at c equal features of the history cut at c, for every synthetic deal; order does not matter", () => {
    const g = generateDealHistories({ deals: 600, seed: 3 });
    for (const d of g.deals) {
      for (const days of [1, 15, 60]) {
        const c = d.createdAt + days * DAY_MS;
        const cut = { ...d, events: d.events.filter((e) => e.at < c) };
        const shuffled = { ...d, events: [...d.events].reverse() };
        const f = buildDealFeatures(d, c);
        expect(buildDealFeatures(cut, c)).toEqual(f);
        expect(buildDealFeatures(shuffled, c)).toEqual(f);
      }
    }
    const investors = new Map(g.investors.map((i) => [i.investorId, i]));
    const deals = new Map(g.deals.map((d) => [d.dealId, d]));
    for (const s of g.shares.slice(0, 1500)) {
      const d = deals.get(s.dealId)!;
      const inv = investors.get(s.investorId)!;
      const f = buildMatchFeatures(d, inv, s.sharedAt);
      const cutDeal = { ...d, events: d.events.filter((e) => e.at < s.sharedAt) };
      const cutInvestor = { ...inv, events: inv.events.filter((e) => e.at < s.sharedAt) };
      expect(buildMatchFeatures(cutDeal, cutInvestor, s.sharedAt)).toEqual(f);
    }
  });

  it("an event exactly at the cutoff is not seen", () => {
    expect(buildDealFeatures(deal, BASE + 10 * DAY_MS).stage).toBe("sourced");
    expect(stageAt(deal, BASE + 10 * DAY_MS + 1).stage).toBe("under_contract");
    expect(isDealOpenAt(deal, BASE + 40 * DAY_MS)).toBe(true);
    expect(isDealOpenAt(deal, BASE + 40 * DAY_MS + 1)).toBe(false);
  });
});

describe("buildMatchFeatures", () => {
  it("uses the preferences and capital in force at the share time", () => {
    const early = buildMatchFeatures(deal, investor, BASE + DAY_MS);
    expect(early).toMatchObject({ marketMatch: 1, typeMatch: 1, priceInRange: 1, priceBelowMin: 0, priceAboveMax: 0, capitalAvailable: 300_000, capitalCovers: 1, preferredMarkets: 1 });
    expect(early.returnVsTarget).toBeCloseTo(60 / 180 - 0.15, 12);
    expect(early.capitalToPrice).toBeCloseTo(2, 12);
    const mid = buildMatchFeatures(deal, investor, BASE + 6 * DAY_MS);
    expect(mid).toMatchObject({ capitalAvailable: 120_000, capitalCovers: 0 });
    const late = buildMatchFeatures(deal, investor, BASE + 21 * DAY_MS);
    expect(late).toMatchObject({ marketMatch: 0, typeMatch: 1, priceInRange: 0, preferredTypes: 0 });
    expect(late.priceBelowMin).toBeCloseTo(0.25, 12);
    expect(late.returnVsTarget).toBeCloseTo(45 / 195 - 0.3, 12);
    expect(preferencesAt(investor, BASE - 100 * DAY_MS)).toBeNull();
    expect(capitalAt(investor, BASE - 100 * DAY_MS)).toBeNull();
  });

  it("labels a share by an interested answer or an investment within the window", () => {
    const share: DealShare = { dealId: "D1", investorId: "I1", sharedAt: BASE, response: { at: BASE + 3 * DAY_MS, answer: "interested" }, investment: null };
    expect(matchLabel(share, 14)).toBe(1);
    expect(matchLabel(share, 3)).toBe(0);
    expect(matchLabel({ ...share, response: { at: BASE + DAY_MS, answer: "pass" } }, 14)).toBe(0);
    expect(matchLabel({ ...share, response: null, investment: { at: BASE + 2 * DAY_MS, amount: 1 } }, 14)).toBe(1);
    expect(matchLabel({ ...share, response: null }, 14)).toBe(0);
  });
});

describe("splitWindows", () => {
  it("keeps only rows whose label was known before the next window began", () => {
    const rows = Array.from({ length: 1000 }, (_, i) => ({ cutoff: i, knownAt: i + (i % 7) * 10 }));
    const s = splitWindows(rows, 0.25, 0.2);
    expect(s.validationStart).toBe(550);
    expect(s.testStart).toBe(800);
    expect(Math.max(...s.train.map((r) => r.knownAt))).toBeLessThanOrEqual(s.validationStart);
    expect(Math.min(...s.validation.map((r) => r.cutoff))).toBeGreaterThanOrEqual(s.validationStart);
    expect(Math.max(...s.validation.map((r) => r.knownAt))).toBeLessThanOrEqual(s.testStart);
    expect(s.test.length).toBe(200);
    expect(s.embargoed).toBe(1000 - s.train.length - s.validation.length - s.test.length);
    expect(s.embargoed).toBeGreaterThan(0);
  });
});
