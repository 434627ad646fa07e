import { TEMPLATE_VARIABLES, unknownVariables } from "../messaging";
import { fieldByPath, fieldsUsed, type ConditionGroup } from "./conditions";
import { configSchemaFor, subjectOfTrigger, triggerEventOf, type NodeType, type WorkflowGraph, type WorkflowNode } from "./graph";

// Checks a workflow before it may be published: the builder shows each issue on its node, and the API refuses
// to publish while any error remains. Warnings (a step that will be skipped for some subjects) don't block.

export interface GraphIssue {
  /** The node the issue is about; none for the graph as a whole. */
  nodeId?: string;
  edgeId?: string;
  severity: "error" | "warning";
  message: string;
}

export interface TemplateInfo {
  id: string;
  name: string;
  channel: "email" | "sms";
  subject: string | null;
  body: string;
  textBody: string | null;
}

export interface ValidationContext {
  /** The org's message templates, to check the ones a send step names. */
  templates?: TemplateInfo[];
}

const LEAD_ONLY_ACTIONS: NodeType[] = ["send_sms", "send_email", "update_field", "change_status", "assign", "enrich", "stop_on"];
const KNOWN_VARIABLES = new Set<string>(TEMPLATE_VARIABLES);

export function validateGraph(graph: WorkflowGraph, context: ValidationContext = {}): GraphIssue[] {
  const issues: GraphIssue[] = [];
  const error = (message: string, nodeId?: string, edgeId?: string) => issues.push({ severity: "error", message, ...(nodeId ? { nodeId } : {}), ...(edgeId ? { edgeId } : {}) });
  const warn = (message: string, nodeId?: string) => issues.push({ severity: "warning", message, ...(nodeId ? { nodeId } : {}) });
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));

  const triggers = graph.nodes.filter((n) => n.type === "trigger");
  if (triggers.length === 0) error("A workflow needs a trigger: drag one from the palette.");
  for (const extra of triggers.slice(1)) error("A workflow has one trigger; remove this one.", extra.id);
  const trigger = triggers[0];
  const event = triggerEventOf(graph);
  const subject = event ? subjectOfTrigger(event) : "lead";

  // Edges: known ends, nothing into the trigger, no self-loops, the branch labels right.
  for (const e of graph.edges) {
    if (!byId.has(e.source) || !byId.has(e.target)) {
      error("This connection points at a node that no longer exists.", undefined, e.id);
      continue;
    }
    if (byId.get(e.target)!.type === "trigger") error("Nothing can lead into the trigger.", e.target, e.id);
    if (e.source === e.target) error("A step can't lead to itself.", e.source, e.id);
  }
  for (const node of graph.nodes) {
    const out = graph.edges.filter((e) => e.source === node.id && byId.has(e.target));
    if (node.type === "branch") {
      if (out.some((e) => !e.branch)) error('A branch\'s connections must be its "yes" or "no" path.', node.id);
      for (const label of ["yes", "no"] as const) if (out.filter((e) => e.branch === label).length > 1) error(`A branch has one "${label}" path.`, node.id);
      if (out.length === 0) warn("This branch leads nowhere: the run ends here either way.", node.id);
    } else {
      if (out.length > 1) error("A step leads to one next step; use a branch to split the path.", node.id);
      if (out.some((e) => e.branch)) error('Only a branch has "yes" and "no" paths.', node.id);
    }
  }

  // Each node's settings against the schema the engine uses.
  for (const node of graph.nodes) {
    const parsed = configSchemaFor(node.type).safeParse(node.config);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const where = issue.path.length ? `${issue.path.join(".")}: ` : "";
        error(`${where}${issue.message}`, node.id);
      }
    }
  }

  // Cycles, then steps the trigger never reaches.
  const cyclic = nodesOnCycles(graph);
  for (const id of cyclic) error("This step is part of a loop; workflows run forward only (use waits and a schedule to repeat).", id);
  if (trigger) {
    const reached = reachableFrom(graph, trigger.id);
    for (const node of graph.nodes) if (node.type !== "trigger" && !reached.has(node.id)) error("Unreachable: no path from the trigger leads here.", node.id);
    if (graph.edges.every((e) => e.source !== trigger.id)) warn("The trigger leads nowhere yet: connect it to a first step.", trigger.id);
  }

  // What the subject has: deal triggers may have no lead; lead triggers may have no deal.
  for (const node of graph.nodes) {
    if (subject === "opportunity" && LEAD_ONLY_ACTIONS.includes(node.type)) warn("Deals without a linked lead will skip this step.", node.id);
    if (subject === "lead" && node.type === "move_stage") warn("Leads without a deal will skip this step.", node.id);
    const conditions = conditionsOf(node);
    if (conditions) {
      for (const path of fieldsUsed(conditions)) {
        const field = fieldByPath(path);
        if (field?.scope === "opportunity" && subject === "lead") warn(`${field.label} is only known for leads with a deal; for the others it is empty.`, node.id);
      }
    }
    if (node.type === "send_sms" || node.type === "send_email") checkMessage(node, context, error);
  }
  return issues;
}

export const hasErrors = (issues: GraphIssue[]) => issues.some((i) => i.severity === "error");

function conditionsOf(node: WorkflowNode): ConditionGroup | null {
  const c = node.config.conditions;
  return c && typeof c === "object" && Array.isArray((c as ConditionGroup).rules) ? (c as ConditionGroup) : null;
}

function checkMessage(node: WorkflowNode, context: ValidationContext, error: (m: string, n?: string) => void) {
  const channel = node.type === "send_sms" ? "sms" : "email";
  const templateId = node.config.templateId;
  const texts: string[] = [];
  if (typeof templateId === "string" && context.templates) {
    const template = context.templates.find((t) => t.id === templateId);
    if (!template) error("The template this step sends no longer exists.", node.id);
    else if (template.channel !== channel) error(`"${template.name}" is an ${template.channel} template; this step sends ${channel === "sms" ? "a text" : "an email"}.`, node.id);
    else texts.push(template.subject ?? "", template.body, template.textBody ?? "");
  }
  for (const key of ["subject", "body"]) if (typeof node.config[key] === "string") texts.push(node.config[key] as string);
  const unknown = [...new Set(texts.flatMap((t) => unknownVariables(t)))].filter((v) => !KNOWN_VARIABLES.has(v));
  if (unknown.length) error(`Unknown template variable${unknown.length > 1 ? "s" : ""}: ${unknown.map((v) => `{{${v}}}`).join(", ")}.`, node.id);
}

/** Node ids reachable from `start` along edges (start included). */
export function reachableFrom(graph: WorkflowGraph, start: string): Set<string> {
  const seen = new Set<string>([start]);
  const stack = [start];
  while (stack.length) {
    const id = stack.pop()!;
    for (const e of graph.edges) {
      if (e.source !== id || seen.has(e.target)) continue;
      seen.add(e.target);
      stack.push(e.target);
    }
  }
  return seen;
}

/** The nodes that lie on a directed cycle (Tarjan's strongly connected components of size > 1, or a self-loop). */
export function nodesOnCycles(graph: WorkflowGraph): Set<string> {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const out = new Set<string>();
  let counter = 0;
  const successors = (id: string) => graph.edges.filter((e) => e.source === id).map((e) => e.target);
  const visit = (v: string) => {
    index.set(v, counter);
    low.set(v, counter);
    counter++;
    stack.push(v);
    onStack.add(v);
    for (const w of successors(v)) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || successors(v).includes(v)) component.forEach((id) => out.add(id));
    }
  };
  for (const n of graph.nodes) if (!index.has(n.id)) visit(n.id);
  return out;
}
