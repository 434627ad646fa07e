import { describe, expect, it } from "vitest";
import { workflowGraphSchema, type WorkflowEdge, type WorkflowGraph, type WorkflowNode } from "./graph";
import { STARTER_TEMPLATES } from "./starterTemplates";
import { hasErrors, nodesOnCycles, reachableFrom, validateGraph, type GraphIssue, type TemplateInfo } from "./validateGraph";

type NodeSpec = [id: string, type: WorkflowNode["type"], config?: Record<string, unknown>];

const NOTE = { body: "Hello" };
const node = ([id, type, config]: NodeSpec, i: number): WorkflowNode => ({ id, type, position: { x: 0, y: i * 100 }, config: config ?? (type === "trigger" ? { event: "lead.created" } : NOTE) });
const edge = (source: string, target: string, branch?: "yes" | "no"): WorkflowEdge => ({ id: `${source}-${target}${branch ? `-${branch}` : ""}`, source, target, ...(branch ? { branch } : {}) });
const graph = (nodes: NodeSpec[], edges: WorkflowEdge[]): WorkflowGraph => ({ nodes: nodes.map(node), edges });

/** trigger → a → b, all notes: the valid base the cases below break one way each. */
const base = (): WorkflowGraph =>
  graph(
    [
      ["trigger", "trigger"],
      ["a", "add_note"],
      ["b", "add_note"],
    ],
    [edge("trigger", "a"), edge("a", "b")],
  );

const errors = (issues: GraphIssue[]) => issues.filter((i) => i.severity === "error");
const warnings = (issues: GraphIssue[]) => issues.filter((i) => i.severity === "warning");
const onNode = (issues: GraphIssue[], id: string) => issues.filter((i) => i.nodeId === id);

describe("validateGraph", () => {
  it.each(STARTER_TEMPLATES.map((t) => [t.id, t] as const))("the starter template %s validates with no issues", (_id, template) => {
    expect(workflowGraphSchema.safeParse(template.graph).success).toBe(true);
    expect(validateGraph(template.graph)).toEqual([]);
    expect(validateGraph(template.graph, { templates: [] })).toEqual([]);
  });

  it("a valid line has no issues", () => {
    expect(validateGraph(base())).toEqual([]);
  });

  it("a graph without a trigger is an error on the graph as a whole", () => {
    const g = graph([["a", "add_note"], ["b", "add_note"]], [edge("a", "b")]);
    const issues = validateGraph(g);
    expect(errors(issues)).toEqual([{ severity: "error", message: "A workflow needs a trigger: drag one from the palette." }]);
    expect(hasErrors(issues)).toBe(true);
  });

  it("a second trigger is an error on that trigger", () => {
    const g = base();
    g.nodes.push(node(["trigger2", "trigger", { event: "manual" }], 3));
    g.edges.push(edge("trigger2", "b"));
    const issues = validateGraph(g);
    expect(onNode(errors(issues), "trigger2").map((i) => i.message)).toContain("A workflow has one trigger; remove this one.");
    expect(onNode(errors(issues), "trigger")).toEqual([]);
  });

  it("an edge into the trigger is an error naming the edge", () => {
    const g = base();
    g.nodes.push(node(["c", "add_note"], 3));
    g.edges.push(edge("c", "trigger")); // c itself is unreachable; no cycle through the trigger
    const issues = validateGraph(g);
    expect(errors(issues)).toContainEqual({ severity: "error", message: "Nothing can lead into the trigger.", nodeId: "trigger", edgeId: "c-trigger" });
  });

  it("a self-loop is an error on its edge and its node; nodesOnCycles marks just that node", () => {
    const g = base();
    g.edges.push(edge("b", "b"));
    expect(nodesOnCycles(g)).toEqual(new Set(["b"]));
    const issues = validateGraph(g);
    expect(errors(issues)).toContainEqual({ severity: "error", message: "A step can't lead to itself.", nodeId: "b", edgeId: "b-b" });
    expect(onNode(errors(issues), "b").map((i) => i.message)).toContainEqual(expect.stringContaining("part of a loop"));
    expect(onNode(errors(issues), "a")).toEqual([]);
  });

  it("a 3-node cycle is an error on exactly those nodes", () => {
    const g = graph(
      [
        ["trigger", "trigger"],
        ["a", "add_note"],
        ["b", "add_note"],
        ["c", "add_note"],
        ["d", "add_note"],
      ],
      [edge("trigger", "a"), edge("a", "b"), edge("b", "c"), edge("c", "d"), edge("d", "b")],
    );
    expect(nodesOnCycles(g)).toEqual(new Set(["b", "c", "d"]));
    const loopErrors = errors(validateGraph(g)).filter((i) => i.message.includes("part of a loop"));
    expect(loopErrors.map((i) => i.nodeId).sort()).toEqual(["b", "c", "d"]);
  });

  it("nodesOnCycles: a DAG with a diamond has no cycle; two separate cycles are both found", () => {
    const diamond = graph(
      [
        ["trigger", "trigger"],
        ["br", "branch"],
        ["y", "add_note"],
        ["n", "add_note"],
        ["end", "add_note"],
      ],
      [edge("trigger", "br"), edge("br", "y", "yes"), edge("br", "n", "no"), edge("y", "end"), edge("n", "end")],
    );
    expect(nodesOnCycles(diamond)).toEqual(new Set());
    const two = graph(
      [
        ["p", "add_note"],
        ["q", "add_note"],
        ["r", "add_note"],
        ["s", "add_note"],
        ["t", "add_note"],
      ],
      [edge("p", "q"), edge("q", "p"), edge("q", "r"), edge("r", "s"), edge("s", "r"), edge("s", "t")],
    );
    expect(nodesOnCycles(two)).toEqual(new Set(["p", "q", "r", "s"]));
  });

  it("a node the trigger never reaches is an error on that node (and only it)", () => {
    const g = base();
    g.nodes.push(node(["orphan", "add_note"], 3), node(["orphan2", "add_note"], 4));
    g.edges.push(edge("orphan", "orphan2"));
    const unreachable = errors(validateGraph(g)).filter((i) => i.message.startsWith("Unreachable"));
    expect(unreachable.map((i) => i.nodeId).sort()).toEqual(["orphan", "orphan2"]);
    expect(reachableFrom(g, "trigger")).toEqual(new Set(["trigger", "a", "b"]));
  });

  it("a step (not a branch) with two outgoing edges is an error on it", () => {
    const g = base();
    g.nodes.push(node(["c", "add_note"], 3));
    g.edges.push(edge("a", "c"));
    expect(onNode(errors(validateGraph(g)), "a").map((i) => i.message)).toEqual(["A step leads to one next step; use a branch to split the path."]);
  });

  it('a step (not a branch) with a "yes" edge is an error', () => {
    const g = base();
    g.edges[1] = edge("a", "b", "yes");
    expect(onNode(errors(validateGraph(g)), "a").map((i) => i.message)).toEqual(['Only a branch has "yes" and "no" paths.']);
  });

  describe("branches", () => {
    const branchGraph = (edges: WorkflowEdge[]) =>
      graph(
        [
          ["trigger", "trigger"],
          ["br", "branch", { conditions: { op: "and", rules: [{ field: "lead.state", operator: "equals", value: "TX" }] } }],
          ["y", "add_note"],
          ["n", "add_note"],
        ],
        [edge("trigger", "br"), ...edges],
      );

    it("yes and no paths are fine; so is only one of them", () => {
      expect(validateGraph(branchGraph([edge("br", "y", "yes"), edge("br", "n", "no")]))).toEqual([]);
      const onlyYes = validateGraph(branchGraph([edge("br", "y", "yes"), edge("y", "n")]));
      expect(onlyYes).toEqual([]);
    });

    it("an unlabelled edge out of a branch is an error", () => {
      const issues = validateGraph(branchGraph([edge("br", "y"), edge("br", "n", "no")]));
      expect(onNode(errors(issues), "br").map((i) => i.message)).toEqual(['A branch\'s connections must be its "yes" or "no" path.']);
    });

    it('two "yes" edges are an error', () => {
      const issues = validateGraph(branchGraph([edge("br", "y", "yes"), edge("br", "n", "yes")]));
      expect(onNode(errors(issues), "br").map((i) => i.message)).toEqual(['A branch has one "yes" path.']);
    });

    it('two "no" edges are an error', () => {
      const issues = validateGraph(branchGraph([edge("br", "y", "no"), edge("br", "n", "no")]));
      expect(onNode(errors(issues), "br").map((i) => i.message)).toEqual(['A branch has one "no" path.']);
    });

    it("a branch leading nowhere is a warning, not an error", () => {
      const g = branchGraph([]);
      g.nodes = g.nodes.filter((n) => n.id === "trigger" || n.id === "br");
      const issues = validateGraph(g);
      expect(issues).toEqual([{ severity: "warning", nodeId: "br", message: "This branch leads nowhere: the run ends here either way." }]);
      expect(hasErrors(issues)).toBe(false);
    });
  });

  it("an edge to a node that no longer exists is an error naming the edge", () => {
    const g = base();
    g.edges.push({ id: "dangling", source: "b", target: "ghost" });
    const issues = validateGraph(g);
    expect(errors(issues)).toContainEqual({ severity: "error", edgeId: "dangling", message: "This connection points at a node that no longer exists." });
    // The dangling edge doesn't count as b's second way out.
    expect(onNode(errors(issues), "b")).toEqual([]);
  });

  it("a trigger that leads nowhere is a warning", () => {
    const g = graph([["trigger", "trigger"]], []);
    expect(validateGraph(g)).toEqual([{ severity: "warning", nodeId: "trigger", message: "The trigger leads nowhere yet: connect it to a first step." }]);
  });

  describe("node settings", () => {
    it("an invalid config is an error on that node naming the field", () => {
      const g = base();
      g.nodes[1].config = { body: "" };
      g.nodes[2] = node(["b", "create_task", { title: "Call", dueInHours: -1 }], 2);
      const issues = errors(validateGraph(g));
      expect(onNode(issues, "a").map((i) => i.message)).toEqual(["body: is required"]);
      expect(onNode(issues, "b")).toHaveLength(1);
      expect(onNode(issues, "b")[0].message).toMatch(/^dueInHours: /);
    });

    it("an invalid trigger config is an error on the trigger", () => {
      const g = base();
      g.nodes[0].config = { event: "schedule", cron: "every monday" };
      expect(onNode(errors(validateGraph(g)), "trigger").map((i) => i.message)).toEqual(["cron: must be a five-field cron expression, such as 0 9 * * 1"]);
    });

    it("an unknown template variable in an inline text is an error naming it", () => {
      const g = base();
      g.nodes[2] = node(["b", "send_sms", { body: "Hi {{lead.firstName}}, it's {{agent.nickname}}" }], 2);
      expect(onNode(errors(validateGraph(g)), "b").map((i) => i.message)).toEqual(["Unknown template variable: {{agent.nickname}}."]);
    });

    it("unknown variables in an email's subject and body are listed once each", () => {
      const g = base();
      g.nodes[2] = node(["b", "send_email", { subject: "Hi {{lead.nick}}", body: "<p>{{lead.nick}} {{deal.price}}</p>" }], 2);
      expect(onNode(errors(validateGraph(g)), "b").map((i) => i.message)).toEqual(["Unknown template variables: {{lead.nick}}, {{deal.price}}."]);
    });

    it("known variables pass", () => {
      const g = base();
      g.nodes[2] = node(["b", "send_sms", { body: "Hi {{lead.firstName}}, {{agent.name}} with {{org.name}}" }], 2);
      expect(validateGraph(g)).toEqual([]);
    });
  });

  describe("message templates (with the org's templates in context)", () => {
    const SMS_ID = "11111111-1111-4111-8111-111111111111";
    const EMAIL_ID = "22222222-2222-4222-8222-222222222222";
    const BAD_VARS_ID = "33333333-3333-4333-8333-333333333333";
    const MISSING_ID = "44444444-4444-4444-8444-444444444444";
    const templates: TemplateInfo[] = [
      { id: SMS_ID, name: "Welcome text", channel: "sms", subject: null, body: "Hi {{lead.firstName}}", textBody: null },
      { id: EMAIL_ID, name: "Welcome email", channel: "email", subject: "Hello", body: "<p>Hi</p>", textBody: "Hi" },
      { id: BAD_VARS_ID, name: "Old text", channel: "sms", subject: null, body: "Hi {{lead.nickname}}", textBody: null },
    ];
    const withSend = (type: "send_sms" | "send_email", templateId: string) => {
      const g = base();
      g.nodes[2] = node(["b", type, { templateId }], 2);
      return g;
    };

    it("a template of the right channel passes", () => {
      expect(validateGraph(withSend("send_sms", SMS_ID), { templates })).toEqual([]);
      expect(validateGraph(withSend("send_email", EMAIL_ID), { templates })).toEqual([]);
    });

    it("a template that doesn't exist is an error", () => {
      expect(onNode(errors(validateGraph(withSend("send_sms", MISSING_ID), { templates })), "b").map((i) => i.message)).toEqual(["The template this step sends no longer exists."]);
    });

    it("a template of the other channel is an error naming it", () => {
      expect(onNode(errors(validateGraph(withSend("send_sms", EMAIL_ID), { templates })), "b").map((i) => i.message)).toEqual(['"Welcome email" is an email template; this step sends a text.']);
      expect(onNode(errors(validateGraph(withSend("send_email", SMS_ID), { templates })), "b").map((i) => i.message)).toEqual(['"Welcome text" is an sms template; this step sends an email.']);
    });

    it("a template using an unknown variable is an error", () => {
      expect(onNode(errors(validateGraph(withSend("send_sms", BAD_VARS_ID), { templates })), "b").map((i) => i.message)).toEqual(["Unknown template variable: {{lead.nickname}}."]);
    });

    it("without templates in context, template ids aren't checked", () => {
      expect(validateGraph(withSend("send_sms", MISSING_ID))).toEqual([]);
    });
  });

  describe("what the subject has (warnings)", () => {
    it("lead-only actions under a deal trigger are warnings; deal steps are not", () => {
      const g = graph(
        [
          ["trigger", "trigger", { event: "opportunity.stage_changed" }],
          ["text", "send_sms", { body: "Hi" }],
          ["status", "change_status", { status: "contacted" }],
          ["tag", "update_field", { field: "addTag", value: "deal" }],
          ["task", "create_task", { title: "Follow up", dueInHours: 1 }],
          ["note", "add_note", NOTE],
        ],
        [edge("trigger", "text"), edge("text", "status"), edge("status", "tag"), edge("tag", "task"), edge("task", "note")],
      );
      const issues = validateGraph(g);
      expect(errors(issues)).toEqual([]);
      expect(hasErrors(issues)).toBe(false);
      expect(warnings(issues).map((i) => i.nodeId).sort()).toEqual(["status", "tag", "text"]);
      expect(new Set(warnings(issues).map((i) => i.message))).toEqual(new Set(["Deals without a linked lead will skip this step."]));
    });

    it("move_stage under a lead trigger is a warning; under a deal trigger it is not", () => {
      const stageId = "55555555-5555-4555-8555-555555555555";
      const g = graph([["trigger", "trigger"], ["move", "move_stage", { stageId }]], [edge("trigger", "move")]);
      expect(validateGraph(g)).toEqual([{ severity: "warning", nodeId: "move", message: "Leads without a deal will skip this step." }]);
      g.nodes[0].config = { event: "opportunity.stage_changed" };
      expect(validateGraph(g)).toEqual([]);
    });

    it("a condition on a deal field under a lead trigger is a warning on the node testing it", () => {
      const g = graph(
        [
          ["trigger", "trigger", { event: "lead.created", conditions: { op: "and", rules: [{ field: "opportunity.value", operator: "gt", value: 1000 }] } }],
          ["br", "branch", { conditions: { op: "or", rules: [{ field: "lead.score", operator: "gt", value: 1 }, { op: "and", rules: [{ field: "opportunity.status", operator: "equals", value: "open" }] }] } }],
          ["y", "add_note"],
        ],
        [edge("trigger", "br"), edge("br", "y", "yes")],
      );
      const issues = validateGraph(g);
      expect(hasErrors(issues)).toBe(false);
      expect(warnings(issues)).toEqual([
        { severity: "warning", nodeId: "trigger", message: "Deal value is only known for leads with a deal; for the others it is empty." },
        { severity: "warning", nodeId: "br", message: "Deal status is only known for leads with a deal; for the others it is empty." },
      ]);
    });
  });

  it("hasErrors is true with one error among warnings, false with warnings only or nothing", () => {
    expect(hasErrors([])).toBe(false);
    expect(hasErrors([{ severity: "warning", message: "w" }])).toBe(false);
    expect(hasErrors([{ severity: "warning", message: "w" }, { severity: "error", message: "e" }])).toBe(true);
  });
});
