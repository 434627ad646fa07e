// Analyzer form schemas: defaults, bounds and the messages the form shows.
import { describe, expect, it } from "vitest";
import { dealAnalysisInputSchema, financingInputSchema, operatingInputSchema, projectionInputSchema, repairsInputSchema } from "./schemas";

const messages = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));

describe("analyzer input schemas", () => {
  it("fill defaults so a minimal deal parses", () => {
    const parsed = dealAnalysisInputSchema.parse({
      purchase: { purchasePrice: 100_000 },
      operating: { monthlyRent: 1_000 },
      projection: { holdYears: 5, exitCapRate: 0.07 },
    });
    expect(parsed.financing).toBeNull();
    expect(parsed.repairs).toEqual({ items: [], contingencyRate: 0 });
    expect(parsed.offer).toEqual({ maoPercent: 0.7, wholesaleFee: 0 });
    expect(parsed.operating.vacancyRate).toBe(0);
    expect(parsed.holding.months).toBe(0);
  });

  it("explain out-of-range rates as percentages", () => {
    const result = operatingInputSchema.safeParse({ monthlyRent: 1_000, vacancyRate: 1.5, managementRate: -0.1 });
    expect(messages(result)).toEqual({ vacancyRate: "Must be between 0% and 100%", managementRate: "Must be between 0% and 50%" });
  });

  it("refuse negative money and missing numbers", () => {
    const result = operatingInputSchema.safeParse({ monthlyRent: -5, annualInsurance: Number.NaN });
    expect(messages(result)).toEqual({ monthlyRent: "Must be 0 or more", annualInsurance: "Enter a number" });
  });

  it("allow 100% financing but not more, and whole-year terms only", () => {
    expect(financingInputSchema.safeParse({ loanToValue: 1, annualRate: 0.06, amortizationYears: 30 }).success).toBe(true);
    const result = financingInputSchema.safeParse({ loanToValue: 1.1, annualRate: 0.06, amortizationYears: 29.5 });
    expect(messages(result)).toEqual({ loanToValue: "Must be between 0% and 100%", amortizationYears: "Must be a whole number of years" });
  });

  it("need an exit cap rate above zero", () => {
    expect(messages(projectionInputSchema.safeParse({ holdYears: 5, exitCapRate: 0 }))).toEqual({ exitCapRate: "Must be more than 0%" });
    expect(messages(projectionInputSchema.safeParse({ holdYears: 0, exitCapRate: 0.06 }))).toEqual({ holdYears: "Must be between 1 and 50 years" });
  });

  it("need a name for each repair line", () => {
    expect(messages(repairsInputSchema.safeParse({ items: [{ label: " ", cost: 100 }] }))).toEqual({ "items.0.label": "Name the repair" });
  });
});
