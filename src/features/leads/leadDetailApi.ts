import type { Lead, LeadStatus, Page, UpdateLeadRequest } from "@/domain/leads";
import type { Activity } from "@/domain/leadWork";
import { apiFetch } from "@/lib/api";

export const getLead = (id: string) => apiFetch<Lead>(`/api/leads/${id}`);
export const patchLead = (id: string, patch: UpdateLeadRequest | { status: LeadStatus }) => apiFetch<Lead>(`/api/leads/${id}`, { method: "PATCH", body: patch });
export const listActivities = (id: string, cursor?: string | null) =>
  apiFetch<Page<Activity>>(`/api/leads/${id}/activities?limit=30${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
export const addNote = (id: string, body: string) => apiFetch<Activity>(`/api/leads/${id}/notes`, { method: "POST", body: { body } });
export const convertLead = (id: string, input: { title?: string; value?: number }) =>
  apiFetch<{ id: string; title: string }>(`/api/leads/${id}/convert`, { method: "POST", body: input });
