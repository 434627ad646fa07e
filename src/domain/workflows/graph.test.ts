import { describe, expect, it } from "vitest";
import {
  actionConfigSchemas,
  configSchemaFor,
  nextNodeIds,
  nodeById,
  subjectOfTrigger,
  triggerEventOf,
  triggerNode,
  waitDurationMs,
  workflowGraphSchema,
  type NodeType,
  type WorkflowGraph,
} from "./graph";

const HOUR = 3_600_000;
const MINUTE = 60_000;
const UUID = "11111111-1111-4111-8111-111111111111";

/** The issues a config gets from its node type's schema, as "path: message". */
const problems = (type: NodeType, config: unknown) => {
  const parsed = configSchemaFor(type).safeParse(config);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
};
const accepts = (type: NodeType, config: unknown) => configSchemaFor(type).safeParse(config).success;

describe("waitDurationMs", () => {
  const now = new Date("2026-11-30T14:00:00Z"); // 08:00 in Chicago (CST, UTC-6)

  it("a duration is its amount in the unit, whatever the time zone", () => {
    expect(waitDurationMs({ mode: "duration", amount: 90, unit: "minutes" }, now, "America/Chicago")).toBe(90 * MINUTE);
    expect(waitDurationMs({ mode: "duration", amount: 3, unit: "hours" }, now, "UTC")).toBe(3 * HOUR);
    expect(waitDurationMs({ mode: "duration", amount: 2, unit: "days" }, now, "Asia/Tokyo")).toBe(48 * HOUR);
  });

  it("until a later time today: the gap on the org's clock", () => {
    expect(waitDurationMs({ mode: "until_time", time: "09:00" }, now, "America/Chicago")).toBe(1 * HOUR);
    expect(waitDurationMs({ mode: "until_time", time: "17:30" }, now, "America/Chicago")).toBe(9.5 * HOUR);
  });

  it("until a time already past today: that time tomorrow", () => {
    expect(waitDurationMs({ mode: "until_time", time: "07:00" }, now, "America/Chicago")).toBe(23 * HOUR);
    expect(waitDurationMs({ mode: "until_time", time: "00:00" }, now, "America/Chicago")).toBe(16 * HOUR);
  });

  it("until exactly now: a full day, never zero", () => {
    expect(waitDurationMs({ mode: "until_time", time: "08:00" }, now, "America/Chicago")).toBe(24 * HOUR);
  });

  it("reads the clock in the given zone, not UTC", () => {
    expect(waitDurationMs({ mode: "until_time", time: "09:00" }, now, "UTC")).toBe(19 * HOUR); // 14:00 UTC → 09:00 tomorrow
    expect(waitDurationMs({ mode: "until_time", time: "20:00" }, now, "Asia/Kolkata")).toBe(30 * MINUTE); // 19:30 IST
    expect(waitDurationMs({ mode: "until_time", time: "09:00" }, now, "America/New_York")).toBe(24 * HOUR); // 09:00 EST now
  });

  it("counts seconds past the minute", () => {
    const later = new Date("2026-11-30T14:00:30Z");
    expect(waitDurationMs({ mode: "until_time", time: "09:00" }, later, "America/Chicago")).toBe(HOUR - 30_000);
  });

  // Daylight-saving days: the gap is measured between instants, so the run resumes at that wall-clock time.
  it("until a time across a daylight-saving change lands on that wall-clock time (spring forward)", () => {
    const now = new Date("2026-03-08T07:30:00Z"); // 01:30 CST; at 02:00 the clocks jump to 03:00 CDT
    const ms = waitDurationMs({ mode: "until_time", time: "03:00" }, now, "America/Chicago");
    expect(new Date(now.getTime() + ms).toISOString()).toBe("2026-03-08T08:00:00.000Z"); // 03:00 CDT
  });

  it("until a time across a daylight-saving change lands on that wall-clock time (fall back)", () => {
    const now = new Date("2026-11-01T05:30:00Z"); // 00:30 CDT; at 02:00 CDT the clocks go back to 01:00 CST
    const ms = waitDurationMs({ mode: "until_time", time: "03:00" }, now, "America/Chicago");
    expect(new Date(now.getTime() + ms).toISOString()).toBe("2026-11-01T09:00:00.000Z"); // 03:00 CST
  });

  it("midnight in the zone reads as hour 0, not 24", () => {
    const midnight = new Date("2026-12-01T06:00:00Z"); // 00:00 in Chicago
    expect(waitDurationMs({ mode: "until_time", time: "01:00" }, midnight, "America/Chicago")).toBe(1 * HOUR);
  });
});

describe("nextNodeIds", () => {
  const graph: WorkflowGraph = {
    nodes: [
      { id: "trigger", type: "trigger", position: { x: 0, y: 0 }, config: { event: "lead.created" } },
      { id: "br", type: "branch", position: { x: 0, y: 1 }, config: {} },
      { id: "y", type: "add_note", position: { x: 0, y: 2 }, config: {} },
      { id: "n", type: "add_note", position: { x: 0, y: 3 }, config: {} },
      { id: "end", type: "add_note", position: { x: 0, y: 4 }, config: {} },
    ],
    edges: [
      { id: "e1", source: "trigger", target: "br" },
      { id: "e2", source: "br", target: "y", branch: "yes" },
      { id: "e3", source: "br", target: "n", branch: "no" },
      { id: "e4", source: "y", target: "end" },
    ],
  };

  it("a branch follows the edge of its result", () => {
    expect(nextNodeIds(graph, "br", "yes")).toEqual(["y"]);
    expect(nextNodeIds(graph, "br", "no")).toEqual(["n"]);
  });

  it("any other node follows its single edge; the last node leads nowhere", () => {
    expect(nextNodeIds(graph, "trigger")).toEqual(["br"]);
    expect(nextNodeIds(graph, "y")).toEqual(["end"]);
    expect(nextNodeIds(graph, "end")).toEqual([]);
    expect(nextNodeIds(graph, "n")).toEqual([]);
  });

  it("a branch result with no edge for it leads nowhere", () => {
    const onlyYes = { ...graph, edges: graph.edges.filter((e) => e.id !== "e3") };
    expect(nextNodeIds(onlyYes, "br", "no")).toEqual([]);
  });

  it("nodeById finds a node or nothing", () => {
    expect(nodeById(graph, "y")?.type).toBe("add_note");
    expect(nodeById(graph, "nope")).toBeUndefined();
  });
});

describe("triggerEventOf / subjectOfTrigger", () => {
  const withTrigger = (config: Record<string, unknown>): WorkflowGraph => ({
    nodes: [
      { id: "a", type: "add_note", position: { x: 0, y: 0 }, config: {} },
      { id: "t", type: "trigger", position: { x: 0, y: 1 }, config },
    ],
    edges: [],
  });

  it("the trigger node's event, wherever the trigger is in the list", () => {
    expect(triggerEventOf(withTrigger({ event: "opportunity.stage_changed" }))).toBe("opportunity.stage_changed");
    expect(triggerEventOf(withTrigger({ event: "schedule", cron: "0 9 * * 1" }))).toBe("schedule");
    expect(triggerNode(withTrigger({ event: "manual" }))?.id).toBe("t");
  });

  it("null without a trigger, or when the event is unknown or not text", () => {
    expect(triggerEventOf({ nodes: [], edges: [] })).toBeNull();
    expect(triggerEventOf(withTrigger({}))).toBeNull();
    expect(triggerEventOf(withTrigger({ event: "lead.deleted" }))).toBeNull();
    expect(triggerEventOf(withTrigger({ event: 7 }))).toBeNull();
  });

  it("deal triggers run on the deal; every other trigger on the lead", () => {
    expect(subjectOfTrigger("opportunity.stage_changed")).toBe("opportunity");
    expect(subjectOfTrigger("lead.created")).toBe("lead");
    expect(subjectOfTrigger("task.overdue")).toBe("lead");
    expect(subjectOfTrigger("webhook")).toBe("lead");
  });
});

describe("configSchemaFor", () => {
  it("send_sms: a template or a text, exactly one", () => {
    expect(accepts("send_sms", { body: "Hi" })).toBe(true);
    expect(accepts("send_sms", { templateId: UUID })).toBe(true);
    expect(problems("send_sms", { templateId: UUID, body: "Hi" })).toEqual(["body: choose a template or write the text (one of them)"]);
    expect(problems("send_sms", {})).toEqual(["body: choose a template or write the text (one of them)"]);
    expect(problems("send_sms", { body: "   " })).toContain("body: is required");
    expect(accepts("send_sms", { templateId: "not-a-uuid" })).toBe(false);
    expect(accepts("send_sms", { body: "Hi", subject: "x" })).toBe(false); // strict: texts have no subject
  });

  it("send_email: a template, or a body with a subject", () => {
    expect(accepts("send_email", { templateId: UUID })).toBe(true);
    expect(accepts("send_email", { subject: "Hello", body: "<p>Hi</p>" })).toBe(true);
    expect(problems("send_email", { body: "<p>Hi</p>" })).toEqual(["subject: is required"]);
    expect(problems("send_email", { templateId: UUID, body: "<p>Hi</p>", subject: "x" })).toEqual(["body: choose a template or write the email (one of them)"]);
    expect(problems("send_email", {})).toContain("body: choose a template or write the email (one of them)");
  });

  it("update_field: a known field and a value", () => {
    expect(accepts("update_field", { field: "addTag", value: "hot" })).toBe(true);
    expect(accepts("update_field", { field: "status", value: "dead" })).toBe(false); // change_status does that
    expect(problems("update_field", { field: "source", value: " " })).toEqual(["value: is required"]);
  });

  it("change_status: a lead status", () => {
    expect(accepts("change_status", { status: "qualified" })).toBe(true);
    expect(accepts("change_status", { status: "won" })).toBe(false);
  });

  it("move_stage: a stage id", () => {
    expect(accepts("move_stage", { stageId: UUID })).toBe(true);
    expect(problems("move_stage", { stageId: "" })).toEqual(["stageId: choose a stage"]);
  });

  it("assign: round robin needs agents; user needs one; rules needs nothing", () => {
    expect(accepts("assign", { mode: "round_robin", userIds: [UUID] })).toBe(true);
    expect(problems("assign", { mode: "round_robin", userIds: [] })).toEqual(["userIds: choose at least one agent"]);
    expect(accepts("assign", { mode: "round_robin" })).toBe(false);
    expect(accepts("assign", { mode: "user", userId: UUID })).toBe(true);
    expect(problems("assign", { mode: "user", userId: "x" })).toEqual(["userId: choose an agent"]);
    expect(accepts("assign", { mode: "rules" })).toBe(true);
    expect(accepts("assign", { mode: "rules", userId: UUID })).toBe(false); // strict per mode
    expect(accepts("assign", { mode: "random" })).toBe(false);
  });

  it("create_task: a title and whole hours from 0 to a year", () => {
    expect(accepts("create_task", { title: "Call", dueInHours: 0 })).toBe(true);
    expect(accepts("create_task", { title: "Call", dueInHours: 24, assigneeId: UUID })).toBe(true);
    expect(accepts("create_task", { title: "Call", dueInHours: 1.5 })).toBe(false);
    expect(accepts("create_task", { title: "Call", dueInHours: 24 * 365 + 1 })).toBe(false);
    expect(problems("create_task", { title: "", dueInHours: 1 })).toEqual(["title: is required"]);
  });

  it("wait: a whole positive amount of a known unit, or a valid 24-hour time", () => {
    expect(accepts("wait", { mode: "duration", amount: 1, unit: "days" })).toBe(true);
    expect(accepts("wait", { mode: "duration", amount: 0, unit: "days" })).toBe(false);
    expect(accepts("wait", { mode: "duration", amount: 1.5, unit: "hours" })).toBe(false);
    expect(accepts("wait", { mode: "duration", amount: 1, unit: "weeks" })).toBe(false);
    expect(accepts("wait", { mode: "until_time", time: "23:59" })).toBe(true);
    expect(accepts("wait", { mode: "until_time", time: "00:00" })).toBe(true);
    for (const time of ["25:00", "24:00", "9:00", "09:60", "0900", "09:00:00"]) expect(problems("wait", { mode: "until_time", time }), time).toEqual(["time: must be HH:MM (24-hour)"]);
  });

  it("branch: a valid condition group", () => {
    expect(accepts("branch", { conditions: { op: "and", rules: [] } })).toBe(true);
    expect(accepts("branch", { conditions: { op: "and", rules: [{ field: "lead.score", operator: "contains", value: "1" }] } })).toBe(false);
    expect(accepts("branch", {})).toBe(false);
  });

  it("webhook: an http(s) URL", () => {
    expect(accepts("webhook", { url: "https://example.test/hook" })).toBe(true);
    expect(accepts("webhook", { url: "http://example.test/hook" })).toBe(true);
    expect(problems("webhook", { url: "ftp://example.test/hook" })).toEqual(["url: must be an http(s) URL"]);
    expect(accepts("webhook", { url: "not a url" })).toBe(false);
  });

  it("stop_on: at least one reason", () => {
    expect(accepts("stop_on", { reply: true, statusChange: false })).toBe(true);
    expect(problems("stop_on", { reply: false, statusChange: false })).toEqual(["reply: choose at least one"]);
  });

  it("enrich and add_note", () => {
    expect(accepts("enrich", {})).toBe(true);
    expect(accepts("enrich", { force: true })).toBe(false);
    expect(accepts("add_note", { body: "Hi" })).toBe(true);
    expect(problems("add_note", { body: "" })).toEqual(["body: is required"]);
  });

  it("the trigger: its event's own settings, strictly", () => {
    expect(configSchemaFor("trigger")).not.toBe(actionConfigSchemas.add_note);
    expect(accepts("trigger", { event: "lead.created" })).toBe(true);
    expect(accepts("trigger", { event: "lead.field_changed", field: "status", to: "dead" })).toBe(true);
    expect(accepts("trigger", { event: "lead.field_changed", field: "notes" })).toBe(false); // not a watched field
    expect(accepts("trigger", { event: "schedule", cron: "0 9 * * 1" })).toBe(true);
    expect(problems("trigger", { event: "schedule", cron: "0 9 * *" })).toEqual(["cron: must be a five-field cron expression, such as 0 9 * * 1"]);
    expect(accepts("trigger", { event: "opportunity.stage_changed", toStageId: "x" })).toBe(false);
    expect(accepts("trigger", { event: "lead.created", cron: "0 9 * * 1" })).toBe(false);
    expect(accepts("trigger", { event: "lead.deleted" })).toBe(false);
  });
});

describe("workflowGraphSchema", () => {
  it("refuses two nodes with one id, naming the second", () => {
    const parsed = workflowGraphSchema.safeParse({
      nodes: [
        { id: "a", type: "add_note", position: { x: 0, y: 0 }, config: {} },
        { id: "a", type: "add_note", position: { x: 0, y: 1 }, config: {} },
      ],
      edges: [],
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => [i.path.join("."), i.message])).toEqual([["nodes.1.id", '"a" is used by two nodes']]);
  });

  it("refuses bad node ids and types, and a branch label other than yes/no", () => {
    expect(workflowGraphSchema.safeParse({ nodes: [{ id: "a b", type: "add_note", position: { x: 0, y: 0 }, config: {} }], edges: [] }).success).toBe(false);
    expect(workflowGraphSchema.safeParse({ nodes: [{ id: "a", type: "nope", position: { x: 0, y: 0 }, config: {} }], edges: [] }).success).toBe(false);
    expect(workflowGraphSchema.safeParse({ nodes: [], edges: [{ id: "e", source: "a", target: "b", branch: "maybe" }] }).success).toBe(false);
  });
});
