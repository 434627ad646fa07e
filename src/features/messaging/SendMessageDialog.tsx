import { useEffect, useMemo, useState } from "react";
import type { MessageChannel, MessagePreview, MessageTemplate } from "@/domain/messaging";
import { ApiError } from "@/lib/apiError";
import { Button } from "@/ui/Button";
import { Dialog, DialogContent } from "@/ui/Dialog";
import { Field } from "@/ui/Field";
import { Input, Select, Textarea } from "@/ui/Input";
import { toast } from "@/ui/toastStore";
import { listTemplates, previewMessage, sendMessage } from "./messagingApi";

const PREVIEW_DELAY_MS = 300;

export interface SendMessageDialogProps {
  leadId: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** Called with the queued (or blocked) message's status after a send. */
  onSent?: (status: string) => void;
}

/**
 * Email or text a lead: pick a template (or write one), see the live preview rendered for this lead by the
 * server (subject, HTML, text part, character and SMS-segment counts), send. The server applies the rules
 * (suppression, duplicates, quiet hours) and the answer says what happened.
 */
export function SendMessageDialog({ leadId, open, onOpenChange, onSent }: SendMessageDialogProps) {
  const [channel, setChannel] = useState<MessageChannel>("email");
  const [templates, setTemplates] = useState<MessageTemplate[]>([]);
  const [templateId, setTemplateId] = useState("");
  const [subject, setSubject] = useState("");
  const [body, setBody] = useState("");
  const [preview, setPreview] = useState<MessagePreview | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  // One key per dialog opening: a double click sends once.
  const idempotencyKey = useMemo(() => (open ? crypto.randomUUID() : ""), [open]);

  useEffect(() => {
    if (!open) return;
    listTemplates().then(setTemplates, () => toast({ title: "Couldn't load the templates", variant: "error" }));
  }, [open]);

  const usable = templates.filter((t) => t.channel === channel);
  const draft = templateId ? null : body.trim() ? { channel, subject: channel === "email" ? subject : undefined, body } : null;
  // Nothing to render (no template, empty body): no preview, whatever the last answer was.
  const shown = templateId || draft ? preview : null;

  useEffect(() => {
    if (!open || (!templateId && !draft)) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      previewMessage(leadId, templateId ? { templateId } : { template: draft! }, controller.signal).then(
        (p) => (setPreview(p), setFields({})),
        (err: unknown) => {
          if (controller.signal.aborted) return;
          setPreview(null);
          // A draft's problems come back under template.* (its place in the preview request): show them on the fields.
          const raw = err instanceof ApiError && err.fields ? err.fields : { body: err instanceof Error ? err.message : "Couldn't preview" };
          setFields(Object.fromEntries(Object.entries(raw).map(([k, v]) => [k.replace(/^template\./, ""), v])));
        },
      );
    }, PREVIEW_DELAY_MS);
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
    // draft is derived from these
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, leadId, templateId, channel, subject, body]);

  const send = async () => {
    setBusy(true);
    try {
      const message = await sendMessage(leadId, templateId ? { channel, templateId, idempotencyKey } : { channel, subject: channel === "email" ? subject : undefined, body, idempotencyKey });
      if (message.status === "blocked") toast({ title: "Not sent", description: message.error ?? undefined, variant: "error" });
      else if (message.scheduledFor) toast({ title: "Scheduled", description: `Quiet hours where the lead lives: it goes out ${new Date(message.scheduledFor).toLocaleString()}.`, variant: "success" });
      else toast({ title: channel === "email" ? "Email queued" : "Text queued", variant: "success" });
      onSent?.(message.status);
      onOpenChange(false);
    } catch (err) {
      if (err instanceof ApiError && err.fields) setFields(err.fields);
      toast({ title: err instanceof Error ? err.message : "Couldn't send", variant: "error" });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent title="Send a message" className="max-w-2xl">
        <div className="space-y-4">
          <div className="grid grid-cols-2 gap-3">
            <Field label="Channel">
              {(p) => (
                <Select {...p} value={channel} onChange={(e) => (setChannel(e.target.value as MessageChannel), setTemplateId(""))}>
                  <option value="email">Email</option>
                  <option value="sms">Text (SMS)</option>
                </Select>
              )}
            </Field>
            <Field label="Template" error={fields.templateId}>
              {(p) => (
                <Select {...p} value={templateId} onChange={(e) => setTemplateId(e.target.value)}>
                  <option value="">Write a message</option>
                  {usable.map((t) => (
                    <option key={t.id} value={t.id}>
                      {t.name}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
          </div>
          {!templateId && (
            <>
              {channel === "email" && (
                <Field label="Subject" error={fields.subject}>
                  {(p) => <Input {...p} value={subject} onChange={(e) => setSubject(e.target.value)} />}
                </Field>
              )}
              <Field label={channel === "email" ? "Body (HTML allowed)" : "Message"} error={fields.body ?? fields.channel} hint="Variables: {{lead.firstName}}, {{agent.name}}, {{org.name}} …">
                {(p) => <Textarea {...p} rows={5} value={body} onChange={(e) => setBody(e.target.value)} />}
              </Field>
            </>
          )}
          {templateId && (fields.body || fields.channel) && <p className="text-xs font-medium text-red-600">{fields.body ?? fields.channel}</p>}
          <section aria-label="Preview" className="space-y-2 rounded-md border border-zinc-200 p-3 dark:border-zinc-800">
            {!shown ? (
              <p className="text-sm text-zinc-500">The preview for this lead appears here.</p>
            ) : (
              <>
                <p className="text-xs text-zinc-500">To: {shown.to ?? "— the lead has no address for this channel"}</p>
                {shown.subject !== null && <p className="text-sm font-medium">{shown.subject}</p>}
                {shown.html !== null ? (
                  <iframe title="Email preview" sandbox="" srcDoc={shown.html} className="h-48 w-full rounded border border-zinc-100 bg-white" />
                ) : (
                  <p className="text-sm whitespace-pre-wrap">{shown.text}</p>
                )}
                <p className="text-xs text-zinc-500" data-testid="preview-counts">
                  {shown.characters} characters
                  {shown.sms && ` · ${shown.sms.segments} SMS segment${shown.sms.segments === 1 ? "" : "s"} (${shown.sms.encoding})`}
                </p>
              </>
            )}
          </section>
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => onOpenChange(false)}>
              Cancel
            </Button>
            <Button onClick={() => void send()} loading={busy} disabled={!shown || !shown.to}>
              Send
            </Button>
          </div>
        </div>
      </DialogContent>
    </Dialog>
  );
}
