import "@xyflow/react/dist/style.css";
import { Background, Controls, MarkerType, ReactFlow, ReactFlowProvider, useReactFlow, type Connection, type Edge } from "@xyflow/react";
import { Trash2 } from "lucide-react";
import { useCallback, type DragEvent } from "react";
import { useShallow } from "zustand/react/shallow";
import type { NodeType } from "@/domain/workflows";
import { Button } from "@/ui/Button";
import { useDraftStore } from "./draftStore";
import { useFlowColorMode } from "./flowTheme";
import { PALETTE_MIME } from "./NodePalette";
import { StepNodeCard } from "./StepNodeCard";

const NODE_TYPES = { step: StepNodeCard };
const DEFAULT_EDGE_OPTIONS = { markerEnd: { type: MarkerType.ArrowClosed }, style: { strokeWidth: 1.5 } };
const DELETE_KEYS = ["Delete", "Backspace"];
/** Half a card, so a dropped step lands centred under the pointer. */
const DROP_OFFSET = { x: 120, y: 30 };

/** The draft's canvas: drag steps around, join them by their handles, drop new ones from the palette, Delete removes. */
export function EditorCanvas({ readOnly }: { readOnly: boolean }) {
  return (
    <ReactFlowProvider>
      <Canvas readOnly={readOnly} />
    </ReactFlowProvider>
  );
}

function Canvas({ readOnly }: { readOnly: boolean }) {
  const { nodes, edges, onNodesChange, onEdgesChange, connect, addNode, removeEdge } = useDraftStore(
    useShallow((s) => ({ nodes: s.nodes, edges: s.edges, onNodesChange: s.onNodesChange, onEdgesChange: s.onEdgesChange, connect: s.connect, addNode: s.addNode, removeEdge: s.removeEdge })),
  );
  const { screenToFlowPosition } = useReactFlow();
  const colorMode = useFlowColorMode();
  const selectedEdge = edges.find((e) => e.selected);

  const isValidConnection = useCallback(
    (c: Connection | Edge) => c.source !== c.target && nodes.find((n) => n.id === c.target)?.data.nodeType !== "trigger",
    [nodes],
  );
  const onDragOver = (event: DragEvent) => {
    if (readOnly || !event.dataTransfer.types.includes(PALETTE_MIME)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
  };
  const onDrop = (event: DragEvent) => {
    const type = event.dataTransfer.getData(PALETTE_MIME) as NodeType;
    if (readOnly || !type) return;
    event.preventDefault();
    const at = screenToFlowPosition({ x: event.clientX, y: event.clientY });
    addNode(type, { x: Math.round(at.x - DROP_OFFSET.x), y: Math.round(at.y - DROP_OFFSET.y) });
  };

  return (
    <div className="relative h-full" data-testid="workflow-canvas" role="region" aria-label="Workflow canvas" onDragOver={onDragOver} onDrop={onDrop}>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={NODE_TYPES}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={connect}
        isValidConnection={isValidConnection}
        defaultEdgeOptions={DEFAULT_EDGE_OPTIONS}
        deleteKeyCode={readOnly ? null : DELETE_KEYS}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        colorMode={colorMode}
        fitView
        fitViewOptions={{ maxZoom: 1, padding: 0.2 }}
        minZoom={0.25}
      >
        <Background gap={20} />
        <Controls showInteractive={false} />
      </ReactFlow>
      {selectedEdge && !readOnly && (
        <div className="absolute top-3 left-1/2 z-10 -translate-x-1/2">
          <Button size="sm" variant="secondary" onClick={() => removeEdge(selectedEdge.id)}>
            <Trash2 className="size-3.5" aria-hidden="true" /> Delete connection
          </Button>
        </div>
      )}
    </div>
  );
}
