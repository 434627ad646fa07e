import type { BulkLeadsRequest, BulkLeadsResult, CreateLeadRequest, Lead, Page, SavedView } from "@/domain/leads";
import type { Member } from "@/domain/orgs";
import { apiFetch, apiFetchWithStatus } from "@/lib/api";

export const LEADS_PAGE_SIZE = 50;
/** The API's largest page (GET /api/leads `limit`). */
export const LEADS_MAX_PAGE_SIZE = 200;
/** The most ids POST /api/leads/bulk takes at once. */
export const BULK_MAX_IDS = 1000;

/**
 * A page of GET /api/leads. `filters` is the query of the filters and sort (leadsFilterQuery); the page
 * size and the cursor go after it.
 */
export function listLeads({
  filters = "",
  cursor,
  limit = LEADS_PAGE_SIZE,
  signal,
}: { filters?: string; cursor?: string | null; limit?: number; signal?: AbortSignal } = {}): Promise<Page<Lead>> {
  const query = new URLSearchParams(filters);
  query.set("limit", String(limit));
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

/**
 * POST /api/leads/bulk, for any number of ids: more than the API takes at once go in consecutive requests of
 * BULK_MAX_IDS, and their answers are added up. A failing request throws (the earlier ones stay done).
 */
export async function bulkLeads(request: BulkLeadsRequest): Promise<BulkLeadsResult> {
  const total: BulkLeadsResult = { action: request.action, affected: [], skipped: [] };
  for (let start = 0; start < request.ids.length; start += BULK_MAX_IDS) {
    const body = { ...request, ids: request.ids.slice(start, start + BULK_MAX_IDS) };
    const result = await apiFetch<BulkLeadsResult>("/api/leads/bulk", { method: "POST", body });
    total.affected.push(...result.affected);
    total.skipped.push(...result.skipped);
  }
  return total;
}

/** GET /api/org/members: who leads can be assigned to (staff only: the API refuses an investor as assignee). */
export async function listAssignableMembers(signal?: AbortSignal): Promise<Member[]> {
  const { items } = await apiFetch<{ items: Member[] }>("/api/org/members", { signal });
  return items.filter((m) => m.role !== "investor");
}

// ——— Saved views ————————————————————————————————————————————————————————————————

export type SavedViewQuery = SavedView["query"];

/** GET /api/saved-views: the caller's own views and the org's shared ones. */
export async function listSavedViews(signal?: AbortSignal): Promise<SavedView[]> {
  const { items } = await apiFetch<{ items: SavedView[] }>("/api/saved-views", { signal });
  return items;
}

export function createSavedView(body: { name: string; query: SavedViewQuery; shared: boolean }): Promise<SavedView> {
  return apiFetch<SavedView>("/api/saved-views", { method: "POST", body });
}

export function deleteSavedView(id: string): Promise<void> {
  return apiFetch<void>(`/api/saved-views/${encodeURIComponent(id)}`, { method: "DELETE" });
}
