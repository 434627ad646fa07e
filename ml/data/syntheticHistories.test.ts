import { describe, expect, it } from "vitest";
import { DAY_MS } from "../features/leadHistory";
import { auc } from "../metrics/classification";
import { generateLeadHistories, SYNTHETIC_SOURCES, trueLogit, type TruthFacts } from "./syntheticHistories";

const g = generateLeadHistories({ leads: 20_000, seed: 3 });

describe("generateLeadHistories", () => {
  it("is deterministic per seed", () => {
    const a = generateLeadHistories({ leads: 500, seed: 9 });
    const b = generateLeadHistories({ leads: 500, seed: 9 });
    const c = generateLeadHistories({ leads: 500, seed: 10 });
    expect(a).toEqual(b);
    expect(a.truth.map((t) => t.probability)).not.toEqual(c.truth.map((t) => t.probability));
  });

  it("produces realistic event streams", () => {
    const { histories, truth, asOf } = g;
    expect(new Set(histories.map((h) => h.source))).toEqual(new Set(SYNTHETIC_SOURCES));
    const noProperty = histories.filter((h) => !h.events.some((e) => e.type === "property")).length / histories.length;
    expect(noProperty).toBeGreaterThan(0.18);
    expect(noProperty).toBeLessThan(0.22);
    let touches = 0;
    let replies = 0;
    let outOfRange = 0;
    let contactChecks = 0;
    for (const h of histories) {
      for (const e of h.events) {
        if (!(e.at > h.createdAt && e.at < asOf)) outOfRange++;
        if (e.type === "contact_check") contactChecks++;
        else if (e.type === "touch" && e.direction === "out") touches++;
        else if (e.type === "touch") replies++;
      }
    }
    expect(outOfRange).toBe(0);
    expect(contactChecks).toBe(histories.length);
    expect(touches / histories.length).toBeGreaterThan(5);
    expect(replies / touches).toBeGreaterThan(0.05);
    expect(replies / touches).toBeLessThan(0.5);
    // Scoring ages spread from hours to months.
    const ages = truth.map((t, i) => (t.cutoff - histories[i].createdAt) / DAY_MS).sort((a, b) => a - b);
    expect(ages[0]).toBeGreaterThanOrEqual(0.25);
    expect(ages[ages.length - 1]).toBeLessThanOrEqual(120);
    expect(ages[Math.floor(ages.length / 2)]).toBeGreaterThan(2);
    expect(ages[Math.floor(ages.length / 2)]).toBeLessThan(12);
  });

  it("draws outcomes from the true probabilities (the truth is calibrated and informative)", () => {
    const p = g.truth.map((t) => t.probability);
    const y = g.truth.map((t) => (t.converted ? 1 : 0));
    const meanP = p.reduce((a, b) => a + b, 0) / p.length;
    const rate = y.reduce((a: number, b) => a + b, 0) / y.length;
    expect(meanP).toBeGreaterThan(0.08);
    expect(meanP).toBeLessThan(0.2);
    expect(Math.abs(rate - meanP)).toBeLessThan(0.01);
    expect(auc(p, y)).toBeGreaterThan(0.8);
    expect(auc(p, y)).toBeLessThan(0.9);
  });

  it("puts outcome-correlated events after the cutoff (a builder that peeks would be rewarded)", () => {
    const after = (converted: boolean) => {
      const rows = g.truth.filter((t) => t.converted === converted);
      const byId = new Map(g.histories.map((h) => [h.leadId, h]));
      let n = 0;
      for (const t of rows) n += byId.get(t.leadId)!.events.filter((e) => e.type === "touch" && e.direction === "in" && e.at >= t.cutoff).length;
      return n / rows.length;
    };
    expect(after(true)).toBeGreaterThan(after(false) + 1);
  });
});

describe("trueLogit", () => {
  const base: TruthFacts = {
    source: "web_form", ageDays: 3, contactKnown: true, phone: { valid: true, mobile: true }, email: null, property: null,
    matchingInvestors: 0, firstResponseMinutes: 10, touchesOut: 3, replies: 1, replies7d: 1, daysSinceLastReply: 1, status: "contacted",
  };
  const eta = (over: Partial<TruthFacts>) => trueLogit({ ...base, ...over });

  it("rewards speed to lead, more for inbound sources than for lists", () => {
    expect(eta({ firstResponseMinutes: 5 })).toBeGreaterThan(eta({ firstResponseMinutes: 60 }));
    expect(eta({ firstResponseMinutes: 60 })).toBeGreaterThan(eta({ firstResponseMinutes: 3000 }));
    expect(eta({ firstResponseMinutes: 3000 })).toBeGreaterThan(eta({ firstResponseMinutes: null }));
    const gain = (source: TruthFacts["source"]) => eta({ source, firstResponseMinutes: 5 }) - eta({ source, firstResponseMinutes: 600 });
    expect(gain("web_form")).toBeCloseTo(3.5 * gain("csv_list"), 10);
  });

  it("has the documented engagement, status, contact and property effects", () => {
    expect(eta({ replies: 4 })).toBeGreaterThan(eta({ replies: 1 }));
    expect(eta({ replies7d: 0 })).toBeCloseTo(eta({}) - 0.4, 12);
    expect(eta({ daysSinceLastReply: 60 })).toBeLessThan(eta({ daysSinceLastReply: 1 }));
    expect(eta({ touchesOut: 20 })).toBeCloseTo(eta({}) - 0.3, 12);
    expect(eta({ status: "qualified" }) - eta({})).toBeCloseTo(0.6, 12);
    expect(eta({ status: "unqualified" }) - eta({})).toBeCloseTo(-1.6, 12);
    expect(eta({ phone: { valid: false, mobile: false } }) - eta({})).toBeCloseTo(-0.3 - 0.7 - 0.8, 12);
    const prop = { estimatedValue: 200_000, equityPercent: 80, yearsOwned: 15, beds: 3, baths: 2, sqft: 1500, propertyType: "single_family", absenteeOwner: true, taxDelinquent: false, vacant: false };
    expect(eta({ property: prop })).toBeGreaterThan(eta({ property: { ...prop, equityPercent: 20 } }) + 1);
    expect(eta({ property: prop }) - eta({ property: { ...prop, yearsOwned: 5 } })).toBeCloseTo(0.5, 12);
    expect(eta({ property: prop, matchingInvestors: 9 }) - eta({ property: prop })).toBeCloseTo(0.9, 12);
    expect(eta({ ageDays: 100 })).toBeLessThan(eta({ ageDays: 1 }));
  });
});
