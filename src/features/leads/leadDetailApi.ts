import type { Lead, LeadStatus, Page, UpdateLeadRequest } from "@/domain/leads";
import type { Activity, MERGE_FIELDS } from "@/domain/leadWork";
import { apiFetch } from "@/lib/api";

export const getLead = (id: string) => apiFetch<Lead>(`/api/leads/${id}`);
export const patchLead = (id: string, patch: UpdateLeadRequest | { status: LeadStatus }) => apiFetch<Lead>(`/api/leads/${id}`, { method: "PATCH", body: patch });
export const listActivities = (id: string, cursor?: string | null) =>
  apiFetch<Page<Activity>>(`/api/leads/${id}/activities?limit=30${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
export const addNote = (id: string, body: string) => apiFetch<Activity>(`/api/leads/${id}/notes`, { method: "POST", body: { body } });
export const convertLead = (id: string, input: { title?: string; value?: number }) =>
  apiFetch<{ id: string; title: string }>(`/api/leads/${id}/convert`, { method: "POST", body: input });

/** Other leads of the org matching a search, for choosing the lead to merge in. */
export const searchLeads = (q: string, signal?: AbortSignal) =>
  apiFetch<Page<Lead>>(`/api/leads?q=${encodeURIComponent(q)}&limit=8`, { signal }).then((r) => r.items);

export type MergeKeep = Partial<Record<(typeof MERGE_FIELDS)[number], "this" | "other">>;
export const mergeLeads = (id: string, otherId: string, keep: MergeKeep) =>
  apiFetch<Lead>(`/api/leads/${id}/merge`, { method: "POST", body: { otherId, keep } });

export interface EnrichmentRecord {
  provider: string;
  status: "done" | "not_found" | "not_configured" | "failed";
  result: Record<string, unknown>;
  costCents: number;
  durationMs: number;
  error: string | null;
  at: string;
}
export interface LeadEnrichment {
  contact: EnrichmentRecord | null;
  property: EnrichmentRecord | null;
  propertyProviderConfigured: boolean;
}
export const getEnrichment = (id: string) => apiFetch<LeadEnrichment>(`/api/leads/${id}/enrichment`);
export const enrichAgain = (id: string) => apiFetch<{ queued: string[] }>(`/api/leads/${id}/enrich`, { method: "POST" });
