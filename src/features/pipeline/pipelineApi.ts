import type {
  CreateOpportunityRequest,
  MoveOpportunityRequest,
  MoveOpportunityResponse,
  OpportunityDetail,
  PipelineResponse,
  PipelineStage,
  StageKind,
} from "@/domain/pipeline";
import { apiFetch } from "@/lib/api";

export const getPipeline = (query: string, signal?: AbortSignal) => apiFetch<PipelineResponse>(`/api/pipeline${query ? `?${query}` : ""}`, { signal });

export const moveOpportunity = (id: string, move: MoveOpportunityRequest) =>
  apiFetch<MoveOpportunityResponse>(`/api/opportunities/${id}/move`, { method: "POST", body: move });

export const createOpportunity = (input: CreateOpportunityRequest) => apiFetch<OpportunityDetail>("/api/opportunities", { method: "POST", body: input });

export interface StageInput {
  id?: string;
  name: string;
  kind: StageKind;
  probability: number;
}

export const replaceStages = (stages: StageInput[]) =>
  apiFetch<{ stages: PipelineStage[] }>("/api/pipeline/stages", { method: "PUT", body: { stages } });
