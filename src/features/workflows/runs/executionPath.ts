import type { ExecutionDetail, StepStatus } from "@/domain/workflows";

/** The path a run took through its version's graph: each step's status, and the edges it went along. */
export interface ExecutionPath {
  statusByNode: Map<string, StepStatus>;
  /** Edges between consecutive steps (the trigger to the first step included). */
  edgeIds: Set<string>;
  /** The step ids in the order they ran, the trigger first. */
  order: string[];
}

/**
 * Reads the path from a run: its steps in the order they ran, after the trigger (which fired, or there would be
 * no run). A waiting or running run's current step counts as running even before it has a step record.
 */
export function executionPath(run: Pick<ExecutionDetail, "graph" | "steps" | "status" | "currentStepId">): ExecutionPath {
  const statusByNode = new Map<string, StepStatus>();
  const trigger = run.graph.nodes.find((n) => n.type === "trigger");
  const order: string[] = [];
  if (trigger && !run.steps.some((s) => s.stepId === trigger.id)) {
    statusByNode.set(trigger.id, "done");
    order.push(trigger.id);
  }
  for (const step of run.steps) {
    statusByNode.set(step.stepId, step.status);
    if (order.at(-1) !== step.stepId) order.push(step.stepId);
  }
  const active = run.status === "running" || run.status === "waiting";
  if (active && run.currentStepId && !statusByNode.has(run.currentStepId) && run.graph.nodes.some((n) => n.id === run.currentStepId)) {
    statusByNode.set(run.currentStepId, "running");
    order.push(run.currentStepId);
  }
  const edgeIds = new Set<string>();
  for (let i = 1; i < order.length; i++) {
    const edge = run.graph.edges.find((e) => e.source === order[i - 1] && e.target === order[i]);
    if (edge) edgeIds.add(edge.id);
  }
  return { statusByNode, edgeIds, order };
}
