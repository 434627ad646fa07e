import { Controller } from "react-hook-form";
import { UPDATABLE_LEAD_FIELDS, type ConditionGroup } from "@/domain/workflows";
import { LEAD_STATUS_OPTIONS } from "@/features/leads/leadStatus";
import { Field } from "@/ui/Field";
import { Input, Select, Textarea } from "@/ui/Input";
import { ConditionGroupEditor } from "./ConditionGroupEditor";
import { Checkbox, errorOf, memberName, type FieldsProps } from "./formKit";

// The fields of the steps with a few settings each.

const UPDATABLE_LABELS: Record<(typeof UPDATABLE_LEAD_FIELDS)[number], string> = {
  source: "Source",
  notes: "Notes",
  firstName: "First name",
  lastName: "Last name",
  addTag: "Add a tag",
  removeTag: "Remove a tag",
};

export function UpdateFieldFields({ form }: FieldsProps) {
  return (
    <div className="space-y-4">
      <Field label="Field" error={errorOf(form, "field")}>
        {(c) => (
          <Select {...c} {...form.register("field")}>
            {UPDATABLE_LEAD_FIELDS.map((f) => <option key={f} value={f}>{UPDATABLE_LABELS[f]}</option>)}
          </Select>
        )}
      </Field>
      <Field label="Value" hint="Variables such as {{lead.firstName}} work here." error={errorOf(form, "value")}>{(c) => <Input {...c} {...form.register("value")} />}</Field>
    </div>
  );
}

export function ChangeStatusFields({ form }: FieldsProps) {
  return (
    <Field label="New status" error={errorOf(form, "status")}>
      {(c) => (
        <Select {...c} {...form.register("status")}>
          {LEAD_STATUS_OPTIONS.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
        </Select>
      )}
    </Field>
  );
}

export function MoveStageFields({ form, lookups }: FieldsProps) {
  return (
    <Field label="Stage" hint="Moves the lead's open deal." error={errorOf(form, "stageId")}>
      {(c) => (
        <Select {...c} {...form.register("stageId")}>
          <option value="">Choose…</option>
          {lookups.stages.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
        </Select>
      )}
    </Field>
  );
}

export function CreateTaskFields({ form, lookups }: FieldsProps) {
  return (
    <div className="space-y-4">
      <Field label="Title" error={errorOf(form, "title")}>{(c) => <Input {...c} {...form.register("title")} />}</Field>
      <Field label="Due in (hours)" hint="0 is due at once." error={errorOf(form, "dueInHours")}>{(c) => <Input {...c} type="number" min={0} {...form.register("dueInHours", { valueAsNumber: true })} />}</Field>
      <Field label="Assignee" error={errorOf(form, "assigneeId")}>
        {(c) => (
          <Select {...c} {...form.register("assigneeId")}>
            <option value="">The lead's agent</option>
            {lookups.members.map((m) => <option key={m.userId} value={m.userId}>{memberName(m)}</option>)}
          </Select>
        )}
      </Field>
    </div>
  );
}

export function AddNoteFields({ form }: FieldsProps) {
  return <Field label="Note" error={errorOf(form, "body")}>{(c) => <Textarea {...c} rows={4} {...form.register("body")} />}</Field>;
}

export function WebhookFields({ form }: FieldsProps) {
  return (
    <Field label="URL" hint="Gets a signed JSON POST with the lead and the run." error={errorOf(form, "url")}>
      {(c) => <Input {...c} type="url" placeholder="https://example.com/hook" {...form.register("url")} />}
    </Field>
  );
}

export function StopOnFields({ form }: FieldsProps) {
  const error = errorOf(form, "reply");
  return (
    <fieldset className="space-y-2">
      <legend className="mb-1 text-sm font-medium text-zinc-700 dark:text-zinc-300">End the run when, from here on,</legend>
      <Checkbox label="the lead replies" registration={form.register("reply", { deps: ["statusChange"] })} />
      <Checkbox label="the lead's status changes" registration={form.register("statusChange", { deps: ["reply"] })} />
      {error && <p className="text-xs font-medium text-red-600 dark:text-red-400">{error}</p>}
    </fieldset>
  );
}

export function BranchFields({ form }: FieldsProps) {
  return (
    <div className="space-y-2">
      <p className="text-xs text-zinc-500 dark:text-zinc-400">Leads that match go down the “yes” path; the others down “no”.</p>
      <Controller control={form.control} name="conditions" render={({ field }) => <ConditionGroupEditor label="Branch conditions" value={field.value as ConditionGroup} onChange={field.onChange} />} />
    </div>
  );
}

export function EnrichFields() {
  return <p className="text-sm text-zinc-500 dark:text-zinc-400">Looks up the lead's phone, email and property data with the org's enrichment settings. Nothing to set.</p>;
}
