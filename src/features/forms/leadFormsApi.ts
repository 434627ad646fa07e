import type { LeadForm } from "@/domain/leadForms";
import { apiFetch } from "@/lib/api";

export interface CreateLeadFormBody {
  name: string;
  slug: string;
  headline?: string | null;
  enabled?: boolean;
}

export interface UpdateLeadFormBody {
  name?: string;
  headline?: string | null;
  enabled?: boolean;
}

export async function listLeadForms(signal?: AbortSignal): Promise<LeadForm[]> {
  const { items } = await apiFetch<{ items: LeadForm[] }>("/api/lead-forms", { signal });
  return items;
}

/** 409 slug_taken (fields.slug) when another form, in any org, has the address. */
export function createLeadForm(body: CreateLeadFormBody): Promise<LeadForm> {
  return apiFetch<LeadForm>("/api/lead-forms", { method: "POST", body });
}

export function updateLeadForm(id: string, body: UpdateLeadFormBody): Promise<LeadForm> {
  return apiFetch<LeadForm>(`/api/lead-forms/${encodeURIComponent(id)}`, { method: "PATCH", body });
}
