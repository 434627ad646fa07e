import { BrainCircuit, Briefcase, Cog, FileText, Mail, MessageSquareText, Sparkles, Handshake, KanbanSquare, Shuffle, Upload, Users, UsersRound, Webhook, Workflow, type LucideIcon } from "lucide-react";
import { MANAGER_ROLES, ORG_ROLES, STAFF_ROLES, type OrgRole } from "@/domain/roles";

export type NavGroup = "main" | "settings";

export interface NavItem {
  to: "/leads" | "/pipeline" | "/investors" | "/messages" | "/portal" | "/members" | "/settings/lead-sources" | "/settings/lead-forms" | "/leads/import" | "/settings/assignment" | "/settings/enrichment" | "/settings/jobs" | "/settings/models" | "/settings/templates" | "/workflows";
  label: string;
  icon: LucideIcon;
  /** Roles that see the entry. Features that do not exist yet get no entry at all. */
  roles: readonly OrgRole[];
  group: NavGroup;
}

export const NAV_GROUP_LABELS: Record<NavGroup, string | null> = { main: null, settings: "Settings" };

export const NAV_ITEMS: readonly NavItem[] = [
  { to: "/leads", label: "Leads", icon: Users, roles: STAFF_ROLES, group: "main" },
  { to: "/leads/import", label: "Import leads", icon: Upload, roles: STAFF_ROLES, group: "main" },
  { to: "/pipeline", label: "Pipeline", icon: KanbanSquare, roles: STAFF_ROLES, group: "main" },
  { to: "/investors", label: "Investors", icon: Handshake, roles: STAFF_ROLES, group: "main" },
  { to: "/messages", label: "Messages", icon: Mail, roles: STAFF_ROLES, group: "main" },
  { to: "/workflows", label: "Workflows", icon: Workflow, roles: STAFF_ROLES, group: "main" },
  { to: "/portal", label: "Shared deals", icon: Briefcase, roles: ["investor"], group: "main" },
  { to: "/members", label: "Members", icon: UsersRound, roles: MANAGER_ROLES, group: "main" },
  { to: "/settings/lead-sources", label: "Lead sources", icon: Webhook, roles: MANAGER_ROLES, group: "settings" },
  { to: "/settings/lead-forms", label: "Lead forms", icon: FileText, roles: MANAGER_ROLES, group: "settings" },
  { to: "/settings/assignment", label: "Assignment", icon: Shuffle, roles: MANAGER_ROLES, group: "settings" },
  { to: "/settings/templates", label: "Message templates", icon: MessageSquareText, roles: MANAGER_ROLES, group: "settings" },
  { to: "/settings/enrichment", label: "Enrichment", icon: Sparkles, roles: STAFF_ROLES, group: "settings" },
  { to: "/settings/jobs", label: "Background jobs", icon: Cog, roles: MANAGER_ROLES, group: "settings" },
  { to: "/settings/models", label: "Models", icon: BrainCircuit, roles: STAFF_ROLES, group: "settings" },
];

/** The entry whose path is the longest prefix of `pathname` (the one to show as current), if any. */
export function activeNavTarget(items: readonly NavItem[], pathname: string): NavItem["to"] | undefined {
  return items
    .filter(({ to }) => pathname === to || pathname.startsWith(`${to}/`))
    .reduce<NavItem["to"] | undefined>((best, { to }) => (best && best.length >= to.length ? best : to), undefined);
}

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
