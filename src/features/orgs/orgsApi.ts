import type { MeResponse } from "@/domain/auth";
import type { AddMemberRequest, Member } from "@/domain/orgs";
import type { OrgRole } from "@/domain/roles";
import { apiFetch } from "@/lib/api";

export function getMe(signal?: AbortSignal): Promise<MeResponse> {
  return apiFetch<MeResponse>("/api/me", { signal });
}

export async function listMembers(signal?: AbortSignal): Promise<Member[]> {
  const { items } = await apiFetch<{ items: Member[] }>("/api/org/members", { signal });
  return items;
}

export function addMember(request: AddMemberRequest): Promise<Member> {
  return apiFetch<Member>("/api/org/members", { method: "POST", body: request });
}

export function updateMemberRole(userId: string, role: OrgRole): Promise<Member> {
  return apiFetch<Member>(`/api/org/members/${encodeURIComponent(userId)}`, { method: "PATCH", body: { role } });
}

export function removeMember(userId: string): Promise<void> {
  return apiFetch<void>(`/api/org/members/${encodeURIComponent(userId)}`, { method: "DELETE" });
}
