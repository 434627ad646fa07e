import { Controller, useWatch } from "react-hook-form";
import { TRIGGER_EVENTS, TRIGGER_LABELS, WATCHED_LEAD_FIELDS, type ConditionGroup } from "@/domain/workflows";
import { Field } from "@/ui/Field";
import { Input, Select } from "@/ui/Input";
import { ConditionGroupEditor, newRule } from "./ConditionGroupEditor";
import { errorOf, type FieldsProps } from "./formKit";

/** What starts the workflow, the event's own settings, and optional conditions a subject must meet to enter. */
export function TriggerFields({ form, lookups }: FieldsProps) {
  const { register, control, setValue } = form;
  const event = useWatch({ control, name: "event" }) as string;
  const conditions = useWatch({ control, name: "conditions" }) as ConditionGroup | undefined;
  return (
    <div className="space-y-4">
      <Field label="When" error={errorOf(form, "event")}>
        {(c) => (
          <Select {...c} {...register("event")}>
            {TRIGGER_EVENTS.map((e) => <option key={e} value={e}>{TRIGGER_LABELS[e]}</option>)}
          </Select>
        )}
      </Field>
      {event === "lead.field_changed" && (
        <>
          <Field label="Field" error={errorOf(form, "field")}>
            {(c) => (
              <Select {...c} {...register("field")}>
                <option value="">Choose…</option>
                {WATCHED_LEAD_FIELDS.map((f) => <option key={f} value={f}>{f}</option>)}
              </Select>
            )}
          </Field>
          <div className="grid grid-cols-2 gap-2">
            <Field label="From" hint="Any when empty" error={errorOf(form, "from")}>{(c) => <Input {...c} {...register("from")} />}</Field>
            <Field label="To" hint="Any when empty" error={errorOf(form, "to")}>{(c) => <Input {...c} {...register("to")} />}</Field>
          </div>
        </>
      )}
      {event === "opportunity.stage_changed" && (
        <Field label="Into stage" error={errorOf(form, "toStageId")}>
          {(c) => (
            <Select {...c} {...register("toStageId")}>
              <option value="">Any stage</option>
              {lookups.stages.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
            </Select>
          )}
        </Field>
      )}
      {event === "schedule" && (
        <Field label="Schedule (cron)" hint="Five fields in the org's time zone: 0 9 * * 1 is Mondays at 9am." error={errorOf(form, "cron")}>
          {(c) => <Input {...c} className="font-mono" placeholder="0 9 * * 1" {...register("cron")} />}
        </Field>
      )}
      {event === "webhook" && (
        <p className="rounded-md bg-zinc-100 p-2 text-xs break-all text-zinc-600 dark:bg-zinc-800 dark:text-zinc-300">
          {lookups.webhook ? <>POST JSON to <span className="font-mono">{lookups.webhook.url}</span>, signed with the workflow's secret.</> : "The address to POST to appears here once the workflow is saved."}
        </p>
      )}
      {event === "manual" && <p className="text-xs text-zinc-500 dark:text-zinc-400">Run it from the leads list: select leads, then “Run workflow…”.</p>}
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          checked={conditions !== undefined}
          onChange={(e) => setValue("conditions", e.target.checked ? { op: "and", rules: [newRule()] } : undefined, { shouldDirty: true })}
        />
        Only when conditions match
      </label>
      {conditions !== undefined && (
        <Controller control={control} name="conditions" render={({ field }) => <ConditionGroupEditor label="Trigger conditions" value={field.value as ConditionGroup} onChange={field.onChange} />} />
      )}
    </div>
  );
}
