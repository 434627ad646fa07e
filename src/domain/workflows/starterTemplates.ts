import type { StarterTemplateInfo } from "./api";
import type { WorkflowEdge, WorkflowGraph, WorkflowNode } from "./graph";

// The three starter workflows, instantiated by id (POST /api/workflows/templates/:templateId/instantiate). Their
// messages are written into the steps, so they work in an org with no message templates yet.

export interface StarterTemplate extends StarterTemplateInfo {
  graph: WorkflowGraph;
}

/** A straight line of steps down the canvas; `branches` adds a branch's yes/no targets. */
function chain(steps: Array<Omit<WorkflowNode, "position">>, extra: { nodes?: Array<Omit<WorkflowNode, "position">>; edges?: WorkflowEdge[] } = {}): WorkflowGraph {
  const nodes: WorkflowNode[] = steps.map((s, i) => ({ ...s, position: { x: 250, y: i * 130 } }));
  const edges: WorkflowEdge[] = steps.slice(1).map((s, i) => ({ id: `e-${steps[i].id}-${s.id}`, source: steps[i].id, target: s.id }));
  (extra.nodes ?? []).forEach((n, i) => nodes.push({ ...n, position: { x: 520, y: (steps.length - 1 + i) * 130 } }));
  return { nodes, edges: [...edges, ...(extra.edges ?? [])] };
}

const STOP_WORDING = " Reply STOP to opt out.";

export const STARTER_TEMPLATES: StarterTemplate[] = [
  {
    id: "new-lead-instant-text",
    name: "New lead: instant text + assign + follow-up task",
    description: "The moment a lead arrives: assign it by the org's rules, text it within seconds, and give its agent a call-back task due in an hour.",
    graph: chain([
      { id: "trigger", type: "trigger", config: { event: "lead.created" } },
      { id: "assign", type: "assign", label: "Assign by rules", config: { mode: "rules" } },
      {
        id: "text",
        type: "send_sms",
        label: "Instant text",
        config: { body: `Hi {{lead.firstName}}, this is {{agent.name}} with {{org.name}}. Thanks for reaching out about your property — when is a good time to talk?${STOP_WORDING}` },
      },
      { id: "task", type: "create_task", label: "Call-back task", config: { title: "Call the new lead back", dueInHours: 1 } },
    ]),
  },
  {
    id: "no-answer-drip",
    name: "No answer: 5-touch text/email drip over 10 days",
    description: "Follows up a new lead on days 1, 3, 5, 7 and 10 by text and email, and stops the moment the lead replies or its status changes.",
    graph: chain([
      { id: "trigger", type: "trigger", config: { event: "lead.created" } },
      { id: "guard", type: "stop_on", label: "Stop on reply or status change", config: { reply: true, statusChange: true } },
      { id: "wait1", type: "wait", config: { mode: "duration", amount: 1, unit: "days" } },
      { id: "touch1", type: "send_sms", label: "Day 1 text", config: { body: `Hi {{lead.firstName}}, {{agent.name}} here from {{org.name}}. Still thinking about selling? I can make you a fair cash offer.${STOP_WORDING}` } },
      { id: "wait2", type: "wait", config: { mode: "duration", amount: 2, unit: "days" } },
      {
        id: "touch2",
        type: "send_email",
        label: "Day 3 email",
        config: { subject: "Your property, {{lead.firstName}}", body: "<p>Hi {{lead.firstName}},</p><p>We buy houses as they are, close on your schedule and pay the closing costs. Just reply to this email to get an offer.</p><p>{{agent.name}}, {{org.name}}</p>" },
      },
      { id: "wait3", type: "wait", config: { mode: "duration", amount: 2, unit: "days" } },
      { id: "touch3", type: "send_sms", label: "Day 5 text", config: { body: `{{lead.firstName}}, any questions I can answer about an offer on your place? — {{agent.name}}${STOP_WORDING}` } },
      { id: "wait4", type: "wait", config: { mode: "duration", amount: 2, unit: "days" } },
      {
        id: "touch4",
        type: "send_email",
        label: "Day 7 email",
        config: { subject: "Still interested in an offer?", body: "<p>Hi {{lead.firstName}},</p><p>No pressure at all — if selling is still on your mind, we can give you a number within a day.</p><p>{{agent.name}}</p>" },
      },
      { id: "wait5", type: "wait", config: { mode: "duration", amount: 3, unit: "days" } },
      { id: "touch5", type: "send_sms", label: "Day 10 text", config: { body: `Last note from me, {{lead.firstName}}: if you ever want a cash offer, just reply here. — {{agent.name}}${STOP_WORDING}` } },
    ]),
  },
  {
    id: "stale-deal-reminder",
    name: "Stale deal: remind the owner after 7 days in a stage",
    description: "When a deal moves stage, wait 7 days; if it is still open and still in that stage, give its owner a task to move it along.",
    graph: chain(
      [
        { id: "trigger", type: "trigger", config: { event: "opportunity.stage_changed" } },
        { id: "wait", type: "wait", config: { mode: "duration", amount: 7, unit: "days" } },
        {
          id: "stale",
          type: "branch",
          label: "Still in that stage?",
          config: {
            conditions: {
              op: "and",
              rules: [
                { field: "opportunity.status", operator: "equals", value: "open" },
                { field: "opportunity.stageEnteredAt", operator: "not_within_last_days", value: 7 },
              ],
            },
          },
        },
      ],
      {
        nodes: [{ id: "remind", type: "create_task", label: "Reminder to the owner", config: { title: "This deal has sat in its stage for 7 days — move it along", dueInHours: 0 } }],
        edges: [{ id: "e-stale-remind", source: "stale", target: "remind", branch: "yes" }],
      },
    ),
  },
];

export const starterTemplateById = (id: string) => STARTER_TEMPLATES.find((t) => t.id === id);
