import { describe, expect, it } from "vitest";
import { buildFairnessReport, type ScoredLead } from "./fairnessReport";

const leads = (zip: string | null, n: number, favourable: number): ScoredLead[] =>
  Array.from({ length: n }, (_, i) => ({ zip, score: i < favourable ? 80 : 30, grade: i < favourable ? "A" : "D" }));

describe("buildFairnessReport", () => {
  it("groups by ZIP-3 area and flags a group below four fifths of the best group's favourable rate", () => {
    const report = buildFairnessReport([...leads("78704", 50, 25), ...leads("78745", 50, 25), ...leads("33101", 40, 8)]);
    expect(report.groups.map((g) => [g.group, g.leads, g.favourableRate, g.impactRatio, g.flagged])).toEqual([
      ["331xx", 40, 0.2, 0.4, true],
      ["787xx", 100, 0.5, 1, false],
    ]);
    expect(report.flaggedGroups).toEqual(["331xx"]);
    expect(report.scoredLeads).toBe(140);
    expect(report.overallFavourableRate).toBeCloseTo(58 / 140, 3);
  });

  it("pools small groups and unknown ZIPs as other, never flagged", () => {
    const report = buildFairnessReport([...leads("78704", 30, 15), ...leads("10001", 5, 0), ...leads(null, 7, 0)]);
    expect(report.groups.map((g) => g.group)).toEqual(["787xx", "other"]);
    const other = report.groups.find((g) => g.group === "other")!;
    expect(other).toMatchObject({ leads: 12, impactRatio: null, flagged: false });
  });

  it("mean, median and the grade counts per group", () => {
    const report = buildFairnessReport(leads("60601", 21, 7), 20);
    expect(report.groups[0]).toMatchObject({ group: "606xx", meanScore: 46.7, medianScore: 30, grades: { A: 7, D: 14 } });
    expect(buildFairnessReport([]).groups).toEqual([]);
  });
});
