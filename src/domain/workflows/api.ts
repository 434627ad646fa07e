import { z } from "zod";
import type { GraphIssue } from "./validateGraph";
import { workflowGraphSchema, type NodeType, type TriggerEvent, type WorkflowGraph } from "./graph";

// The workflows API's requests and answers (docs/API.md → Workflows).

export const createWorkflowRequestSchema = z
  .object({
    name: z.string().trim().min(1, { error: "is required" }).max(120),
    description: z.string().trim().max(1000).optional(),
    graph: workflowGraphSchema.optional(),
  })
  .strict();
export type CreateWorkflowRequest = z.input<typeof createWorkflowRequestSchema>;

/** PUT /api/workflows/:id — the draft (name, description, graph) and the on/off switch; every key optional. */
export const updateWorkflowRequestSchema = z
  .object({
    name: z.string().trim().min(1, { error: "is required" }).max(120).optional(),
    description: z.string().trim().max(1000).nullable().optional(),
    graph: workflowGraphSchema.optional(),
    enabled: z.boolean().optional(),
  })
  .strict();
export type UpdateWorkflowRequest = z.input<typeof updateWorkflowRequestSchema>;

export const publishWorkflowRequestSchema = z.object({ enable: z.boolean().optional() }).strict();
export const testWorkflowRequestSchema = z.object({ leadId: z.uuid() }).strict();
export const runWorkflowRequestSchema = z.object({ leadIds: z.array(z.uuid()).min(1).max(1000) }).strict();
export const instantiateTemplateRequestSchema = z.object({ publish: z.boolean().optional(), name: z.string().trim().min(1).max(120).optional() }).strict();
export const listExecutionsQuerySchema = z.object({
  status: z.enum(["running", "waiting", "completed", "failed", "stopped"]).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: z.iso.datetime({ offset: true }).optional(),
});

export const EXECUTION_STATUSES = ["running", "waiting", "completed", "failed", "stopped"] as const;
export type ExecutionStatus = (typeof EXECUTION_STATUSES)[number];
export const STEP_STATUSES = ["running", "done", "skipped", "failed"] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

export interface WorkflowSummary {
  id: string;
  name: string;
  description: string | null;
  enabled: boolean;
  /** The trigger of the published version (what the workflow reacts to now); the draft's when never published. */
  triggerEvent: TriggerEvent | null;
  /** The published version number; null until first published. */
  version: number | null;
  /** True when the draft differs from the published version. */
  hasUnpublishedChanges: boolean;
  executions: { running: number; completed: number; failed: number };
  createdAt: string;
  updatedAt: string;
}

export interface WorkflowVersionInfo {
  version: number;
  publishedAt: string;
  publishedBy: string | null;
}

export interface WorkflowDetail extends WorkflowSummary {
  /** The draft: what the builder edits. */
  graph: WorkflowGraph;
  draftUpdatedAt: string;
  versions: WorkflowVersionInfo[];
  /** validateGraph on the draft. */
  issues: GraphIssue[];
  /** For "inbound webhook" triggers: where to POST, and the secret that signs deliveries (also used to sign outgoing webhook steps). Managers only. */
  webhook: { url: string; secret: string } | null;
}

export interface ExecutionSummary {
  id: string;
  workflowId: string;
  version: number;
  status: ExecutionStatus;
  triggerEvent: TriggerEvent;
  leadId: string | null;
  leadName: string | null;
  opportunityId: string | null;
  currentStepId: string | null;
  failedStepId: string | null;
  error: string | null;
  /** When a waiting run continues. */
  resumeAt: string | null;
  startedAt: string;
  finishedAt: string | null;
}

export interface StepRun {
  stepId: string;
  type: NodeType;
  status: StepStatus;
  input: Record<string, unknown>;
  output: Record<string, unknown> | null;
  error: string | null;
  attempts: number;
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
}

export interface ExecutionDetail extends ExecutionSummary {
  /** The graph of the version the run started on (the draft may since have changed). */
  graph: WorkflowGraph;
  /** In the order they ran: the path taken. */
  steps: StepRun[];
}

/** One step of a dry run: what it would do to this lead, and nothing done. */
export interface DryRunStep {
  stepId: string;
  type: NodeType;
  /** would_run: it would act; would_skip: it would do nothing for this lead (with why); would_stop: the run would end here. */
  outcome: "would_run" | "would_skip" | "would_stop";
  summary: string;
  detail: Record<string, unknown>;
}

export interface DryRunResult {
  leadId: string;
  /** Whether the trigger's conditions let this lead in at all. */
  matchesTrigger: boolean;
  steps: DryRunStep[];
  issues: GraphIssue[];
}

export interface StarterTemplateInfo {
  id: string;
  name: string;
  description: string;
}
