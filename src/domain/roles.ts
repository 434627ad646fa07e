import { z } from "zod";

/** Roles a member can hold in an org. Staff roles work leads and deals; investors only see what is shared with them. */
export const ORG_ROLES = ["owner", "admin", "agent", "investor"] as const;
export const orgRoleSchema = z.enum(ORG_ROLES);
export type OrgRole = z.infer<typeof orgRoleSchema>;

export const STAFF_ROLES: readonly OrgRole[] = ["owner", "admin", "agent"];
export const MANAGER_ROLES: readonly OrgRole[] = ["owner", "admin"];

export function isStaffRole(role: OrgRole): boolean {
  return STAFF_ROLES.includes(role);
}
