import { useWatch } from "react-hook-form";
import { TEMPLATE_VARIABLES } from "@/domain/messaging";
import { Field } from "@/ui/Field";
import { Input, Select, Textarea } from "@/ui/Input";
import { errorOf, RadioGroup, type FieldsProps } from "./formKit";

/** A text or an email: one of the org's templates, or the message written here (with {{variables}}). */
export function MessageFields({ form, lookups, channel }: FieldsProps & { channel: "sms" | "email" }) {
  const { register, control, getValues, setValue } = form;
  const source = useWatch({ control, name: "source" }) as string;
  const templates = lookups.templates.filter((t) => t.channel === channel);
  const insert = (variable: string) => setValue("body", `${(getValues("body") as string | undefined) ?? ""}{{${variable}}}`, { shouldValidate: true, shouldDirty: true });
  return (
    <div className="space-y-4">
      <RadioGroup legend="Message" registration={register("source")} options={[{ value: "text", label: "Write it here" }, { value: "template", label: "Use a template" }]} />
      {source === "template" ? (
        <Field label="Template" error={errorOf(form, "templateId") ?? errorOf(form, "body")} hint={templates.length === 0 ? `No ${channel === "sms" ? "text" : "email"} templates yet (Settings → Message templates).` : undefined}>
          {(c) => (
            <Select {...c} {...register("templateId")}>
              <option value="">Choose…</option>
              {templates.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
            </Select>
          )}
        </Field>
      ) : (
        <>
          {channel === "email" && <Field label="Subject" error={errorOf(form, "subject")}>{(c) => <Input {...c} {...register("subject")} />}</Field>}
          <Field label={channel === "sms" ? "Text" : "Body (HTML allowed)"} error={errorOf(form, "body")}>{(c) => <Textarea {...c} rows={5} {...register("body")} />}</Field>
          <div className="space-y-1">
            <p className="text-xs text-zinc-500 dark:text-zinc-400">Insert a variable:</p>
            <ul className="flex flex-wrap gap-1" aria-label="Variables">
              {TEMPLATE_VARIABLES.map((v) => (
                <li key={v}>
                  <button type="button" onClick={() => insert(v)} className="rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-[11px] text-zinc-700 hover:bg-zinc-200 dark:bg-zinc-800 dark:text-zinc-300 dark:hover:bg-zinc-700">
                    {`{{${v}}}`}
                  </button>
                </li>
              ))}
            </ul>
          </div>
        </>
      )}
    </div>
  );
}
