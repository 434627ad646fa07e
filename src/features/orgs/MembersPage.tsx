import { ShieldAlert } from "lucide-react";
import { useState } from "react";
import type { Member } from "@/domain/orgs";
import type { OrgRole } from "@/domain/roles";
import { errorMessage } from "@/lib/apiError";
import { useSession } from "@/lib/session";
import { Button } from "@/ui/Button";
import { Card, CardBody, CardHeader } from "@/ui/Card";
import { Notice } from "@/ui/Notice";
import { PageHeader } from "@/ui/PageHeader";
import { Spinner } from "@/ui/Spinner";
import { toast } from "@/ui/toastStore";
import { AddMemberForm } from "./AddMemberForm";
import { MembersTable } from "./MembersTable";
import { RemoveMemberDialog } from "./RemoveMemberDialog";
import { ROLE_LABELS } from "./roleLabels";
import { canManageMembers, useActiveMembership } from "./useActiveMembership";
import { useMembers } from "./useMembers";

export function MembersPage() {
  const membership = useActiveMembership();
  if (!canManageMembers(membership?.role)) {
    return (
      <>
        <PageHeader title="Members" />
        <Notice icon={<ShieldAlert className="size-5" aria-hidden="true" />} title="Owners and admins only">
          Ask an owner or admin of {membership?.orgName ?? "this organization"} to manage its members.
        </Notice>
      </>
    );
  }
  return <ManageMembers orgName={membership!.orgName} />;
}

function ManageMembers({ orgName }: { orgName: string }) {
  const members = useMembers();
  const currentUserId = useSession((s) => s.user?.id);
  const [removing, setRemoving] = useState<Member | null>(null);

  async function changeRole(member: Member, role: OrgRole) {
    try {
      await members.changeRole(member.userId, role);
      toast({ title: "Role updated", description: `${member.email} is now ${ROLE_LABELS[role].toLowerCase()}.`, variant: "success" });
    } catch (error) {
      toast({ title: "Couldn't change role", description: errorMessage(error), variant: "error" });
    }
  }

  return (
    <>
      <PageHeader title="Members" description={`People who can work in ${orgName}.`} />
      <div className="space-y-6">
        <Card>
          <CardHeader>
            <h2 className="text-sm font-semibold">Add a member</h2>
          </CardHeader>
          <CardBody>
            <AddMemberForm onAdd={members.add} />
          </CardBody>
        </Card>
        <Card>
          {members.status === "loading" && <Spinner label="Loading members" className="p-5" />}
          {members.status === "error" && (
            <div className="flex items-center justify-between gap-4 p-5 text-sm">
              <span role="alert" className="text-red-600 dark:text-red-400">
                {members.error}
              </span>
              <Button variant="secondary" size="sm" onClick={members.retry}>
                Retry
              </Button>
            </div>
          )}
          {members.status === "ready" && (
            <MembersTable
              members={members.members}
              currentUserId={currentUserId}
              onRoleChange={(member, role) => void changeRole(member, role)}
              onRemove={setRemoving}
            />
          )}
        </Card>
      </div>
      <RemoveMemberDialog
        member={removing}
        onOpenChange={(open) => !open && setRemoving(null)}
        onRemove={members.remove}
      />
    </>
  );
}
