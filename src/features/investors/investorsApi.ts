import type { CreateInvestorRequest, DealMatchesResponse, Investor, InvestorProfile, UpdateInvestorRequest } from "@/domain/investors";
import { apiFetch } from "@/lib/api";

export const INVESTORS_PAGE_SIZE = 50;

export interface InvestorsPage {
  items: Investor[];
  nextCursor: string | null;
}

/** GET /api/investors?<filters>&limit=&cursor= (filters: the query of investorsFilterQuery). */
export function listInvestors({ filters = "", cursor, signal }: { filters?: string; cursor?: string | null; signal?: AbortSignal }): Promise<InvestorsPage> {
  const params = new URLSearchParams(filters);
  params.set("limit", String(INVESTORS_PAGE_SIZE));
  if (cursor) params.set("cursor", cursor);
  return apiFetch<InvestorsPage>(`/api/investors?${params.toString()}`, { signal });
}

export function createInvestor(body: CreateInvestorRequest): Promise<Investor> {
  return apiFetch<Investor>("/api/investors", { method: "POST", body });
}

export function getInvestor(id: string, signal?: AbortSignal): Promise<InvestorProfile> {
  return apiFetch<InvestorProfile>(`/api/investors/${encodeURIComponent(id)}`, { signal });
}

export function patchInvestor(id: string, body: UpdateInvestorRequest): Promise<Investor> {
  return apiFetch<Investor>(`/api/investors/${encodeURIComponent(id)}`, { method: "PATCH", body });
}

export function getInvestorMatches(id: string, signal?: AbortSignal): Promise<DealMatchesResponse> {
  return apiFetch<DealMatchesResponse>(`/api/investors/${encodeURIComponent(id)}/matches`, { signal });
}
