import { FileText, Users, UsersRound, Webhook, type LucideIcon } from "lucide-react";
import { MANAGER_ROLES, ORG_ROLES, type OrgRole } from "@/domain/roles";

export type NavGroup = "main" | "settings";

export interface NavItem {
  to: "/leads" | "/members" | "/settings/lead-sources" | "/settings/lead-forms";
  label: string;
  icon: LucideIcon;
  /** Roles that see the entry. Features that do not exist yet get no entry at all. */
  roles: readonly OrgRole[];
  group: NavGroup;
}

export const NAV_GROUP_LABELS: Record<NavGroup, string | null> = { main: null, settings: "Settings" };

export const NAV_ITEMS: readonly NavItem[] = [
  { to: "/leads", label: "Leads", icon: Users, roles: ORG_ROLES, group: "main" },
  { to: "/members", label: "Members", icon: UsersRound, roles: MANAGER_ROLES, group: "main" },
  { to: "/settings/lead-sources", label: "Lead sources", icon: Webhook, roles: MANAGER_ROLES, group: "settings" },
  { to: "/settings/lead-forms", label: "Lead forms", icon: FileText, roles: MANAGER_ROLES, group: "settings" },
];

export function navItemsFor(role: OrgRole | undefined): NavItem[] {
  return NAV_ITEMS.filter((item) => (role ? item.roles.includes(role) : item.roles === ORG_ROLES));
}

/** The entries a role sees, by group in NAV_GROUP_LABELS order, leaving out empty groups. */
export function navGroupsFor(role: OrgRole | undefined): { group: NavGroup; label: string | null; items: NavItem[] }[] {
  const items = navItemsFor(role);
  return (Object.keys(NAV_GROUP_LABELS) as NavGroup[])
    .map((group) => ({ group, label: NAV_GROUP_LABELS[group], items: items.filter((item) => item.group === group) }))
    .filter(({ items }) => items.length > 0);
}
