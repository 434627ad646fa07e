import { Users, UsersRound, type LucideIcon } from "lucide-react";
import { MANAGER_ROLES, ORG_ROLES, type OrgRole } from "@/domain/roles";

export interface NavItem {
  to: "/leads" | "/members";
  label: string;
  icon: LucideIcon;
  /** Roles that see the entry. Features that do not exist yet get no entry at all. */
  roles: readonly OrgRole[];
}

export const NAV_ITEMS: readonly NavItem[] = [
  { to: "/leads", label: "Leads", icon: Users, roles: ORG_ROLES },
  { to: "/members", label: "Members", icon: UsersRound, roles: MANAGER_ROLES },
];

export function navItemsFor(role: OrgRole | undefined): NavItem[] {
  return NAV_ITEMS.filter((item) => (role ? item.roles.includes(role) : item.roles === ORG_ROLES));
}
