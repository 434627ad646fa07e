import type { Membership } from "@/domain/auth";
import { MANAGER_ROLES, type OrgRole } from "@/domain/roles";
import { useSession } from "@/lib/session";
import { useMeStore } from "./meStore";

/** The membership for the org in X-Org-Id, once GET /api/me has answered. */
export function useActiveMembership(): Membership | null {
  const activeOrgId = useSession((s) => s.activeOrgId);
  const memberships = useMeStore((s) => s.me?.memberships);
  return memberships?.find((m) => m.orgId === activeOrgId) ?? null;
}

export function canManageMembers(role: OrgRole | undefined): boolean {
  return role !== undefined && MANAGER_ROLES.includes(role);
}
