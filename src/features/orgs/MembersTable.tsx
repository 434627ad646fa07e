import type { Member } from "@/domain/orgs";
import type { OrgRole } from "@/domain/roles";
import { formatDate } from "@/lib/format";
import { Button } from "@/ui/Button";
import { Select } from "@/ui/Input";
import { Table, Td, Th } from "@/ui/Table";
import { ROLE_OPTIONS } from "./roleLabels";

export function MembersTable({
  members,
  currentUserId,
  onRoleChange,
  onRemove,
}: {
  members: Member[];
  currentUserId: string | undefined;
  onRoleChange: (member: Member, role: OrgRole) => void;
  onRemove: (member: Member) => void;
}) {
  return (
    <Table>
      <thead>
        <tr>
          <Th>Member</Th>
          <Th>Role</Th>
          <Th>Added</Th>
          <Th>
            <span className="sr-only">Actions</span>
          </Th>
        </tr>
      </thead>
      <tbody>
        {members.map((member) => {
          const isYou = member.userId === currentUserId;
          return (
            <tr key={member.userId}>
              <Td>
                <div className="font-medium">
                  {member.fullName || member.email}
                  {isYou && <span className="ml-1.5 text-xs font-normal text-zinc-500">(you)</span>}
                </div>
                {member.fullName && <div className="text-xs text-zinc-500 dark:text-zinc-400">{member.email}</div>}
              </Td>
              <Td className="w-40">
                <Select
                  aria-label={`Role for ${member.email}`}
                  value={member.role}
                  disabled={isYou}
                  title={isYou ? "You can't change your own role" : undefined}
                  onChange={(e) => onRoleChange(member, e.target.value as OrgRole)}
                  className="h-8"
                >
                  {ROLE_OPTIONS.map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </Select>
              </Td>
              <Td className="whitespace-nowrap text-zinc-500 dark:text-zinc-400">{formatDate(member.createdAt)}</Td>
              <Td className="text-right">
                {!isYou && (
                  <Button variant="ghost" size="sm" aria-label={`Remove ${member.email}`} onClick={() => onRemove(member)}>
                    Remove
                  </Button>
                )}
              </Td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}
