import { describe, expect, it } from "vitest";
import { generateLeadHistories } from "../data/syntheticHistories";
import { buildLeadFeatures, conversionTime, FEATURE_SPEC, isOpenAt, labelAt, statusAt } from "./leadFeatures";
import { DAY_MS, MINUTE_MS, type InvestorBuyBox, type LeadEvent, type LeadHistory, type PropertyFacts } from "./leadHistory";

const synthetic = generateLeadHistories({ leads: 3000, seed: 11 });
const truthById = new Map(synthetic.truth.map((t) => [t.leadId, t]));
const cutoffOf = (h: LeadHistory) => truthById.get(h.leadId)!.cutoff;
const withEvents = (h: LeadHistory, events: LeadEvent[]): LeadHistory => ({ ...h, events });

const BASE = Date.UTC(2024, 4, 1);
const property: PropertyFacts = {
  estimatedValue: 200_000, equityPercent: 60, yearsOwned: 12, beds: 3, baths: 2, sqft: 1400, propertyType: "single_family",
  absenteeOwner: true, taxDelinquent: false, vacant: false, ownerAge: 71, zip: "30310",
};
const lead: LeadHistory = {
  leadId: "L1",
  createdAt: BASE,
  source: "web_form",
  person: { firstName: "Ana", lastName: "Garcia" },
  events: [
    { type: "contact_check", at: BASE + MINUTE_MS, email: { valid: true, disposable: false, free: true }, phone: { valid: true, mobile: true } },
    { type: "property", at: BASE + 2 * MINUTE_MS, facts: property },
    { type: "touch", at: BASE + 12 * MINUTE_MS, direction: "out", channel: "call" },
    { type: "status", at: BASE + 13 * MINUTE_MS, to: "contacted" },
    { type: "touch", at: BASE + 2 * DAY_MS, direction: "out", channel: "text" },
    { type: "touch", at: BASE + 2 * DAY_MS + 60 * MINUTE_MS, direction: "in", channel: "text" },
    { type: "touch", at: BASE + 20 * DAY_MS, direction: "out", channel: "email" },
  ],
};
const CUTOFF = BASE + 30 * DAY_MS;

describe("FEATURE_SPEC", () => {
  it("lists unique names and the builder returns exactly those, typed as declared", () => {
    const names = FEATURE_SPEC.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    for (const h of synthetic.histories.slice(0, 300)) {
      const features = buildLeadFeatures(h, cutoffOf(h), synthetic.context);
      expect(Object.keys(features).sort()).toEqual([...names].sort());
      for (const f of FEATURE_SPEC) {
        const v = features[f.name];
        if (f.type === "numeric") expect(typeof v).toBe("number");
        else expect(v === null || typeof v === "string").toBe(true);
      }
    }
  });

  it("contains no protected attribute or proxy (deny-list on the words, and adjacent word pairs, of each name)", () => {
    const deny = [
      "name", "firstname", "lastname", "fullname", "surname", "age", "birth", "born", "dob", "race", "racial", "ethnicity", "ethnic", "gender",
      "sex", "religion", "religious", "nationality", "national", "origin", "citizenship", "immigration", "language",
      "marital", "married", "familial", "family", "children", "pregnancy", "disability", "disabled", "veteran",
      "zip", "zipcode", "postal", "neighborhood", "census", "tract", "photo", "ownerage",
    ];
    const words = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
    // The tokenizer really splits camelCase (so "ownerAge" would be caught as "age").
    expect(words("ownerAge")).toEqual(["owner", "age"]);
    const terms = (name: string) => {
      const w = words(name);
      return [...w, ...w.slice(1).map((x, i) => w[i] + x)];
    };
    expect(terms("leadFirstName")).toContain("firstname");
    for (const f of FEATURE_SPEC) {
      const hit = terms(f.name).filter((w) => deny.includes(w));
      expect(hit, `feature ${f.name}`).toEqual([]);
    }
  });

  it("ignores the protected data the history carries (names, owner age, ZIP)", () => {
    const changed: LeadHistory = {
      ...lead,
      person: { firstName: "Zed", lastName: "Okafor" },
      events: lead.events.map((e) => (e.type === "property" ? { ...e, facts: { ...e.facts, ownerAge: 33, zip: "94027" } } : e)),
    };
    expect(buildLeadFeatures(changed, CUTOFF)).toEqual(buildLeadFeatures(lead, CUTOFF));
  });
});

describe("buildLeadFeatures", () => {
  it("computes the documented values for a hand-made history", () => {
    const f = buildLeadFeatures(lead, CUTOFF);
    expect(f).toMatchObject({
      source: "web_form", emailValid: 1, emailDisposable: 0, emailFree: 1, phoneValid: 1, phoneMobile: 1, reachable: 1,
      propertyKnown: 1, estimatedValue: 200_000, equityPercent: 60, absenteeOwner: 1, taxDelinquent: 0, propertyType: "single_family",
      daysSinceCreated: 30, firstResponseMinutes: 12, touchesOut: 3, touchesOut7d: 0, touchesOut30d: 3, replies: 1, replies7d: 0,
      replies30d: 1, replyRate: 1 / 3, daysSinceLastTouch: 10, status: "contacted", statusChanges: 1,
    });
    expect(f.daysSinceLastReply).toBeCloseTo(28 - 1 / 24, 12);
    expect(f.daysInStatus).toBeCloseTo(30 - 13 / 1440, 12);
  });

  it("never changes because of events at or after the cutoff (any kind)", () => {
    const before = buildLeadFeatures(lead, CUTOFF);
    const later: LeadEvent[] = [
      { type: "touch", at: CUTOFF, direction: "in", channel: "text" },
      { type: "touch", at: CUTOFF + DAY_MS, direction: "out", channel: "call" },
      { type: "status", at: CUTOFF, to: "qualified" },
      { type: "status", at: CUTOFF + 3 * DAY_MS, to: "converted" },
      { type: "property", at: CUTOFF, facts: { ...property, equityPercent: 100, vacant: true } },
      { type: "contact_check", at: CUTOFF + 1, email: null, phone: { valid: false, mobile: false } },
    ];
    expect(buildLeadFeatures(withEvents(lead, [...lead.events, ...later]), CUTOFF)).toEqual(before);
    // …while the same events one millisecond before the cutoff do change them.
    const early = later.map((e) => ({ ...e, at: CUTOFF - 1 }));
    const moved = buildLeadFeatures(withEvents(lead, [...lead.events, ...early]), CUTOFF);
    expect(moved.replies).toBe(2);
    expect(moved.touchesOut).toBe(4);
    expect(moved.equityPercent).toBe(100);
    expect(moved.phoneValid).toBe(0);
    expect(moved.emailValid).toBeNaN();
  });

  it("equals the features of the history truncated at the cutoff, for every synthetic lead (and does not need sorted events)", () => {
    for (const h of synthetic.histories) {
      const c = cutoffOf(h);
      const full = buildLeadFeatures(h, c, synthetic.context);
      const truncated = withEvents(h, h.events.filter((e) => e.at < c));
      expect(buildLeadFeatures(truncated, c, synthetic.context)).toEqual(full);
      expect(buildLeadFeatures(withEvents(h, [...h.events].reverse()), c, synthetic.context)).toEqual(full);
    }
  });

  it("agrees with the generator's own record of what was known at the cutoff", () => {
    for (const h of synthetic.histories) {
      const t = truthById.get(h.leadId)!;
      const f = buildLeadFeatures(h, t.cutoff, synthetic.context);
      expect(f.replies).toBe(t.facts.replies);
      expect(f.replies7d).toBe(t.facts.replies7d);
      expect(f.touchesOut).toBe(t.facts.touchesOut);
      expect(f.status).toBe(t.facts.status);
      expect(f.propertyKnown).toBe(t.facts.property ? 1 : 0);
      expect(f.daysSinceCreated).toBeCloseTo(t.facts.ageDays, 6);
      if (t.facts.firstResponseMinutes === null) expect(f.firstResponseMinutes).toBeNaN();
      else expect(f.firstResponseMinutes).toBeCloseTo(t.facts.firstResponseMinutes, 6);
      if (t.facts.property) expect(f.matchingInvestors).toBe(t.facts.matchingInvestors);
      else expect(f.matchingInvestors).toBeNaN();
    }
  });

  it("counts the 7- and 30-day windows as [cutoff − days, cutoff)", () => {
    const at = (d: number, ms = 0): LeadEvent => ({ type: "touch", at: CUTOFF - d * DAY_MS + ms, direction: "out", channel: "call" });
    const f = buildLeadFeatures(withEvents(lead, [at(7), at(7, -1), at(30), at(30, -1), at(0, -1)]), CUTOFF);
    expect(f.touchesOut7d).toBe(2);
    expect(f.touchesOut30d).toBe(4);
    expect(f.touchesOut).toBe(5);
  });

  it("counts only the investor buy boxes in force before the cutoff that match the known property", () => {
    const box = (over: Partial<InvestorBuyBox>): InvestorBuyBox => ({
      investorId: "i", from: BASE - DAY_MS, until: null, minPrice: null, maxPrice: 300_000, minBeds: null, minEquityPercent: null, propertyTypes: null, ...over,
    });
    const buyBoxes = [
      box({}), // matches
      box({ from: CUTOFF }), // added at the cutoff: not yet known
      box({ until: CUTOFF - 1 }), // removed before the cutoff
      box({ until: CUTOFF }), // removed at the cutoff: still in force before it
      box({ maxPrice: 150_000 }), // price out of range
      box({ minBeds: 4 }),
      box({ propertyTypes: ["condo"] }),
      box({ minEquityPercent: 50, propertyTypes: ["single_family"] }), // matches
    ];
    expect(buildLeadFeatures(lead, CUTOFF, { buyBoxes }).matchingInvestors).toBe(3);
    // Before enrichment nothing can match: unknown, not zero.
    const noProperty = withEvents(lead, lead.events.filter((e) => e.type !== "property"));
    expect(buildLeadFeatures(noProperty, CUTOFF, { buyBoxes }).matchingInvestors).toBeNaN();
  });

  it("rejects a cutoff at or before the lead's creation", () => {
    expect(() => buildLeadFeatures(lead, BASE)).toThrow(/not after/);
    expect(buildLeadFeatures(lead, BASE + 1).touchesOut).toBe(0);
  });
});

describe("labels and open leads", () => {
  const convertedAt = (t: number) => withEvents(lead, [...lead.events, { type: "status", at: t, to: "converted" }]);

  it("starts the label window exactly at the cutoff and ends it after the horizon", () => {
    expect(labelAt(convertedAt(CUTOFF), CUTOFF, 90)).toBe(1);
    expect(buildLeadFeatures(convertedAt(CUTOFF), CUTOFF)).toEqual(buildLeadFeatures(lead, CUTOFF));
    expect(isOpenAt(convertedAt(CUTOFF), CUTOFF)).toBe(true);
    expect(labelAt(convertedAt(CUTOFF + 90 * DAY_MS - 1), CUTOFF, 90)).toBe(1);
    expect(labelAt(convertedAt(CUTOFF + 90 * DAY_MS), CUTOFF, 90)).toBe(0);
    expect(labelAt(convertedAt(CUTOFF + 20 * DAY_MS), CUTOFF, 14)).toBe(0);
    expect(labelAt(lead, CUTOFF, 90)).toBe(0);
    // Converted before the cutoff: not an open lead, so no row.
    expect(isOpenAt(convertedAt(CUTOFF - 1), CUTOFF)).toBe(false);
    expect(isOpenAt(lead, BASE)).toBe(false);
  });

  it("uses the first conversion and the latest status before the cutoff", () => {
    const h = withEvents(lead, [...lead.events, { type: "status", at: CUTOFF + 5, to: "converted" }, { type: "status", at: CUTOFF + 2, to: "converted" }]);
    expect(conversionTime(h)).toBe(CUTOFF + 2);
    const dead = withEvents(lead, [{ type: "status", at: BASE + 5, to: "dead" }, { type: "status", at: BASE + 1, to: "contacted" }]);
    expect(statusAt(dead, CUTOFF)).toEqual({ status: "dead", since: BASE + 5, changes: 2 });
    expect(isOpenAt(dead, CUTOFF)).toBe(false);
    expect(isOpenAt(dead, BASE + 5)).toBe(true);
  });

  it("matches the generator's outcomes for its scoring cutoffs", () => {
    for (const h of synthetic.histories) {
      const t = truthById.get(h.leadId)!;
      expect(isOpenAt(h, t.cutoff)).toBe(true);
      expect(labelAt(h, t.cutoff, synthetic.horizonDays)).toBe(t.converted ? 1 : 0);
    }
  });
});
