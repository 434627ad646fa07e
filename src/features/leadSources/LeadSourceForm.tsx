import { zodResolver } from "@hookform/resolvers/zod";
import { useForm, useWatch, type Path } from "react-hook-form";
import { applyServerErrors } from "@/lib/serverErrors";
import { Button } from "@/ui/Button";
import { DialogClose } from "@/ui/Dialog";
import { Field, FormError } from "@/ui/Field";
import { Input, Select } from "@/ui/Input";
import { LEAD_SOURCE_TYPE_HINTS, LEAD_SOURCE_TYPE_OPTIONS } from "./labels";
import {
  leadSourceFormSchema,
  newLeadSourceValues,
  type LeadSourceFormValues,
  type LeadSourceRequestBody,
} from "./leadSourceFormSchema";
import { MappingRowsEditor } from "./MappingRowsEditor";

const FORM_FIELDS: readonly Path<LeadSourceFormValues>[] = ["name", "type", "rateLimitPerMinute"];

/** Name, type, custom mapping and rate limit of a lead source, validated with the API's own rules. */
export function LeadSourceForm({
  defaultValues = newLeadSourceValues,
  submitLabel,
  onSubmit,
}: {
  defaultValues?: LeadSourceFormValues;
  submitLabel: string;
  /** Saves the body; a thrown ApiError is shown on the form. */
  onSubmit: (body: LeadSourceRequestBody) => Promise<void>;
}) {
  const {
    register,
    control,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<LeadSourceFormValues, unknown, LeadSourceRequestBody>({
    resolver: zodResolver(leadSourceFormSchema),
    defaultValues,
  });
  const type = useWatch({ control, name: "type" });

  const submit = handleSubmit(async (body) => {
    try {
      await onSubmit(body);
    } catch (error) {
      applyServerErrors(error, setError, FORM_FIELDS);
    }
  });

  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <FormError message={errors.root?.server?.message} />
      <Field label="Name" error={errors.name?.message} hint="Where the leads come from, e.g. “Website form” or “Facebook: spring sellers”.">
        {(control) => <Input {...control} autoComplete="off" {...register("name")} />}
      </Field>
      <Field label="Type" error={errors.type?.message} hint={LEAD_SOURCE_TYPE_HINTS[type] ?? undefined}>
        {(control) => (
          <Select {...control} {...register("type")}>
            {LEAD_SOURCE_TYPE_OPTIONS.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </Select>
        )}
      </Field>
      {type === "custom" && <MappingRowsEditor control={control} register={register} errors={errors} />}
      <Field
        label="Rate limit per minute"
        error={errors.rateLimitPerMinute?.message}
        hint="Deliveries beyond this in a minute are refused with 429, and the sender retries."
        className="sm:max-w-64"
      >
        {(control) => <Input {...control} type="number" inputMode="numeric" min={1} max={100000} step={1} {...register("rateLimitPerMinute")} />}
      </Field>
      <div className="flex justify-end gap-2 pt-2">
        <DialogClose asChild>
          <Button variant="secondary">Cancel</Button>
        </DialogClose>
        <Button type="submit" loading={isSubmitting}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
