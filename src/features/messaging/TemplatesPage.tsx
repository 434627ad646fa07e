import { zodResolver } from "@hookform/resolvers/zod";
import { useCallback, useEffect, useState } from "react";
import { useForm, useWatch, type Path } from "react-hook-form";
import { templateInputSchema, type MessageTemplate, type TemplateInput } from "@/domain/messaging";
import { apiFetch } from "@/lib/api";
import { errorMessage } from "@/lib/apiError";
import { applyServerErrors } from "@/lib/serverErrors";
import { Button } from "@/ui/Button";
import { Card, CardBody } from "@/ui/Card";
import { Dialog, DialogContent } from "@/ui/Dialog";
import { Field, FormError } from "@/ui/Field";
import { Input, Select, Textarea } from "@/ui/Input";
import { Notice } from "@/ui/Notice";
import { PageHeader } from "@/ui/PageHeader";
import { toast } from "@/ui/toastStore";
import { SuppressionsSection } from "./SuppressionsSection";
import { TextingNumbersSection } from "./TextingNumbersSection";

const FIELDS: Path<TemplateInput>[] = ["name", "channel", "subject", "body", "textBody"];
const blank: TemplateInput = { name: "", channel: "sms", subject: "", body: "", textBody: "" };

/** The org's message templates (owners and admins): the wording every email and text starts from; and its texting numbers. */
export function TemplatesPage() {
  const [items, setItems] = useState<MessageTemplate[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<MessageTemplate | "new" | null>(null);
  const load = useCallback(() => apiFetch<{ items: MessageTemplate[] }>("/api/templates").then((r) => (setItems(r.items), setError(null)), (err: unknown) => setError(errorMessage(err))), []);
  useEffect(() => void load(), [load]);

  const remove = async (t: MessageTemplate) => {
    try {
      await apiFetch(`/api/templates/${t.id}`, { method: "DELETE" });
      toast({ title: `Deleted “${t.name}”`, variant: "success" });
      void load();
    } catch (err) {
      toast({ title: errorMessage(err), variant: "error" });
    }
  };

  return (
    <div className="space-y-6">
      <PageHeader
        title="Message templates"
        description="Variables: {{lead.firstName}}, {{lead.lastName}}, {{lead.city}}, {{agent.name}}, {{agent.email}}, {{org.name}}, {{unsubscribeUrl}} …"
        actions={<Button onClick={() => setEditing("new")}>New template</Button>}
      />
      {error && <Notice title="Couldn't load the templates">{error}</Notice>}
      {items?.length === 0 && <Notice title="No templates yet">Create the first one: a text or an email your team sends often.</Notice>}
      {items && items.length > 0 && (
        <Card>
          <CardBody>
            <ul className="divide-y divide-zinc-200 dark:divide-zinc-800" aria-label="Templates">
              {items.map((t) => (
                <li key={t.id} className="flex items-start justify-between gap-3 py-3 text-sm">
                  <div className="min-w-0">
                    <p className="font-medium">{t.name} <span className="font-normal text-zinc-500">· {t.channel === "sms" ? "text" : "email"}</span></p>
                    {t.subject && <p className="text-zinc-600 dark:text-zinc-300">{t.subject}</p>}
                    <p className="line-clamp-2 text-zinc-500">{t.body}</p>
                  </div>
                  <div className="flex gap-2">
                    <Button size="sm" variant="secondary" onClick={() => setEditing(t)}>Edit</Button>
                    <Button size="sm" variant="ghost" onClick={() => void remove(t)}>Delete</Button>
                  </div>
                </li>
              ))}
            </ul>
          </CardBody>
        </Card>
      )}
      <TextingNumbersSection />
      {/* This page is for owners and admins, who may also remove entries added by hand. */}
      <SuppressionsSection canRemove />
      <Dialog open={editing !== null} onOpenChange={(o) => !o && setEditing(null)}>
        {editing !== null && (
          <DialogContent title={editing === "new" ? "New template" : `Edit “${editing.name}”`}>
            <TemplateForm template={editing === "new" ? null : editing} onSaved={() => (setEditing(null), void load())} />
          </DialogContent>
        )}
      </Dialog>
    </div>
  );
}

function TemplateForm({ template, onSaved }: { template: MessageTemplate | null; onSaved: () => void }) {
  const { register, handleSubmit, control, setError, formState: { errors, isSubmitting } } = useForm<TemplateInput>({
    resolver: zodResolver(templateInputSchema),
    defaultValues: template ? { name: template.name, channel: template.channel, subject: template.subject ?? "", body: template.body, textBody: template.textBody ?? "" } : blank,
  });
  const channel = useWatch({ control, name: "channel" });
  const onSubmit = handleSubmit(async (values) => {
    const body = { ...values, subject: values.channel === "email" ? values.subject || null : null, textBody: values.channel === "email" ? values.textBody || null : null };
    try {
      await apiFetch(template ? `/api/templates/${template.id}` : "/api/templates", { method: template ? "PATCH" : "POST", body });
      toast({ title: template ? "Template saved" : "Template created", variant: "success" });
      onSaved();
    } catch (err) {
      applyServerErrors(err, setError, FIELDS);
    }
  });
  return (
    <form onSubmit={onSubmit} className="space-y-3" noValidate aria-label="Template">
      <FormError message={errors.root?.server?.message} />
      <div className="grid grid-cols-2 gap-3">
        <Field label="Name" error={errors.name?.message}>{(c) => <Input {...c} {...register("name")} />}</Field>
        <Field label="Channel" error={errors.channel?.message}>
          {(c) => (
            <Select {...c} {...register("channel")}>
              <option value="sms">Text (SMS)</option>
              <option value="email">Email</option>
            </Select>
          )}
        </Field>
      </div>
      {channel === "email" && <Field label="Subject" error={errors.subject?.message}>{(c) => <Input {...c} {...register("subject")} />}</Field>}
      <Field label={channel === "email" ? "Body (HTML allowed)" : "Message"} error={errors.body?.message}>{(c) => <Textarea {...c} rows={6} {...register("body")} />}</Field>
      {channel === "email" && (
        <Field label="Plain-text version" hint="Left empty, it is made from the HTML." error={errors.textBody?.message}>{(c) => <Textarea {...c} rows={4} {...register("textBody")} />}</Field>
      )}
      <div className="flex justify-end">
        <Button type="submit" loading={isSubmitting}>{template ? "Save" : "Create"}</Button>
      </div>
    </form>
  );
}
