import { useState } from "react";
import type { LeadSource, LeadSourceWithSecret } from "@/domain/leadSources";
import { errorMessage } from "@/lib/apiError";
import { Button } from "@/ui/Button";
import { Dialog, DialogClose, DialogContent } from "@/ui/Dialog";
import { toast } from "@/ui/toastStore";

/** Confirms replacing a source's signing secret; hands the new one to onRotated. */
export function RotateSecretDialog({
  source,
  onOpenChange,
  onRotate,
  onRotated,
}: {
  source: LeadSource | null;
  onOpenChange: (open: boolean) => void;
  onRotate: (id: string) => Promise<LeadSourceWithSecret>;
  onRotated: (source: LeadSourceWithSecret) => void;
}) {
  const [rotating, setRotating] = useState(false);

  async function confirm() {
    if (!source) return;
    setRotating(true);
    try {
      const rotated = await onRotate(source.id);
      onOpenChange(false);
      onRotated(rotated);
    } catch (error) {
      toast({ title: "Couldn't rotate the secret", description: errorMessage(error), variant: "error" });
    } finally {
      setRotating(false);
    }
  }

  return (
    <Dialog open={source !== null} onOpenChange={onOpenChange}>
      {source && (
        <DialogContent
          title="Rotate secret"
          description={`“${source.name}” gets a new signing secret. The current one stops working immediately, so deliveries fail until the sender uses the new one.`}
        >
          <div className="flex justify-end gap-2">
            <DialogClose asChild>
              <Button variant="secondary">Cancel</Button>
            </DialogClose>
            <Button variant="danger" loading={rotating} onClick={() => void confirm()}>
              Rotate secret
            </Button>
          </div>
        </DialogContent>
      )}
    </Dialog>
  );
}
