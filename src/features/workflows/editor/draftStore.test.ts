import { beforeEach, describe, expect, it } from "vitest";
import { selectGraph, useDraftStore } from "./draftStore";

const store = () => useDraftStore.getState();

describe("draftStore", () => {
  beforeEach(() => store().load({ workflowId: "w1", name: "W", graph: { nodes: [{ id: "trigger", type: "trigger", position: { x: 0, y: 0 }, config: { event: "lead.created" } }], edges: [] } }));

  it("adds clicked steps in a chain under the selected step, each joined to the one before", () => {
    const sms = store().addNode("send_sms");
    const note = store().addNode("add_note");
    const graph = selectGraph(store());
    expect(graph.nodes.map((n) => [n.id, n.position.y])).toEqual([["trigger", 0], [sms, 140], [note, 280]]);
    expect(graph.edges).toEqual([
      { id: "e-trigger-send_sms", source: "trigger", target: "send_sms" },
      { id: "e-send_sms-add_note", source: "send_sms", target: "add_note" },
    ]);
    expect(store().nodes.find((n) => n.selected)?.id).toBe(note);
    expect(store().revision).toBe(2);
  });

  it("gives a branch a yes and a no way out, and a dropped step no edge", () => {
    const branch = store().addNode("branch");
    store().addNode("create_task");
    store().select(branch);
    store().addNode("add_note");
    store().addNode("wait", { x: 500, y: 500 });
    const graph = selectGraph(store());
    expect(graph.edges.filter((e) => e.source === branch).map((e) => e.branch)).toEqual(["yes", "no"]);
    expect(graph.edges.some((e) => e.target === "wait")).toBe(false);
  });

  it("replaces a step's way out when connected again, and labels branch edges by handle", () => {
    store().addNode("send_sms", { x: 0, y: 100 });
    store().addNode("add_note", { x: 0, y: 200 });
    store().connect({ source: "trigger", target: "send_sms", sourceHandle: null, targetHandle: null });
    store().connect({ source: "trigger", target: "add_note", sourceHandle: null, targetHandle: null });
    expect(selectGraph(store()).edges).toEqual([{ id: "e-trigger-add_note", source: "trigger", target: "add_note" }]);
    store().addNode("branch", { x: 0, y: 300 });
    store().connect({ source: "branch", target: "send_sms", sourceHandle: "no", targetHandle: null });
    expect(selectGraph(store()).edges.at(-1)).toEqual({ id: "e-branch-send_sms-no", source: "branch", target: "send_sms", branch: "no" });
  });

  it("removes a step with its edges; selecting is not an edit", () => {
    store().addNode("send_sms");
    const before = store().revision;
    store().select("trigger");
    store().onNodesChange([{ type: "select", id: "trigger", selected: true }]);
    expect(store().revision).toBe(before);
    store().removeNode("send_sms");
    expect(selectGraph(store())).toEqual({ nodes: [expect.objectContaining({ id: "trigger" })], edges: [] });
    expect(store().revision).toBe(before + 1);
  });

  it("keeps config and label edits in the graph", () => {
    store().updateNode("trigger", { label: "New lead", config: { event: "manual" } });
    expect(selectGraph(store()).nodes[0]).toMatchObject({ label: "New lead", config: { event: "manual" } });
    expect(store().nodes[0].ariaLabel).toBe("New lead");
  });
});

describe("draftStore placement", () => {
  it("puts a clicked-in step beside the one already under the selected step", () => {
    store().load({ workflowId: "w1", name: "W", graph: { nodes: [{ id: "trigger", type: "trigger", position: { x: 0, y: 0 }, config: { event: "lead.created" } }, { id: "wait", type: "wait", position: { x: 0, y: 140 }, config: {} }], edges: [{ id: "e1", source: "trigger", target: "wait" }] } });
    store().select("trigger");
    const id = store().addNode("send_sms");
    const added = store().nodes.find((n) => n.id === id)!;
    expect(added.position).toEqual({ x: 290, y: 140 });
    // The trigger's way out is taken: the new step is not joined to it.
    expect(store().edges).toHaveLength(1);
  });
});
