import { z } from "zod";
import { conditionGroupSchema } from "./conditions";

// A workflow is a graph: one trigger node, then action nodes joined by edges. A branch node has two outgoing
// edges, "yes" and "no"; every other node at most one. The same schemas check the builder's side panel, the
// API's PUT of a draft and the engine before it runs a step.

export const TRIGGER_EVENTS = [
  "lead.created",
  "lead.field_changed",
  "opportunity.stage_changed",
  "task.overdue",
  "sms.reply",
  "schedule",
  "manual",
  "webhook",
] as const;
export type TriggerEvent = (typeof TRIGGER_EVENTS)[number];

export const TRIGGER_LABELS: Record<TriggerEvent, string> = {
  "lead.created": "Lead created",
  "lead.field_changed": "Lead field changed",
  "opportunity.stage_changed": "Deal stage changed",
  "task.overdue": "Task overdue",
  "sms.reply": "Text reply received",
  schedule: "On a schedule",
  manual: "Run by hand",
  webhook: "Inbound webhook",
};

/** The lead fields whose changes a "lead field changed" trigger can watch. */
export const WATCHED_LEAD_FIELDS = ["status", "assigneeId", "source", "tags", "score", "email", "phone", "firstName", "lastName"] as const;
export type WatchedLeadField = (typeof WATCHED_LEAD_FIELDS)[number];

/** What an execution is about: the triggers on deals run on the deal (and its lead, when it has one). */
export type SubjectKind = "lead" | "opportunity";
export const subjectOfTrigger = (event: TriggerEvent): SubjectKind => (event === "opportunity.stage_changed" ? "opportunity" : "lead");

const FIVE_FIELD_CRON = /^\s*(\S+\s+){4}\S+\s*$/;
const optionalText = (max: number) => z.string().trim().max(max).optional();

export const triggerConfigSchema = z.discriminatedUnion("event", [
  z.object({ event: z.literal("lead.created"), conditions: conditionGroupSchema.optional() }).strict(),
  z
    .object({
      event: z.literal("lead.field_changed"),
      field: z.enum(WATCHED_LEAD_FIELDS),
      /** Only when the old value was this (text compare, case-insensitive); any when unset. */
      from: optionalText(200),
      to: optionalText(200),
      conditions: conditionGroupSchema.optional(),
    })
    .strict(),
  z
    .object({
      event: z.literal("opportunity.stage_changed"),
      /** Only moves into this stage; any stage when unset. */
      toStageId: z.uuid().optional(),
      conditions: conditionGroupSchema.optional(),
    })
    .strict(),
  z.object({ event: z.literal("task.overdue"), conditions: conditionGroupSchema.optional() }).strict(),
  z.object({ event: z.literal("sms.reply"), conditions: conditionGroupSchema.optional() }).strict(),
  z
    .object({
      event: z.literal("schedule"),
      /** Five-field cron, in the org's time zone: "0 9 * * 1" is Mondays at 9am. Runs on every lead the conditions pick. */
      cron: z.string().regex(FIVE_FIELD_CRON, { error: "must be a five-field cron expression, such as 0 9 * * 1" }),
      conditions: conditionGroupSchema.optional(),
    })
    .strict(),
  z.object({ event: z.literal("manual"), conditions: conditionGroupSchema.optional() }).strict(),
  z.object({ event: z.literal("webhook"), conditions: conditionGroupSchema.optional() }).strict(),
]);
export type TriggerConfig = z.infer<typeof triggerConfigSchema>;

export const ACTION_TYPES = [
  "send_sms",
  "send_email",
  "update_field",
  "change_status",
  "move_stage",
  "assign",
  "create_task",
  "add_note",
  "wait",
  "branch",
  "webhook",
  "enrich",
  "stop_on",
] as const;
export type ActionType = (typeof ACTION_TYPES)[number];
export type NodeType = "trigger" | ActionType;

export const ACTION_LABELS: Record<ActionType, string> = {
  send_sms: "Send text",
  send_email: "Send email",
  update_field: "Update field",
  change_status: "Change status",
  move_stage: "Move deal stage",
  assign: "Assign",
  create_task: "Create task",
  add_note: "Add note",
  wait: "Wait",
  branch: "Branch",
  webhook: "Call webhook",
  enrich: "Enrich",
  stop_on: "Stop on reply / status change",
};

/** Fields an "update field" step may set. */
export const UPDATABLE_LEAD_FIELDS = ["source", "notes", "firstName", "lastName", "addTag", "removeTag"] as const;
const LEAD_STATUS_VALUES = ["new", "contacted", "qualified", "nurturing", "unqualified", "converted", "dead"] as const;

const messageBody = z.string().trim().min(1, { error: "is required" }).max(5000);

export const actionConfigSchemas = {
  send_sms: z
    .object({ templateId: z.uuid().optional(), body: messageBody.optional() })
    .strict()
    .refine((c) => Boolean(c.templateId) !== Boolean(c.body), { error: "choose a template or write the text (one of them)", path: ["body"] }),
  send_email: z
    .object({ templateId: z.uuid().optional(), subject: z.string().trim().min(1).max(300).optional(), body: messageBody.optional() })
    .strict()
    .refine((c) => Boolean(c.templateId) !== Boolean(c.body), { error: "choose a template or write the email (one of them)", path: ["body"] })
    .refine((c) => Boolean(c.templateId) || Boolean(c.subject), { error: "is required", path: ["subject"] }),
  update_field: z.object({ field: z.enum(UPDATABLE_LEAD_FIELDS), value: z.string().trim().min(1, { error: "is required" }).max(2000) }).strict(),
  change_status: z.object({ status: z.enum(LEAD_STATUS_VALUES) }).strict(),
  move_stage: z.object({ stageId: z.uuid({ error: "choose a stage" }) }).strict(),
  assign: z.discriminatedUnion("mode", [
    z.object({ mode: z.literal("round_robin"), userIds: z.array(z.uuid()).min(1, { error: "choose at least one agent" }).max(100) }).strict(),
    z.object({ mode: z.literal("user"), userId: z.uuid({ error: "choose an agent" }) }).strict(),
    /** The org's assignment rules (Settings → Assignment), when the lead has no agent yet. */
    z.object({ mode: z.literal("rules") }).strict(),
  ]),
  create_task: z
    .object({
      title: z.string().trim().min(1, { error: "is required" }).max(200),
      dueInHours: z.number().int().min(0).max(24 * 365),
      /** The lead's agent when unset. */
      assigneeId: z.uuid().optional(),
    })
    .strict(),
  add_note: z.object({ body: z.string().trim().min(1, { error: "is required" }).max(5000) }).strict(),
  wait: z.discriminatedUnion("mode", [
    z.object({ mode: z.literal("duration"), amount: z.number().int().min(1).max(10_000), unit: z.enum(["minutes", "hours", "days"]) }).strict(),
    /** Until the next time the org's clock shows this time (HH:MM, 24-hour). */
    z.object({ mode: z.literal("until_time"), time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: "must be HH:MM (24-hour)" }) }).strict(),
  ]),
  branch: z.object({ conditions: conditionGroupSchema }).strict(),
  webhook: z
    .object({
      url: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).max(2000),
    })
    .strict(),
  enrich: z.object({}).strict(),
  stop_on: z
    .object({ reply: z.boolean(), statusChange: z.boolean() })
    .strict()
    .refine((c) => c.reply || c.statusChange, { error: "choose at least one", path: ["reply"] }),
} satisfies Record<ActionType, z.ZodType>;

export type ActionConfig<T extends ActionType> = z.infer<(typeof actionConfigSchemas)[T]>;

export const NODE_ID = /^[A-Za-z0-9_-]{1,64}$/;
const positionSchema = z.object({ x: z.number().finite(), y: z.number().finite() }).strict();

/**
 * A node as stored in a draft: the config is kept as the user typed it (a draft may be incomplete); its
 * schema is checked by validateGraph, and publishing refuses a graph with errors.
 */
export const workflowNodeSchema = z
  .object({
    id: z.string().regex(NODE_ID, { error: "must be 1–64 letters, digits, _ or -" }),
    type: z.enum(["trigger", ...ACTION_TYPES]),
    position: positionSchema,
    label: z.string().trim().max(120).optional(),
    config: z.record(z.string(), z.unknown()),
  })
  .strict();
export type WorkflowNode = z.infer<typeof workflowNodeSchema>;

export const workflowEdgeSchema = z
  .object({
    id: z.string().regex(NODE_ID),
    source: z.string().regex(NODE_ID),
    target: z.string().regex(NODE_ID),
    /** Only on a branch node's edges. */
    branch: z.enum(["yes", "no"]).optional(),
  })
  .strict();
export type WorkflowEdge = z.infer<typeof workflowEdgeSchema>;

export const workflowGraphSchema = z
  .object({
    nodes: z.array(workflowNodeSchema).max(200),
    edges: z.array(workflowEdgeSchema).max(400),
  })
  .strict()
  .superRefine((g, ctx) => {
    const seen = new Set<string>();
    g.nodes.forEach((n, i) => {
      if (seen.has(n.id)) ctx.addIssue({ code: "custom", path: ["nodes", i, "id"], message: `"${n.id}" is used by two nodes` });
      seen.add(n.id);
    });
  });
export type WorkflowGraph = z.infer<typeof workflowGraphSchema>;

/** The schema a node's config must satisfy. */
export function configSchemaFor(type: NodeType): z.ZodType {
  return type === "trigger" ? triggerConfigSchema : actionConfigSchemas[type];
}

export const triggerNode = (graph: WorkflowGraph): WorkflowNode | undefined => graph.nodes.find((n) => n.type === "trigger");

/** The trigger's event, when the trigger node exists and names one. */
export function triggerEventOf(graph: WorkflowGraph): TriggerEvent | null {
  const event = triggerNode(graph)?.config.event;
  return typeof event === "string" && (TRIGGER_EVENTS as readonly string[]).includes(event) ? (event as TriggerEvent) : null;
}

/** The nodes a step leads to: a branch follows the edge of its result; any other node its single edge. */
export function nextNodeIds(graph: WorkflowGraph, nodeId: string, branch?: "yes" | "no"): string[] {
  return graph.edges.filter((e) => e.source === nodeId && (branch === undefined || e.branch === branch)).map((e) => e.target);
}

export const nodeById = (graph: WorkflowGraph, id: string): WorkflowNode | undefined => graph.nodes.find((n) => n.id === id);

/** The wall-clock reading of `instant` in `timeZone`, as if that reading were UTC (ms). */
function wallClockMs(instant: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric", hourCycle: "h23" }).formatToParts(instant);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  return Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
}

/** The instant the clocks of `timeZone` show `wall` (ms, read as UTC); on a skipped hour, the moment just after. */
function instantOfWallClock(wall: number, timeZone: string): number {
  let guess = wall;
  for (let i = 0; i < 3; i++) guess = wall - (wallClockMs(new Date(guess), timeZone) - guess);
  return guess;
}

/**
 * Milliseconds a wait step lasts when started at `now`. "Until a time of day" is the next time the org's clocks
 * show it — on a daylight-saving day too (the gap is measured between instants, not on the wall clock).
 */
export function waitDurationMs(config: ActionConfig<"wait">, now: Date, timeZone: string): number {
  if (config.mode === "duration") return config.amount * { minutes: 60_000, hours: 3_600_000, days: 86_400_000 }[config.unit];
  const [hh, mm] = config.time.split(":").map(Number);
  const wallNow = wallClockMs(now, timeZone);
  const day = Math.floor(wallNow / 86_400_000) * 86_400_000;
  for (let offsetDays = 0; offsetDays <= 2; offsetDays++) {
    const target = instantOfWallClock(day + offsetDays * 86_400_000 + (hh * 60 + mm) * 60_000, timeZone);
    if (target > now.getTime()) return target - now.getTime();
  }
  return 86_400_000;
}
