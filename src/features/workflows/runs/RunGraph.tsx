import "@xyflow/react/dist/style.css";
import { Background, Controls, MarkerType, ReactFlow, ReactFlowProvider } from "@xyflow/react";
import { useMemo } from "react";
import type { WorkflowGraph } from "@/domain/workflows";
import { CanvasDecorationsContext } from "../editor/canvasDecorations";
import { toFlow } from "../editor/flowMapping";
import { useFlowColorMode } from "../editor/flowTheme";
import { StepNodeCard } from "../editor/StepNodeCard";
import type { ExecutionPath } from "./executionPath";

const NODE_TYPES = { step: StepNodeCard };
const ON_PATH = { stroke: "var(--color-emerald-500)", strokeWidth: 2.5 };
const OFF_PATH = { stroke: "var(--color-zinc-400)", strokeWidth: 1, opacity: 0.35 };

/** A run's version of the graph, read-only: the steps that ran coloured by status, the path's edges animated, the rest dimmed. */
export function RunGraph({ graph, path }: { graph: WorkflowGraph; path: ExecutionPath }) {
  const colorMode = useFlowColorMode();
  const { nodes, edges } = useMemo(() => {
    const flow = toFlow(graph);
    return {
      nodes: flow.nodes.map((n) => ({ ...n, draggable: false, connectable: false, selectable: false })),
      edges: flow.edges.map((e) => {
        const on = path.edgeIds.has(e.id);
        return { ...e, animated: on, style: on ? ON_PATH : OFF_PATH, markerEnd: { type: MarkerType.ArrowClosed, color: on ? "#10b981" : "#a1a1aa" }, className: on ? "on-path" : undefined, data: { ...e.data, onPath: on } };
      }),
    };
  }, [graph, path]);
  const decorations = useMemo(() => ({ issuesByNode: new Map(), runStatusByNode: path.statusByNode, lookups: {} }), [path]);
  return (
    <CanvasDecorationsContext.Provider value={decorations}>
      <ReactFlowProvider>
        <div className="h-full" role="region" aria-label="Path taken" data-testid="run-graph">
          <ReactFlow nodes={nodes} edges={edges} nodeTypes={NODE_TYPES} nodesDraggable={false} nodesConnectable={false} elementsSelectable={false} colorMode={colorMode} fitView fitViewOptions={{ maxZoom: 1, padding: 0.15 }} minZoom={0.25}>
            <Background gap={20} />
            <Controls showInteractive={false} />
          </ReactFlow>
        </div>
      </ReactFlowProvider>
    </CanvasDecorationsContext.Provider>
  );
}
