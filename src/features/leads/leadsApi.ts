import type { CreateLeadRequest, Lead, Page } from "@/domain/leads";
import { apiFetch } from "@/lib/api";

export const LEADS_PAGE_SIZE = 50;

export function listLeads({ cursor, signal }: { cursor?: string | null; signal?: AbortSignal } = {}): Promise<Page<Lead>> {
  const query = new URLSearchParams({ limit: String(LEADS_PAGE_SIZE) });
  if (cursor) query.set("cursor", cursor);
  return apiFetch<Page<Lead>>(`/api/leads?${query}`, { signal });
}

/** POST /api/leads with a body already parsed by createLeadRequestSchema. */
export function createLead(body: CreateLeadRequest): Promise<Lead> {
  return apiFetch<Lead>("/api/leads", { method: "POST", body });
}
