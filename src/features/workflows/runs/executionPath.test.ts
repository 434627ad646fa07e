import { describe, expect, it } from "vitest";
import type { ExecutionDetail, StepRun, WorkflowGraph } from "@/domain/workflows";
import { executionPath } from "./executionPath";

// trigger → wait → branch —yes→ task ; branch —no→ note
const graph: WorkflowGraph = {
  nodes: [
    { id: "trigger", type: "trigger", position: { x: 0, y: 0 }, config: { event: "lead.created" } },
    { id: "wait", type: "wait", position: { x: 0, y: 100 }, config: { mode: "duration", amount: 1, unit: "days" } },
    { id: "branch", type: "branch", position: { x: 0, y: 200 }, config: { conditions: { op: "and", rules: [] } } },
    { id: "task", type: "create_task", position: { x: -100, y: 300 }, config: { title: "Call", dueInHours: 1 } },
    { id: "note", type: "add_note", position: { x: 100, y: 300 }, config: { body: "x" } },
  ],
  edges: [
    { id: "e1", source: "trigger", target: "wait" },
    { id: "e2", source: "wait", target: "branch" },
    { id: "yes", source: "branch", target: "task", branch: "yes" },
    { id: "no", source: "branch", target: "note", branch: "no" },
  ],
};

const step = (stepId: string, status: StepRun["status"], type: StepRun["type"] = "wait"): StepRun => ({
  stepId, type, status, input: {}, output: null, error: null, attempts: 1, startedAt: "2026-01-01T00:00:00Z", finishedAt: null, durationMs: null,
});
const run = (over: Partial<ExecutionDetail>): Pick<ExecutionDetail, "graph" | "steps" | "status" | "currentStepId"> => ({ graph, steps: [], status: "completed", currentStepId: null, ...over });

describe("executionPath", () => {
  it("marks the trigger and every step that ran, and the edges between consecutive steps", () => {
    const path = executionPath(run({ steps: [step("wait", "done"), step("branch", "done", "branch"), step("note", "done", "add_note")] }));
    expect(Object.fromEntries(path.statusByNode)).toEqual({ trigger: "done", wait: "done", branch: "done", note: "done" });
    expect([...path.edgeIds].sort()).toEqual(["e1", "e2", "no"]);
    expect(path.statusByNode.has("task")).toBe(false);
    expect(path.order).toEqual(["trigger", "wait", "branch", "note"]);
  });

  it("shows a failed step as failed and stops the path there", () => {
    const path = executionPath(run({ status: "failed", steps: [step("wait", "done"), step("branch", "failed", "branch")] }));
    expect(path.statusByNode.get("branch")).toBe("failed");
    expect([...path.edgeIds]).toEqual(["e1", "e2"]);
  });

  it("counts a waiting run's current step as running, even before it has a step record", () => {
    const path = executionPath(run({ status: "waiting", currentStepId: "wait", steps: [] }));
    expect(path.statusByNode.get("wait")).toBe("running");
    expect([...path.edgeIds]).toEqual(["e1"]);
    // A finished run's stale current step is not.
    expect(executionPath(run({ status: "completed", currentStepId: "wait" })).statusByNode.has("wait")).toBe(false);
  });

  it("uses the trigger's own step record when the engine writes one", () => {
    const path = executionPath(run({ steps: [step("trigger", "done", "trigger"), step("wait", "running")] }));
    expect(path.order).toEqual(["trigger", "wait"]);
    expect(path.statusByNode.get("wait")).toBe("running");
  });
});
