import type { MessageTemplate } from "@/domain/messaging";
import type { Member } from "@/domain/orgs";
import type { PipelineStage } from "@/domain/pipeline";
import type {
  CreateWorkflowRequest,
  DryRunResult,
  ExecutionDetail,
  ExecutionStatus,
  ExecutionSummary,
  StarterTemplateInfo,
  UpdateWorkflowRequest,
  WorkflowDetail,
  WorkflowSummary,
} from "@/domain/workflows";
import { apiFetch } from "@/lib/api";

// The workflows endpoints (docs/API.md → Workflows), plus the org's templates, stages and staff the builder's pickers list.

const wf = (id: string) => `/api/workflows/${encodeURIComponent(id)}`;

export const listWorkflows = (signal?: AbortSignal) => apiFetch<{ items: WorkflowSummary[] }>("/api/workflows", { signal }).then((r) => r.items);
export const getWorkflow = (id: string, signal?: AbortSignal) => apiFetch<WorkflowDetail>(wf(id), { signal });
export const createWorkflow = (body: CreateWorkflowRequest) => apiFetch<WorkflowDetail>("/api/workflows", { method: "POST", body });
export const updateWorkflow = (id: string, body: UpdateWorkflowRequest) => apiFetch<WorkflowDetail>(wf(id), { method: "PUT", body });
export const deleteWorkflow = (id: string) => apiFetch<void>(wf(id), { method: "DELETE" });
/** 422 workflow_invalid while the draft has errors. */
export const publishWorkflow = (id: string, enable?: boolean) => apiFetch<WorkflowDetail>(`${wf(id)}/publish`, { method: "POST", body: enable === undefined ? {} : { enable } });
export const testWorkflow = (id: string, leadId: string) => apiFetch<DryRunResult>(`${wf(id)}/test`, { method: "POST", body: { leadId } });
export const runWorkflow = (id: string, leadIds: string[]) => apiFetch<{ queued: number }>(`${wf(id)}/run`, { method: "POST", body: { leadIds } });

export function listExecutions(id: string, { status, limit = 50, signal }: { status?: ExecutionStatus; limit?: number; signal?: AbortSignal } = {}) {
  const query = new URLSearchParams({ limit: String(limit), ...(status ? { status } : {}) });
  return apiFetch<{ items: ExecutionSummary[] }>(`${wf(id)}/executions?${query}`, { signal }).then((r) => r.items);
}
export const getExecution = (id: string, signal?: AbortSignal) => apiFetch<ExecutionDetail>(`/api/executions/${encodeURIComponent(id)}`, { signal });

export const listStarterTemplates = (signal?: AbortSignal) => apiFetch<{ items: StarterTemplateInfo[] }>("/api/workflows/templates", { signal }).then((r) => r.items);
export const instantiateStarterTemplate = (templateId: string, body: { publish?: boolean; name?: string } = {}) =>
  apiFetch<WorkflowDetail>(`/api/workflows/templates/${encodeURIComponent(templateId)}/instantiate`, { method: "POST", body });

// ——— What the pickers list ———

export const listMessageTemplates = (signal?: AbortSignal) => apiFetch<{ items: MessageTemplate[] }>("/api/message-templates", { signal }).then((r) => r.items);
export const listPipelineStages = (signal?: AbortSignal) => apiFetch<{ stages: PipelineStage[] }>("/api/pipeline/stages", { signal }).then((r) => r.stages);
export const listStaff = (signal?: AbortSignal) =>
  apiFetch<{ items: Member[] }>("/api/org/members", { signal }).then((r) => r.items.filter((m) => m.role !== "investor"));
