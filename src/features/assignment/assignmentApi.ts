import type { AssignmentRule, OrgSettings } from "@/domain/assignment";
import { apiFetch } from "@/lib/api";

export interface AssignmentRuleBody {
  name: string;
  agentIds: string[];
  sources: string[];
  zips: string[];
  enabled?: boolean;
  position?: number;
}

export type AssignmentRulePatch = Partial<AssignmentRuleBody>;

export function getOrgSettings(signal?: AbortSignal): Promise<OrgSettings> {
  return apiFetch<OrgSettings>("/api/org", { signal });
}

export function updateOrgSettings(body: { agentsSeeAssignedOnly: boolean }): Promise<OrgSettings> {
  return apiFetch<OrgSettings>("/api/org", { method: "PATCH", body });
}

/** In the order they are tried: position, then age. */
export async function listAssignmentRules(signal?: AbortSignal): Promise<AssignmentRule[]> {
  const { items } = await apiFetch<{ items: AssignmentRule[] }>("/api/assignment-rules", { signal });
  return items;
}

/** 400 fields.agentIds "must all be staff members of this org". */
export function createAssignmentRule(body: AssignmentRuleBody): Promise<AssignmentRule> {
  return apiFetch<AssignmentRule>("/api/assignment-rules", { method: "POST", body });
}

export function updateAssignmentRule(id: string, body: AssignmentRulePatch): Promise<AssignmentRule> {
  return apiFetch<AssignmentRule>(`/api/assignment-rules/${encodeURIComponent(id)}`, { method: "PATCH", body });
}

export function deleteAssignmentRule(id: string): Promise<void> {
  return apiFetch<void>(`/api/assignment-rules/${encodeURIComponent(id)}`, { method: "DELETE" });
}
