import type { Edge, Node } from "@xyflow/react";
import { nodeTitle } from "@/domain/workflows/builderHelpers";
import type { NodeType, WorkflowEdge, WorkflowGraph, WorkflowNode } from "@/domain/workflows";

// The workflow graph as React Flow's nodes and edges, and back. Every node is drawn by one component ("step");
// a branch's yes/no is the handle its edge leaves from.

export interface StepData extends Record<string, unknown> {
  nodeType: NodeType;
  label?: string;
  config: Record<string, unknown>;
}
export type StepNode = Node<StepData, "step">;
export type StepEdge = Edge<{ branch?: "yes" | "no" }>;

export function toFlowNode(node: WorkflowNode): StepNode {
  return {
    id: node.id,
    type: "step",
    position: { ...node.position },
    ariaLabel: nodeTitle(node),
    data: { nodeType: node.type, ...(node.label ? { label: node.label } : {}), config: node.config },
    ...(node.type === "trigger" ? { deletable: true } : {}),
  };
}

export function toFlowEdge(edge: WorkflowEdge): StepEdge {
  return {
    id: edge.id,
    source: edge.source,
    target: edge.target,
    ...(edge.branch ? { sourceHandle: edge.branch, label: edge.branch, data: { branch: edge.branch } } : {}),
  };
}

export const toFlow = (graph: WorkflowGraph) => ({ nodes: graph.nodes.map(toFlowNode), edges: graph.edges.map(toFlowEdge) });

const round = (n: number) => Math.round(n);

export function toGraph(nodes: StepNode[], edges: StepEdge[]): WorkflowGraph {
  return {
    nodes: nodes.map((n) => ({
      id: n.id,
      type: n.data.nodeType,
      position: { x: round(n.position.x), y: round(n.position.y) },
      ...(n.data.label?.trim() ? { label: n.data.label.trim() } : {}),
      config: n.data.config,
    })),
    edges: edges.map((e) => {
      const branch = e.data?.branch ?? (e.sourceHandle === "yes" || e.sourceHandle === "no" ? e.sourceHandle : undefined);
      return { id: e.id, source: e.source, target: e.target, ...(branch ? { branch } : {}) };
    }),
  };
}
