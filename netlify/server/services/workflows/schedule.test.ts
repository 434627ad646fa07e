import { describe, expect, it } from "vitest";
import { cronProblem, nextScheduledRun } from "./schedule";

describe("nextScheduledRun", () => {
  it("reads the cron in the org's time zone", () => {
    // Monday 2026-11-30 08:00 in Chicago is 14:00 UTC; "9am on Mondays" is 15:00 UTC that day.
    const next = nextScheduledRun("0 9 * * 1", "America/Chicago", new Date("2026-11-30T14:00:00Z"));
    expect(next?.toISOString()).toBe("2026-11-30T15:00:00.000Z");
    // After it has fired, the next one is a week later.
    expect(nextScheduledRun("0 9 * * 1", "America/Chicago", new Date("2026-11-30T15:00:00Z"))?.toISOString()).toBe("2026-12-07T15:00:00.000Z");
  });

  it("an invalid cron has no next run and a reason", () => {
    expect(nextScheduledRun("61 * * * *", "UTC", new Date())).toBeNull();
    expect(cronProblem("61 * * * *")).toMatch(/./);
    expect(cronProblem("*/15 * * * *")).toBeNull();
  });
});
