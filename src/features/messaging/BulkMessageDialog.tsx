import { useEffect, useState } from "react";
import type { MessageTemplate } from "@/domain/messaging";
import { apiFetch } from "@/lib/api";
import { errorMessage } from "@/lib/apiError";
import { Button } from "@/ui/Button";
import { Dialog, DialogContent } from "@/ui/Dialog";
import { Field, FormError } from "@/ui/Field";
import { Select } from "@/ui/Input";
import { toast } from "@/ui/toastStore";
import { listTemplates } from "./messagingApi";

interface BulkResult {
  queued: number;
  blocked: number;
}

/** Sends one template to the selected leads; each is judged on its own (suppression, duplicates, quiet hours). */
export function BulkMessageDialog({ leadIds, open, onOpenChange, onSent }: { leadIds: string[]; open: boolean; onOpenChange: (open: boolean) => void; onSent?: () => void }) {
  const [templates, setTemplates] = useState<MessageTemplate[] | null>(null);
  const [templateId, setTemplateId] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  useEffect(() => {
    if (!open) return;
    listTemplates().then(setTemplates, () => setTemplates([]));
  }, [open]);

  const send = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const result = await apiFetch<BulkResult>("/api/messages/bulk", { method: "POST", body: { leadIds: leadIds.slice(0, 500), templateId } });
      toast({
        title: `${result.queued} message${result.queued === 1 ? "" : "s"} queued`,
        description: result.blocked ? `${result.blocked} not sent (opted out, no address, or a duplicate) — see each lead's timeline.` : undefined,
        variant: "success",
      });
      onOpenChange(false);
      onSent?.();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent title={`Message ${leadIds.length} lead${leadIds.length === 1 ? "" : "s"}`} description="Each lead gets the template rendered for them; opted-out addresses, duplicates and quiet hours are respected.">
        <div className="space-y-4">
          <FormError message={error} />
          {leadIds.length > 500 && <p className="text-sm text-amber-700">Only the first 500 selected leads are messaged at once.</p>}
          {templates !== null && templates.length === 0 ? (
            <p className="text-sm text-zinc-500">No templates yet — an owner or admin creates them (POST /api/templates).</p>
          ) : (
            <Field label="Template">
              {(c) => (
                <Select {...c} value={templateId} onChange={(e) => setTemplateId(e.target.value)}>
                  <option value="">Choose a template…</option>
                  {(templates ?? []).map((t) => <option key={t.id} value={t.id}>{t.name} ({t.channel === "sms" ? "text" : "email"})</option>)}
                </Select>
              )}
            </Field>
          )}
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => onOpenChange(false)}>Cancel</Button>
            <Button onClick={() => void send()} loading={busy} disabled={!templateId}>Send</Button>
          </div>
        </div>
      </DialogContent>
    </Dialog>
  );
}
