import type { AssignmentRule } from "@/domain/assignment";
import type { Member } from "@/domain/orgs";

function listed(values: string[], max: number): string {
  return values.length > max ? `${values.slice(0, max).join(", ")} +${values.length - max} more` : values.join(", ");
}

/** "Round robin among Ann, Ben · sources: PPC · ZIPs: 78704". */
export function ruleSummary(rule: AssignmentRule, members: Member[]): string {
  const byId = new Map(members.map((m) => [m.userId, m.fullName || m.email]));
  const names = rule.agentIds.map((id) => byId.get(id) ?? "a former member");
  const parts = [`Round robin among ${listed(names, 8)}`];
  if (rule.sources.length > 0) parts.push(`sources: ${listed(rule.sources, 8)}`);
  if (rule.zips.length > 0) parts.push(`ZIPs: ${listed(rule.zips, 10)}`);
  if (rule.sources.length === 0 && rule.zips.length === 0) parts.push("every new lead");
  return parts.join(" · ");
}
