import { workflowGraphSchema, type WorkflowGraph } from "../../../../src/domain/workflows";

// Published versions never change, so each process parses a version's graph once.
const cache = new Map<string, WorkflowGraph>();
const MAX = 500;

export function versionGraph(versionId: string, raw: unknown): WorkflowGraph {
  let graph = cache.get(versionId);
  if (!graph) {
    graph = workflowGraphSchema.parse(raw);
    if (cache.size >= MAX) cache.delete(cache.keys().next().value!);
    cache.set(versionId, graph);
  }
  return graph;
}
