import { useState } from "react";
import type { Member } from "@/domain/orgs";
import { errorMessage } from "@/lib/apiError";
import { Button } from "@/ui/Button";
import { Dialog, DialogClose, DialogContent } from "@/ui/Dialog";
import { toast } from "@/ui/toastStore";

/** Confirms removing a member; closes itself when done. */
export function RemoveMemberDialog({
  member,
  onOpenChange,
  onRemove,
}: {
  member: Member | null;
  onOpenChange: (open: boolean) => void;
  onRemove: (userId: string) => Promise<void>;
}) {
  const [removing, setRemoving] = useState(false);

  async function confirm() {
    if (!member) return;
    setRemoving(true);
    try {
      await onRemove(member.userId);
      toast({ title: "Member removed", description: member.email, variant: "success" });
      onOpenChange(false);
    } catch (error) {
      toast({ title: "Couldn't remove member", description: errorMessage(error), variant: "error" });
    } finally {
      setRemoving(false);
    }
  }

  return (
    <Dialog open={member !== null} onOpenChange={onOpenChange}>
      {member && (
        <DialogContent title="Remove member" description={`${member.email} will lose access to this organization.`}>
          <div className="flex justify-end gap-2">
            <DialogClose asChild>
              <Button variant="secondary">Cancel</Button>
            </DialogClose>
            <Button variant="danger" loading={removing} onClick={() => void confirm()}>
              Remove member
            </Button>
          </div>
        </DialogContent>
      )}
    </Dialog>
  );
}
