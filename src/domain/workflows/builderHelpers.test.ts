import { describe, expect, it } from "vitest";
import { cleanConfig, defaultConfigFor, edgeIdFor, formValuesFor, newNodeId, nodeTitle, summarizeNode } from "./builderHelpers";
import { ACTION_TYPES, configSchemaFor, NODE_ID } from "./graph";

describe("cleanConfig", () => {
  it("keeps only the keys of the chosen mode, so the strict schemas accept it", () => {
    const wait = cleanConfig("wait", { mode: "until_time", time: "09:30", amount: 2, unit: "days" });
    expect(wait).toEqual({ mode: "until_time", time: "09:30" });
    expect(configSchemaFor("wait").safeParse(wait).success).toBe(true);
    expect(cleanConfig("assign", { mode: "rules", userIds: ["x"], userId: "y" })).toEqual({ mode: "rules" });
  });

  it("drops blank text and NaN, and keeps a message's chosen source only", () => {
    expect(cleanConfig("send_sms", { source: "text", body: "Hi", templateId: "" })).toEqual({ body: "Hi" });
    expect(cleanConfig("send_sms", { source: "template", body: "Hi", templateId: "t1" })).toEqual({ templateId: "t1" });
    expect(cleanConfig("create_task", { title: " ", dueInHours: Number.NaN, assigneeId: "" })).toEqual({});
  });

  it("keeps a trigger's event-specific fields only for that event", () => {
    expect(cleanConfig("trigger", { event: "lead.created", cron: "0 9 * * 1", field: "status" })).toEqual({ event: "lead.created" });
    expect(cleanConfig("trigger", { event: "schedule", cron: "0 9 * * 1" })).toEqual({ event: "schedule", cron: "0 9 * * 1" });
  });
});

describe("defaultConfigFor / formValuesFor", () => {
  it("gives every type a config whose mode-defining keys the form needs", () => {
    for (const type of ["trigger", ...ACTION_TYPES] as const) expect(typeof defaultConfigFor(type)).toBe("object");
    expect(configSchemaFor("wait").safeParse(defaultConfigFor("wait")).success).toBe(true);
    expect(configSchemaFor("stop_on").safeParse(defaultConfigFor("stop_on")).success).toBe(true);
  });

  it("adds the message source the form shows", () => {
    expect(formValuesFor("send_email", { templateId: "t" })).toMatchObject({ source: "template" });
    expect(formValuesFor("send_sms", { body: "x" })).toMatchObject({ source: "text" });
  });
});

describe("summarizeNode", () => {
  it("says what a step does in one line", () => {
    expect(summarizeNode({ type: "wait", config: { mode: "duration", amount: 2, unit: "days" } })).toBe("Wait 2 days");
    expect(summarizeNode({ type: "wait", config: { mode: "duration", amount: 1, unit: "hours" } })).toBe("Wait 1 hour");
    expect(summarizeNode({ type: "send_sms", config: { body: "Hi {{lead.firstName}}" } })).toBe("“Hi {{lead.firstName}}”");
    expect(summarizeNode({ type: "send_sms", config: { templateId: "t1" } }, { templateName: () => "Welcome" })).toBe("Template: Welcome");
    expect(summarizeNode({ type: "branch", config: { conditions: { op: "and", rules: [{ field: "lead.score", operator: "gte", value: 50 }] } } })).toBe("If Lead score is at least 50");
    expect(summarizeNode({ type: "trigger", config: { event: "lead.created" } })).toBe("Lead created");
  });

  it("clips long texts", () => {
    expect(summarizeNode({ type: "add_note", config: { body: "x".repeat(200) } }).length).toBeLessThanOrEqual(60);
  });
});

describe("ids and titles", () => {
  it("makes unused node ids and valid edge ids", () => {
    expect(newNodeId({ nodes: [] }, "send_sms")).toBe("send_sms");
    const taken = { nodes: [{ id: "send_sms" }, { id: "send_sms-2" }] } as never;
    expect(newNodeId(taken, "send_sms")).toBe("send_sms-3");
    expect(edgeIdFor("branch", "task", "yes")).toBe("e-branch-task-yes");
    expect(NODE_ID.test(edgeIdFor("a".repeat(40), "b".repeat(40)))).toBe(true);
  });

  it("titles a node by its label or its type", () => {
    expect(nodeTitle({ type: "send_sms", label: "Day 1" })).toBe("Day 1");
    expect(nodeTitle({ type: "send_sms" })).toBe("Send text");
  });
});
