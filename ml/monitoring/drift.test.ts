import { describe, expect, it } from "vitest";
import { buildDriftReference, measureDrift } from "./drift";

describe("model drift", () => {
  const rows = (n: number, shift: number) => Array.from({ length: n }, (_, i) => ({ equity: (i % 100) + shift, source: i % 3 === 0 ? "ppc" : "referral" }));
  const scores = (n: number, base: number) => Array.from({ length: n }, (_, i) => base + (i % 10) / 100);

  it("a population like the reference is stable on every feature and the score", () => {
    const ref = buildDriftReference(rows(1000, 0), scores(1000, 0.1));
    const m = measureDrift(ref, rows(500, 0), scores(500, 0.1));
    expect(m.major).toEqual([]);
    expect(m.features.every((f) => f.level === "stable")).toBe(true);
    expect(m.score.level).toBe("stable");
    expect(m.rows).toBe(500);
  });

  it("names the features and the score that moved, most-moved first", () => {
    const ref = buildDriftReference(rows(1000, 0), scores(1000, 0.1));
    const m = measureDrift(ref, rows(500, 60), scores(500, 0.5));
    expect(m.features[0]).toMatchObject({ feature: "equity", level: "major" });
    expect(m.features.find((f) => f.feature === "source")?.level).toBe("stable");
    expect(m.major).toEqual(["score", "equity"]);
  });
});
