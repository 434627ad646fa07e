import { zodResolver } from "@hookform/resolvers/zod";
import { useForm, type Path } from "react-hook-form";
import type { z } from "zod";
import { createLeadRequestSchema } from "@/domain/leads";
import { applyServerErrors } from "@/lib/serverErrors";
import { Button } from "@/ui/Button";
import { DialogClose } from "@/ui/Dialog";
import { Field, FormError } from "@/ui/Field";
import { Input, Select, Textarea } from "@/ui/Input";
import { createLead, type CreateLeadResult } from "./leadsApi";
import { LEAD_STATUS_OPTIONS } from "./leadStatus";

type LeadFormValues = z.input<typeof createLeadRequestSchema>;
type LeadFormOutput = z.output<typeof createLeadRequestSchema>;

const emptyLead: LeadFormValues = {
  firstName: "",
  lastName: "",
  email: "",
  phone: "",
  source: "",
  status: "new",
  notes: "",
  address: { street: "", city: "", state: "", zip: "" },
};

const FORM_FIELDS: readonly Path<LeadFormValues>[] = [
  "firstName",
  "lastName",
  "email",
  "phone",
  "source",
  "status",
  "notes",
  "address.street",
  "address.city",
  "address.state",
  "address.zip",
];

/** The fields of a new lead, validated with the API's own schema; hands back the created (or merged-into) lead. */
export function AddLeadForm({ onCreated }: { onCreated: (result: CreateLeadResult) => void }) {
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<LeadFormValues, unknown, LeadFormOutput>({
    resolver: zodResolver(createLeadRequestSchema),
    defaultValues: emptyLead,
  });

  const onSubmit = handleSubmit(async (body) => {
    try {
      onCreated(await createLead(body));
    } catch (error) {
      applyServerErrors(error, setError, FORM_FIELDS);
    }
  });

  const text = (name: Path<LeadFormValues>, label: string, props: Parameters<typeof Input>[0] = {}, className?: string) => {
    const error = name.split(".").reduce<unknown>((e, key) => (e as Record<string, unknown> | undefined)?.[key], errors) as
      | { message?: string }
      | undefined;
    return (
      <Field label={label} error={error?.message} className={className}>
        {(control) => <Input {...control} {...props} {...register(name)} />}
      </Field>
    );
  };

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <FormError message={errors.root?.server?.message} />
      <div className="grid gap-4 sm:grid-cols-2">
        {text("firstName", "First name", { autoComplete: "off" })}
        {text("lastName", "Last name", { autoComplete: "off" })}
        {text("email", "Email", { type: "email", autoComplete: "off" })}
        {text("phone", "Phone", { type: "tel", autoComplete: "off" })}
      </div>
      {text("address.street", "Street", { autoComplete: "off" })}
      <div className="grid gap-4 sm:grid-cols-[1fr_5rem_7rem]">
        {text("address.city", "City", { autoComplete: "off" })}
        {text("address.state", "State", { maxLength: 2, placeholder: "TX", autoComplete: "off" })}
        {text("address.zip", "ZIP", { inputMode: "numeric", placeholder: "78701", autoComplete: "off" })}
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        {text("source", "Source", { placeholder: "Direct mail, referral…" })}
        <Field label="Status" error={errors.status?.message}>
          {(control) => (
            <Select {...control} {...register("status")}>
              {LEAD_STATUS_OPTIONS.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </Select>
          )}
        </Field>
      </div>
      <Field label="Notes" error={errors.notes?.message}>
        {(control) => <Textarea {...control} {...register("notes")} />}
      </Field>
      <div className="flex justify-end gap-2 pt-2">
        <DialogClose asChild>
          <Button variant="secondary">Cancel</Button>
        </DialogClose>
        <Button type="submit" loading={isSubmitting}>
          Save lead
        </Button>
      </div>
    </form>
  );
}
