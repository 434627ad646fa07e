import { ORG_ROLES, type OrgRole } from "@/domain/roles";

export const ROLE_LABELS: Record<OrgRole, string> = {
  owner: "Owner",
  admin: "Admin",
  agent: "Agent",
  investor: "Investor",
};

export const ROLE_OPTIONS = ORG_ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }));
