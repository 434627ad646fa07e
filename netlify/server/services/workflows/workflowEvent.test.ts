import { describe, expect, it } from "vitest";
import { matchesTrigger, workflowEventSchema } from "./workflowEvent";

const W = "00000000-0000-4000-8000-000000000001";
const ev = (e: Record<string, unknown>) => workflowEventSchema.parse(e);

describe("matchesTrigger", () => {
  it("matches on the event name", () => {
    expect(matchesTrigger({ event: "lead.created" }, ev({ event: "lead.created", leadId: W }), W)).toBe(true);
    expect(matchesTrigger({ event: "lead.created" }, ev({ event: "sms.reply", leadId: W }), W)).toBe(false);
  });

  it("a field-changed trigger needs its field changed, and from/to when set (case-insensitive)", () => {
    const e = ev({ event: "lead.field_changed", leadId: W, changes: { status: { from: "new", to: "Contacted" } } });
    expect(matchesTrigger({ event: "lead.field_changed", field: "status" }, e, W)).toBe(true);
    expect(matchesTrigger({ event: "lead.field_changed", field: "status", to: "contacted" }, e, W)).toBe(true);
    expect(matchesTrigger({ event: "lead.field_changed", field: "status", to: "dead" }, e, W)).toBe(false);
    expect(matchesTrigger({ event: "lead.field_changed", field: "status", from: "qualified" }, e, W)).toBe(false);
    expect(matchesTrigger({ event: "lead.field_changed", field: "source" }, e, W)).toBe(false);
  });

  it("for tags, to means added and from means removed", () => {
    const e = ev({ event: "lead.field_changed", leadId: W, changes: { tags: { from: ["a"], to: ["a", "hot"] } } });
    expect(matchesTrigger({ event: "lead.field_changed", field: "tags", to: "hot" }, e, W)).toBe(true);
    expect(matchesTrigger({ event: "lead.field_changed", field: "tags", to: "a" }, e, W)).toBe(false);
    expect(matchesTrigger({ event: "lead.field_changed", field: "tags", from: "a" }, e, W)).toBe(false);
  });

  it("a stage trigger may name the stage moved into", () => {
    const S = "00000000-0000-4000-8000-0000000000aa";
    const e = ev({ event: "opportunity.stage_changed", opportunityId: W, toStageId: S });
    expect(matchesTrigger({ event: "opportunity.stage_changed" }, e, W)).toBe(true);
    expect(matchesTrigger({ event: "opportunity.stage_changed", toStageId: S }, e, W)).toBe(true);
    expect(matchesTrigger({ event: "opportunity.stage_changed", toStageId: W }, e, W)).toBe(false);
  });

  it("manual, webhook and schedule events start only the workflow they name", () => {
    const other = "00000000-0000-4000-8000-000000000002";
    expect(matchesTrigger({ event: "manual" }, ev({ event: "manual", workflowId: W, leadIds: [W] }), W)).toBe(true);
    expect(matchesTrigger({ event: "manual" }, ev({ event: "manual", workflowId: other, leadIds: [W] }), W)).toBe(false);
    expect(matchesTrigger({ event: "schedule", cron: "0 9 * * 1" }, ev({ event: "schedule" }), W)).toBe(false);
  });
});
