import { applyEdgeChanges, applyNodeChanges, type Connection, type EdgeChange, type NodeChange, type XYPosition } from "@xyflow/react";
import { create } from "zustand";
import { defaultConfigFor, edgeIdFor, newNodeId, nodeTitle } from "@/domain/workflows/builderHelpers";
import type { NodeType, WorkflowGraph } from "@/domain/workflows";
import { toFlow, toFlowEdge, toGraph, type StepEdge, type StepNode } from "./flowMapping";

// The draft being edited: React Flow's nodes and edges, and a revision that counts the edits (not selections or
// measurements), which autosave watches.

export interface DraftState {
  /** Whose draft this is (null before the first load). */
  workflowId: string | null;
  /** The workflow's name, saved with the graph. */
  name: string;
  nodes: StepNode[];
  edges: StepEdge[];
  /** Bumped by every change to the graph itself. */
  revision: number;
  load: (draft: { workflowId: string; name: string; graph: WorkflowGraph }) => void;
  rename: (name: string) => void;
  onNodesChange: (changes: NodeChange<StepNode>[]) => void;
  onEdgesChange: (changes: EdgeChange<StepEdge>[]) => void;
  connect: (connection: Connection) => void;
  /** Adds a step at `position`, or under the selected step (and joined to it when it has a free way out). Returns its id. */
  addNode: (type: NodeType, position?: XYPosition) => string;
  updateNode: (id: string, patch: { config?: Record<string, unknown>; label?: string }) => void;
  removeNode: (id: string) => void;
  removeEdge: (id: string) => void;
  select: (id: string | null) => void;
}

const EDITING_NODE_CHANGES = new Set(["position", "remove", "add", "replace"]);
const EDITING_EDGE_CHANGES = new Set(["remove", "add", "replace"]);
const STEP_GAP = 140;

/** Whether a node may take one more outgoing edge from `handle` (a branch: one per yes/no; other steps: one). */
function freeHandle(node: StepNode, edges: StepEdge[]): "yes" | "no" | null | undefined {
  const out = edges.filter((e) => e.source === node.id);
  if (node.data.nodeType === "branch") return (["yes", "no"] as const).find((h) => !out.some((e) => e.sourceHandle === h)) ?? undefined;
  return out.length === 0 ? null : undefined;
}

/** `at`, or the first place to its right where no step sits (so a clicked-in step never lands on another). */
function freeSpot(nodes: StepNode[], at: XYPosition): XYPosition {
  const taken = (p: XYPosition) => nodes.some((n) => Math.abs(n.position.x - p.x) < 260 && Math.abs(n.position.y - p.y) < 150);
  const spot = { ...at };
  while (taken(spot)) spot.x += 290;
  return spot;
}

function edgeFor(source: string, target: string, handle: string | null | undefined): StepEdge {
  const branch = handle === "yes" || handle === "no" ? handle : undefined;
  return toFlowEdge({ id: edgeIdFor(source, target, branch), source, target, ...(branch ? { branch } : {}) });
}

export const useDraftStore = create<DraftState>()((set, get) => ({
  workflowId: null,
  name: "",
  nodes: [],
  edges: [],
  revision: 0,
  load: ({ workflowId, name, graph }) => set({ workflowId, name, ...toFlow(graph), revision: 0 }),
  rename: (name) => set((s) => ({ name, revision: s.revision + 1 })),
  onNodesChange: (changes) =>
    set((s) => ({ nodes: applyNodeChanges(changes, s.nodes), revision: s.revision + (changes.some((c) => EDITING_NODE_CHANGES.has(c.type)) ? 1 : 0) })),
  onEdgesChange: (changes) =>
    set((s) => ({ edges: applyEdgeChanges(changes, s.edges), revision: s.revision + (changes.some((c) => EDITING_EDGE_CHANGES.has(c.type)) ? 1 : 0) })),
  connect: ({ source, target, sourceHandle }) =>
    set((s) => {
      if (!source || !target || source === target) return s;
      // A step has one way out (a branch one per yes/no): a new connection from the same place replaces the old.
      const kept = s.edges.filter((e) => !(e.source === source && (e.sourceHandle ?? null) === (sourceHandle ?? null)));
      return { edges: [...kept, edgeFor(source, target, sourceHandle)], revision: s.revision + 1 };
    }),
  addNode: (type, position) => {
    const { nodes, edges } = get();
    const graph = { nodes: nodes.map((n) => ({ id: n.id })) };
    const id = newNodeId(graph as WorkflowGraph, type);
    const anchor = nodes.find((n) => n.selected) ?? nodes.at(-1);
    const at = position ?? freeSpot(nodes, anchor ? { x: anchor.position.x, y: anchor.position.y + STEP_GAP } : { x: 250, y: 0 });
    const node: StepNode = { id, type: "step", position: at, ariaLabel: nodeTitle({ type }), selected: true, data: { nodeType: type, config: defaultConfigFor(type) } };
    // Clicked from the palette (no drop position): continue the path from the selected step when it has a free way out.
    const handle = !position && anchor && type !== "trigger" ? freeHandle(anchor, edges) : undefined;
    const link = anchor && handle !== undefined ? [edgeFor(anchor.id, id, handle)] : [];
    set((s) => ({ nodes: [...s.nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), node], edges: [...s.edges, ...link], revision: s.revision + 1 }));
    return id;
  },
  updateNode: (id, patch) =>
    set((s) => ({
      nodes: s.nodes.map((n) => {
        if (n.id !== id) return n;
        const data = { ...n.data, ...(patch.config ? { config: patch.config } : {}), ...(patch.label !== undefined ? { label: patch.label } : {}) };
        return { ...n, data, ariaLabel: nodeTitle({ type: data.nodeType, label: data.label }) };
      }),
      revision: s.revision + 1,
    })),
  removeNode: (id) =>
    set((s) => ({ nodes: s.nodes.filter((n) => n.id !== id), edges: s.edges.filter((e) => e.source !== id && e.target !== id), revision: s.revision + 1 })),
  removeEdge: (id) => set((s) => ({ edges: s.edges.filter((e) => e.id !== id), revision: s.revision + 1 })),
  select: (id) => set((s) => ({ nodes: s.nodes.map((n) => ({ ...n, selected: n.id === id })), edges: s.edges.map((e) => (e.selected ? { ...e, selected: false } : e)) })),
}));

/** The draft as the API stores it. */
export const selectGraph = (s: Pick<DraftState, "nodes" | "edges">): WorkflowGraph => toGraph(s.nodes, s.edges);
