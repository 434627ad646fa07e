import { describeConditions, type ConditionGroup } from "./conditions";
import { ACTION_LABELS, NODE_ID, TRIGGER_EVENTS, TRIGGER_LABELS, WATCHED_LEAD_FIELDS, type NodeType, type TriggerEvent, type WorkflowGraph, type WorkflowNode } from "./graph";

// Pure helpers for the workflow builder: a new node's starting config, the form's values cleaned into a config its
// schema accepts, a one-line summary of a node for its card, and fresh node ids.

type Config = Record<string, unknown>;

/** The name a node shows: its own label, else its type's. */
export const nodeTitle = (node: Pick<WorkflowNode, "type" | "label">): string => node.label?.trim() || (node.type === "trigger" ? "Trigger" : ACTION_LABELS[node.type]);

/** What a node starts with when dropped on the canvas: enough to pick the mode, not enough to pass (the panel asks for the rest). */
export function defaultConfigFor(type: NodeType): Config {
  switch (type) {
    case "trigger":
      return { event: "lead.created" };
    case "assign":
      return { mode: "rules" };
    case "wait":
      return { mode: "duration", amount: 1, unit: "days" };
    case "create_task":
      return { title: "", dueInHours: 24 };
    case "branch":
      return { conditions: { op: "and", rules: [] } };
    case "stop_on":
      return { reply: true, statusChange: true };
    case "change_status":
      return { status: "contacted" };
    case "update_field":
      return { field: "addTag", value: "" };
    default:
      return {};
  }
}

const isBlank = (v: unknown) => v === undefined || v === null || (typeof v === "string" && v.trim() === "") || (typeof v === "number" && Number.isNaN(v));

/** Keeps `keys` of `values` that are not blank (empty text, NaN, undefined). */
function pick(values: Config, keys: readonly string[]): Config {
  const out: Config = {};
  for (const k of keys) if (!isBlank(values[k])) out[k] = values[k];
  return out;
}

/** Which of the message's two sources the form shows; kept in the form only. */
export type MessageSource = "template" | "text";

/**
 * The config a node's form values stand for: only the keys its schema knows for the chosen mode or event, without
 * blank ones — so switching a wait from "duration" to "until a time" does not leave `amount` behind, and an empty
 * text box is "not set" rather than an empty string.
 */
export function cleanConfig(type: NodeType, values: Config): Config {
  switch (type) {
    case "trigger": {
      const event = values.event as TriggerEvent;
      const extra = event === "lead.field_changed" ? ["field", "from", "to"] : event === "opportunity.stage_changed" ? ["toStageId"] : event === "schedule" ? ["cron"] : [];
      return pick(values, ["event", ...extra, "conditions"]);
    }
    case "send_sms":
      return values.source === "template" ? pick(values, ["templateId"]) : pick(values, ["body"]);
    case "send_email":
      return values.source === "template" ? pick(values, ["templateId"]) : pick(values, ["subject", "body"]);
    case "assign":
      if (values.mode === "round_robin") return { mode: "round_robin", userIds: Array.isArray(values.userIds) ? values.userIds : [] };
      if (values.mode === "user") return pick(values, ["mode", "userId"]);
      return { mode: "rules" };
    case "wait":
      return values.mode === "until_time" ? pick(values, ["mode", "time"]) : pick(values, ["mode", "amount", "unit"]);
    case "create_task":
      return pick(values, ["title", "dueInHours", "assigneeId"]);
    case "update_field":
      return pick(values, ["field", "value"]);
    case "change_status":
      return pick(values, ["status"]);
    case "move_stage":
      return pick(values, ["stageId"]);
    case "add_note":
      return pick(values, ["body"]);
    case "branch":
      return { conditions: values.conditions ?? { op: "and", rules: [] } };
    case "webhook":
      return pick(values, ["url"]);
    case "enrich":
      return {};
    case "stop_on":
      return { reply: values.reply === true, statusChange: values.statusChange === true };
  }
}

/** The form's starting values for a node: its config, plus the UI-only choice of a message's source. */
export function formValuesFor(type: NodeType, config: Config): Config {
  if (type === "send_sms" || type === "send_email") return { ...config, source: config.templateId ? "template" : "text" };
  if (type === "assign" && config.mode === "round_robin" && !Array.isArray(config.userIds)) return { ...config, userIds: [] };
  return { ...config };
}

/** Names the summary can use instead of ids. */
export interface SummaryLookups {
  templateName?: (id: string) => string | undefined;
  stageName?: (id: string) => string | undefined;
  memberName?: (id: string) => string | undefined;
}

const clip = (text: string, max = 60) => {
  const one = text.replace(/\s+/g, " ").trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
};
const str = (v: unknown) => (typeof v === "string" ? v : "");
const plural = (n: number, unit: string) => `${n} ${n === 1 ? unit.replace(/s$/, "") : unit}`;
const FIELD_NAMES: Record<string, string> = { source: "source", notes: "notes", firstName: "first name", lastName: "last name", addTag: "add tag", removeTag: "remove tag" };

/** One line under a node's title: "Wait 2 days", "“Hi {{lead.firstName}}, this is…”", "Lead score is at least 50". */
export function summarizeNode(node: Pick<WorkflowNode, "type" | "config">, lookups: SummaryLookups = {}): string {
  const c = node.config;
  const conditions = (c.conditions as ConditionGroup | undefined) ?? null;
  const when = conditions && conditions.rules?.length ? ` when ${describeConditions(conditions)}` : "";
  switch (node.type) {
    case "trigger": {
      const event = str(c.event);
      if (!(TRIGGER_EVENTS as readonly string[]).includes(event)) return "Choose what starts the workflow";
      const base = TRIGGER_LABELS[event as TriggerEvent];
      if (event === "lead.field_changed") {
        const field = (WATCHED_LEAD_FIELDS as readonly string[]).includes(str(c.field)) ? str(c.field) : "a field";
        return clip(`${field} changes${c.to ? ` to ${str(c.to)}` : ""}${when}`, 80);
      }
      if (event === "opportunity.stage_changed" && c.toStageId) return clip(`Into ${lookups.stageName?.(str(c.toStageId)) ?? "a stage"}${when}`, 80);
      if (event === "schedule") return clip(`Cron ${str(c.cron) || "(not set)"}${when}`, 80);
      return clip(`${base}${when}`, 80);
    }
    case "send_sms":
    case "send_email":
      if (c.templateId) return `Template: ${lookups.templateName?.(str(c.templateId)) ?? "(unknown template)"}`;
      if (node.type === "send_email" && c.subject) return clip(`“${str(c.subject)}”`);
      return c.body ? clip(`“${str(c.body)}”`) : node.type === "send_sms" ? "Write the text" : "Write the email";
    case "update_field":
      return c.field ? clip(`Set ${FIELD_NAMES[str(c.field)] ?? str(c.field)}: ${str(c.value) || "…"}`) : "Choose a field";
    case "change_status":
      return c.status ? `Status → ${str(c.status)}` : "Choose a status";
    case "move_stage":
      return c.stageId ? `To ${lookups.stageName?.(str(c.stageId)) ?? "a stage"}` : "Choose a stage";
    case "assign":
      if (c.mode === "round_robin") return `Round robin over ${plural(Array.isArray(c.userIds) ? c.userIds.length : 0, "agents")}`;
      if (c.mode === "user") return c.userId ? `To ${lookups.memberName?.(str(c.userId)) ?? "one agent"}` : "Choose an agent";
      return "By the assignment rules";
    case "create_task": {
      const due = typeof c.dueInHours === "number" ? (c.dueInHours === 0 ? ", due now" : `, due in ${plural(c.dueInHours, "hours")}`) : "";
      return c.title ? clip(`“${str(c.title)}”${due}`) : "Give the task a title";
    }
    case "add_note":
      return c.body ? clip(`“${str(c.body)}”`) : "Write the note";
    case "wait":
      if (c.mode === "until_time") return c.time ? `Wait until ${str(c.time)}` : "Wait until a time";
      return typeof c.amount === "number" && c.unit ? `Wait ${plural(c.amount, str(c.unit))}` : "Wait a while";
    case "branch":
      return conditions && conditions.rules?.length ? clip(`If ${describeConditions(conditions)}`, 80) : "Add a condition";
    case "webhook":
      return c.url ? clip(`POST ${str(c.url)}`) : "Enter the URL";
    case "enrich":
      return "Look up phone, email and property data";
    case "stop_on": {
      const on = [c.reply === true && "a reply", c.statusChange === true && "a status change"].filter(Boolean);
      return on.length ? `Stop on ${on.join(" or ")}` : "Choose when to stop";
    }
  }
}

/** A node id not yet used in the graph: "send_sms", "send_sms-2", … (ids match NODE_ID). */
export function newNodeId(graph: Pick<WorkflowGraph, "nodes">, type: NodeType): string {
  const used = new Set(graph.nodes.map((n) => n.id));
  if (!used.has(type)) return type;
  for (let i = 2; ; i++) if (!used.has(`${type}-${i}`)) return `${type}-${i}`;
}

/** A stable edge id for a connection; a branch's yes/no is part of it (so both paths of a branch can lead to one node). */
export function edgeIdFor(source: string, target: string, branch?: "yes" | "no"): string {
  const id = `e-${source}-${target}${branch ? `-${branch}` : ""}`;
  return NODE_ID.test(id) ? id : `e-${Math.random().toString(36).slice(2, 12)}`;
}
