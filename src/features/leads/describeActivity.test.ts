import { describe, expect, it } from "vitest";
import type { Activity } from "@/domain/leadWork";
import { describeActivity } from "./describeActivity";

const activity = (type: string, data: Record<string, unknown> = {}, body: string | null = null): Activity => ({
  id: "a", type, body, data, actorId: null, actorName: null, occurredAt: "2026-11-22T10:00:00Z",
});

describe("describeActivity", () => {
  it("says how a lead came in", () => {
    expect(describeActivity(activity("lead.created", { channel: "webhook", sourceName: "Zapier" })).title).toBe("Created from a webhook (Zapier)");
    expect(describeActivity(activity("lead.touched", { channel: "form", formName: "Sell fast", filled: ["phone"] }))).toEqual({ title: "Arrived again from a web form (Sell fast)", details: ["Filled in: Phone"] });
  });
  it("shows field changes before and after, statuses by their labels", () => {
    expect(describeActivity(activity("lead.status_changed", { changes: { status: { from: "new", to: "contacted" } } })).details).toEqual(["Status: New → Contacted"]);
    expect(describeActivity(activity("lead.updated", { changes: { email: { from: null, to: "a@b.co" } } })).details).toEqual(["Email: — → a@b.co"]);
  });
  it("names the merged lead", () => {
    expect(describeActivity(activity("lead.merged", { mergedLead: { first_name: "Kim", last_name: "Ng" } })).title).toBe("Merged Kim Ng into this lead");
  });
});
