import { describe, expect, it } from "vitest";
import { parseRateLimits } from "./rateLimits";

describe("parseRateLimits", () => {
  it("reads per-queue limits with their units", () => {
    expect(parseRateLimits("enrichment=10/1s, messaging=1/1s,workflow=600/1m,scoring=5/250ms")).toEqual({
      enrichment: { max: 10, durationMs: 1000 },
      messaging: { max: 1, durationMs: 1000 },
      workflow: { max: 600, durationMs: 60_000 },
      scoring: { max: 5, durationMs: 250 },
    });
    expect(parseRateLimits(undefined)).toEqual({});
    expect(parseRateLimits(" ")).toEqual({});
  });
  it("names a bad entry", () => {
    expect(() => parseRateLimits("enrichment=ten/1s")).toThrow(/"enrichment=ten\/1s" is not/);
    expect(() => parseRateLimits("faxes=1/1s")).toThrow(/"faxes" is not a queue/);
    expect(() => parseRateLimits("messaging=0/1s")).toThrow(/positive/);
  });
});
