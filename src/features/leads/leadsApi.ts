import type { CreateLeadRequest, Lead, Page } from "@/domain/leads";
import { apiFetch, apiFetchWithStatus } from "@/lib/api";

export const LEADS_PAGE_SIZE = 50;

/**
 * A page of GET /api/leads. `filters` is the query of the filters and sort (leadsFilterQuery); the page
 * size and the cursor go after it.
 */
export function listLeads({
  filters = "",
  cursor,
  signal,
}: { filters?: string; cursor?: string | null; signal?: AbortSignal } = {}): Promise<Page<Lead>> {
  const query = new URLSearchParams(filters);
  query.set("limit", String(LEADS_PAGE_SIZE));
  if (cursor) query.set("cursor", cursor);
  return apiFetch<Page<Lead>>(`/api/leads?${query.toString().replace(/%2C/gi, ",")}`, { signal });
}

/** What POST /api/leads answered: a new lead (201), or an existing one it was merged into (200). */
export interface CreateLeadResult {
  lead: Lead;
  /** The person matched an existing lead by email, phone or address, and the new details were merged into it. */
  merged: boolean;
}

/** POST /api/leads with a body already parsed by createLeadRequestSchema. */
export async function createLead(body: CreateLeadRequest): Promise<CreateLeadResult> {
  const { status, data } = await apiFetchWithStatus<Lead>("/api/leads", { method: "POST", body });
  return { lead: data, merged: status === 200 };
}
