import { useState, type FormEvent } from "react";
import { Button } from "@/ui/Button";
import { Dialog, DialogContent } from "@/ui/Dialog";
import { Field } from "@/ui/Field";
import { Textarea } from "@/ui/Input";

/**
 * Asked when a deal is moved to a stage of kind "lost": why it was lost. Confirm sends the move with the reason;
 * cancel (button, Escape, close) puts the card back.
 */
export function LostReasonDialog({
  open,
  dealTitle,
  stageName,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  dealTitle: string;
  stageName: string;
  onConfirm: (reason: string) => void;
  onCancel: () => void;
}) {
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | undefined>();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const trimmed = reason.trim();
    if (!trimmed) return setError("is required");
    if (trimmed.length > 500) return setError("must be at most 500 characters");
    setReason("");
    setError(undefined);
    onConfirm(trimmed);
  };
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (!next) {
          setReason("");
          setError(undefined);
          onCancel();
        }
      }}
    >
      <DialogContent title={`Close “${dealTitle}” as lost`} description={`Moving it to ${stageName} needs a reason, for the record and for the reports.`}>
        <form onSubmit={submit} className="space-y-4" noValidate aria-label="Lost reason">
          <Field label="Why was it lost?" error={error}>
            {(c) => <Textarea {...c} value={reason} onChange={(e) => setReason(e.target.value)} placeholder="Seller accepted a higher cash offer" autoFocus />}
          </Field>
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={onCancel}>Cancel</Button>
            <Button type="submit" variant="danger">Close as lost</Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}
