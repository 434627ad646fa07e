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

describe("describeActivity names", () => {
  it("shows assignees by name, and a former member when the id is unknown", () => {
    const a = { id: "1", type: "lead.updated", body: null, actorId: null, actorName: null, occurredAt: "2026-11-30T00:00:00Z", data: { changes: { assigneeId: { from: null, to: "u-1" } } } };
    expect(describeActivity(a, (id) => (id === "u-1" ? "Adam Agent" : undefined)).details).toEqual(["Assignee: — → Adam Agent"]);
    expect(describeActivity({ ...a, data: { changes: { assigneeId: { from: "u-9", to: null } } } }).details).toEqual(["Assignee: a former member → —"]);
  });
});

describe("describeActivity enrichment", () => {
  const base = { id: "1", type: "lead.enriched", body: null, actorId: null, actorName: null, occurredAt: "2026-11-30T00:00:00Z" };
  it("says what the contact checks found", () => {
    expect(describeActivity({ ...base, data: { kind: "contact", emailValid: true, emailSuggestion: "bob@gmail.com", phoneValid: true, phoneType: "FIXED_LINE_OR_MOBILE", county: "Travis" } })).toEqual({
      title: "Contact details checked",
      details: ["Email: did you mean bob@gmail.com?", "Phone: fixed line or mobile", "County: Travis"],
    });
  });
  it("names the property provider and the outcome", () => {
    expect(describeActivity({ ...base, data: { kind: "property", status: "done", provider: "attom" } }).title).toBe("Property record found (ATTOM)");
    expect(describeActivity({ ...base, body: "ATTOM refused the API key", data: { kind: "property", status: "failed", provider: "attom" } })).toEqual({ title: "Property lookup failed (ATTOM)", details: ["ATTOM refused the API key"] });
  });
});
