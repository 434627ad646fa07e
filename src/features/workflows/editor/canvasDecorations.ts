import { createContext, useContext } from "react";
import type { SummaryLookups } from "@/domain/workflows/builderHelpers";
import type { GraphIssue, StepStatus } from "@/domain/workflows";

/** What the step cards show beyond their own data: the editor's issues, or a run's step statuses. */
export interface CanvasDecorations {
  issuesByNode: Map<string, GraphIssue[]>;
  /** In a run's view: each step that ran, with its status; steps not in it were not reached. */
  runStatusByNode?: Map<string, StepStatus>;
  lookups: SummaryLookups;
}

export const CanvasDecorationsContext = createContext<CanvasDecorations>({ issuesByNode: new Map(), lookups: {} });
export const useCanvasDecorations = () => useContext(CanvasDecorationsContext);

export function issuesByNode(issues: GraphIssue[]): Map<string, GraphIssue[]> {
  const map = new Map<string, GraphIssue[]>();
  for (const issue of issues) if (issue.nodeId) map.set(issue.nodeId, [...(map.get(issue.nodeId) ?? []), issue]);
  return map;
}
