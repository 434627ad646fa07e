import { describe, expect, it } from "vitest";
import { dealAnalysisInputSchema } from "../../src/domain/dealAnalyzer/schemas";
import { createLeadRequestSchema } from "../../src/domain/leads";
import { generateDemoData } from "./demoData";

describe("demo data", () => {
  const data = generateDemoData();

  it("has the sizes the README promises", () => {
    expect(data.leads).toHaveLength(200);
    expect(data.investors).toHaveLength(15);
    expect(data.opportunities).toHaveLength(30);
  });

  it("is the same on every run", () => {
    expect(generateDemoData()).toEqual(data);
  });

  it("gives every lead a contact that passes the API's own validation", () => {
    for (const lead of data.leads) {
      const parsed = createLeadRequestSchema.safeParse({
        firstName: lead.firstName,
        lastName: lead.lastName,
        email: lead.email,
        phone: lead.phone,
        source: lead.source,
        status: lead.status,
        tags: lead.tags,
        notes: lead.notes,
        address: { street: lead.street, city: lead.city, state: lead.state, zip: lead.zip },
      });
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    }
  });

  it("spreads opportunities over the pipeline with consistent investor ranges", () => {
    expect(new Set(data.opportunities.map((o) => o.stageIndex)).size).toBeGreaterThanOrEqual(5);
    for (const inv of data.investors) expect(inv.minInvestment).toBeLessThanOrEqual(inv.maxInvestment);
    // The database allows one lead per email, phone and property address in an org.
    for (const key of [(l: (typeof data.leads)[0]) => l.email, (l: (typeof data.leads)[0]) => l.phone, (l: (typeof data.leads)[0]) => `${l.street.toLowerCase()}|${l.zip}`]) {
      const values = data.leads.map(key).filter(Boolean);
      expect(new Set(values).size).toBe(values.length);
    }
  });
});

describe("demo deals", () => {
  it("carry analyzer inputs the analyzer accepts, and investments for the demo investor", () => {
    const data = generateDemoData();
    const analysed = data.opportunities.filter((o) => o.analysis);
    expect(analysed.length).toBeGreaterThan(10);
    for (const o of analysed) expect(dealAnalysisInputSchema.safeParse(o.analysis).error).toBeUndefined();
    expect(data.investments.filter((v) => v.investorIndex === 0)).toHaveLength(4);
  });
});
