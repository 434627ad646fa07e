import type { InvestorMatchesResponse } from "@/domain/investors";
import type { Page } from "@/domain/leads";
import type { Activity } from "@/domain/leadWork";
import type { MoveOpportunityRequest, OpportunityCard, OpportunityDetail, OpportunityShare, PipelineStage, RecordExitRequest, UpdateOpportunityRequest } from "@/domain/pipeline";
import { apiFetch } from "@/lib/api";

const base = (id: string) => `/api/opportunities/${id}`;

export const getOpportunity = (id: string) => apiFetch<OpportunityDetail>(base(id));
export const patchOpportunity = (id: string, patch: UpdateOpportunityRequest) => apiFetch<OpportunityDetail>(base(id), { method: "PATCH", body: patch });
export const recordExit = (id: string, exit: RecordExitRequest) => apiFetch<OpportunityDetail>(`${base(id)}/exit`, { method: "POST", body: exit });
export const moveOpportunity = (id: string, move: MoveOpportunityRequest) => apiFetch<OpportunityCard>(`${base(id)}/move`, { method: "POST", body: move });

/** The org's stages, in order, without their deals. */
export const listStages = () => apiFetch<{ stages: PipelineStage[] }>("/api/pipeline/stages").then((r) => r.stages);

export const listActivities = (id: string, cursor?: string | null) =>
  apiFetch<Page<Activity>>(`${base(id)}/activities?limit=30${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
export const addNote = (id: string, body: string) => apiFetch<Activity>(`${base(id)}/notes`, { method: "POST", body: { body } });

export const getMatches = (id: string) => apiFetch<InvestorMatchesResponse>(`${base(id)}/matches`);
export const shareOpportunity = (id: string, investorIds: string[]) =>
  apiFetch<{ items: OpportunityShare[] }>(`${base(id)}/shares`, { method: "POST", body: { investorIds } });
