import { describe, expect, it } from "vitest";
import type { Activity } from "@/domain/leadWork";
import { describeOpportunityActivity } from "./describeOpportunityActivity";

const activity = (type: string, data: Record<string, unknown>): Activity =>
  ({ id: "a1", type, body: null, data, actorId: null, actorName: null, occurredAt: "2026-11-30T00:00:00.000Z" }) as Activity;

describe("describeOpportunityActivity", () => {
  it("words a recorded exit with its realized return, and a correction as such", () => {
    expect(describeOpportunityActivity(activity("opportunity.exit_recorded", { exitedOn: "2026-10-01", totalCost: 200_000, proceeds: 236_400, realizedReturn: 0.182 }))).toEqual({
      title: "Exit recorded: returned 18.2%",
      details: ["Exited 2026-10-01 · cost $200,000 · proceeds $236,400"],
    });
    expect(describeOpportunityActivity(activity("opportunity.exit_recorded", { exitedOn: "2026-10-01", totalCost: 200_000, proceeds: 190_000, realizedReturn: -0.05, previous: {} })).title).toBe(
      "Exit corrected: returned −5.0%",
    );
  });
});
