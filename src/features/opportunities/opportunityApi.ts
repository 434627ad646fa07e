import type { InvestorMatchesResponse } from "@/domain/investors";
import type { Page } from "@/domain/leads";
import type { Activity, Task } from "@/domain/leadWork";
import type { MoveOpportunityRequest, OpportunityCard, OpportunityDetail, OpportunityShare, PipelineStage, UpdateOpportunityRequest } from "@/domain/pipeline";
import { apiFetch } from "@/lib/api";

const base = (id: string) => `/api/opportunities/${id}`;

export const getOpportunity = (id: string) => apiFetch<OpportunityDetail>(base(id));
export const patchOpportunity = (id: string, patch: UpdateOpportunityRequest) => apiFetch<OpportunityDetail>(base(id), { method: "PATCH", body: patch });
export const moveOpportunity = (id: string, move: MoveOpportunityRequest) => apiFetch<OpportunityCard>(`${base(id)}/move`, { method: "POST", body: move });

/**
 * The org's stages, in order. The contract has no stages-only read, so this asks the board for deals worth at least
 * the largest value it accepts: the stages come back without (realistically) any cards.
 */
export const listStages = () => apiFetch<{ stages: PipelineStage[] }>("/api/pipeline/stages").then((r) => r.stages);

export const listActivities = (id: string, cursor?: string | null) =>
  apiFetch<Page<Activity>>(`${base(id)}/activities?limit=30${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
export const addNote = (id: string, body: string) => apiFetch<Activity>(`${base(id)}/notes`, { method: "POST", body: { body } });

export const listTasks = (id: string) => apiFetch<{ items: Task[] }>(`${base(id)}/tasks`).then((r) => r.items);
export const createTask = (id: string, input: { title: string; dueAt?: string | null; assigneeId?: string | null }) =>
  apiFetch<Task>(`${base(id)}/tasks`, { method: "POST", body: input });
export const completeTask = (taskId: string) => apiFetch<Task>(`/api/tasks/${taskId}`, { method: "PATCH", body: { status: "done" } });

export const getMatches = (id: string) => apiFetch<InvestorMatchesResponse>(`${base(id)}/matches`);
export const shareOpportunity = (id: string, investorIds: string[]) =>
  apiFetch<{ items: OpportunityShare[] }>(`${base(id)}/shares`, { method: "POST", body: { investorIds } });
