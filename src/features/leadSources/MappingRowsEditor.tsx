import { Plus, Trash2 } from "lucide-react";
import { useFieldArray, useWatch, type Control, type FieldErrors, type UseFormRegister } from "react-hook-form";
import { MAPPING_TARGETS } from "@/domain/leadSources";
import { Button } from "@/ui/Button";
import { Field } from "@/ui/Field";
import { Input, Select } from "@/ui/Input";
import { MAPPING_TARGET_OPTIONS } from "./labels";
import type { LeadSourceFormValues, LeadSourceRequestBody } from "./leadSourceFormSchema";

/** Rows of "lead field ← payload path" for a custom source. */
export function MappingRowsEditor({
  control,
  register,
  errors,
}: {
  control: Control<LeadSourceFormValues, unknown, LeadSourceRequestBody>;
  register: UseFormRegister<LeadSourceFormValues>;
  errors: FieldErrors<LeadSourceFormValues>;
}) {
  const { fields, append, remove } = useFieldArray({ control, name: "mapping" });
  const rows = useWatch({ control, name: "mapping" });

  function addRow() {
    const used = new Set(rows?.map((r) => r.target));
    append({ target: MAPPING_TARGETS.find((t) => !used.has(t)) ?? MAPPING_TARGETS[0], path: "" }, { shouldFocus: false });
  }

  return (
    <fieldset className="space-y-3 rounded-md border border-zinc-200 p-3 dark:border-zinc-800">
      <legend className="px-1 text-sm font-medium text-zinc-700 dark:text-zinc-300">Field mapping</legend>
      <p className="text-xs text-zinc-500 dark:text-zinc-400">
        Where each lead field is in the JSON payload, as a dotted path such as <code>contact.email</code> or <code>phones.0</code>.
        Fields you don't map are matched by common names.
      </p>
      {fields.length === 0 && <p className="text-sm text-zinc-500 dark:text-zinc-400">No mapping rows yet.</p>}
      {fields.map((row, index) => {
        const rowErrors = errors.mapping?.[index];
        return (
          <div key={row.id} className="grid items-start gap-2 sm:grid-cols-[11rem_1fr_auto]">
            <Field label="Lead field" error={rowErrors?.target?.message}>
              {(control) => (
                <Select {...control} {...register(`mapping.${index}.target`)}>
                  {MAPPING_TARGET_OPTIONS.map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
            <Field label="Payload path" error={rowErrors?.path?.message}>
              {(control) => (
                <Input {...control} placeholder="contact.email" autoComplete="off" spellCheck={false} {...register(`mapping.${index}.path`)} />
              )}
            </Field>
            <Button variant="ghost" size="sm" aria-label={`Remove mapping row ${index + 1}`} className="sm:mt-6" onClick={() => remove(index)}>
              <Trash2 className="size-4" aria-hidden="true" />
            </Button>
          </div>
        );
      })}
      <Button variant="secondary" size="sm" onClick={addRow} disabled={fields.length >= MAPPING_TARGETS.length}>
        <Plus className="size-4" aria-hidden="true" />
        Add mapping row
      </Button>
    </fieldset>
  );
}
