import type { PortalInterestRequest, PortalOpportunity, PortalOpportunityDetail } from "@/domain/portal";
import { apiFetch } from "@/lib/api";

export function listSharedDeals(signal?: AbortSignal): Promise<{ items: PortalOpportunity[] }> {
  return apiFetch<{ items: PortalOpportunity[] }>("/api/portal/opportunities", { signal });
}

export function getSharedDeal(id: string, signal?: AbortSignal): Promise<PortalOpportunityDetail> {
  return apiFetch<PortalOpportunityDetail>(`/api/portal/opportunities/${encodeURIComponent(id)}`, { signal });
}

export function answerSharedDeal(id: string, body: PortalInterestRequest): Promise<PortalOpportunity> {
  return apiFetch<PortalOpportunity>(`/api/portal/opportunities/${encodeURIComponent(id)}/interest`, { method: "POST", body });
}
