import { zodResolver } from "@hookform/resolvers/zod";
import { UserPlus } from "lucide-react";
import { useForm } from "react-hook-form";
import { addMemberRequestSchema, type AddMemberRequest } from "@/domain/orgs";
import { errorMessage, isApiError } from "@/lib/apiError";
import { Button } from "@/ui/Button";
import { Field } from "@/ui/Field";
import { Input, Select } from "@/ui/Input";
import { toast } from "@/ui/toastStore";
import { ROLE_OPTIONS } from "./roleLabels";

/** Adds an existing user to the active org by email, with a role. */
export function AddMemberForm({ onAdd }: { onAdd: (request: AddMemberRequest) => Promise<unknown> }) {
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm({
    resolver: zodResolver(addMemberRequestSchema),
    defaultValues: { email: "", role: "agent" as const },
  });

  const onSubmit = handleSubmit(async (values) => {
    try {
      await onAdd(values);
      toast({ title: "Member added", description: values.email, variant: "success" });
      reset();
    } catch (error) {
      const fields = isApiError(error) ? error.fields : undefined;
      if (fields?.email || fields?.role) {
        if (fields.email) setError("email", { type: "server", message: fields.email });
        if (fields.role) setError("role", { type: "server", message: fields.role });
        return;
      }
      toast({ title: "Couldn't add member", description: errorMessage(error), variant: "error" });
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-4 sm:grid-cols-[1fr_10rem_auto] sm:items-start">
      <Field label="Email" error={errors.email?.message}>
        {(control) => <Input {...control} type="email" placeholder="teammate@firm.com" {...register("email")} />}
      </Field>
      <Field label="Role" error={errors.role?.message}>
        {(control) => (
          <Select {...control} {...register("role")}>
            {ROLE_OPTIONS.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Button type="submit" loading={isSubmitting} className="sm:mt-6">
        <UserPlus className="size-4" aria-hidden="true" />
        Add member
      </Button>
    </form>
  );
}
