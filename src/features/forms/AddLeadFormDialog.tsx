import { zodResolver } from "@hookform/resolvers/zod";
import { Plus } from "lucide-react";
import { useState } from "react";
import { useForm, useWatch, type Path } from "react-hook-form";
import type { LeadForm } from "@/domain/leadForms";
import { applyServerErrors } from "@/lib/serverErrors";
import { Button } from "@/ui/Button";
import { Dialog, DialogClose, DialogContent, DialogTrigger } from "@/ui/Dialog";
import { Field, FormError } from "@/ui/Field";
import { Input } from "@/ui/Input";
import { publicFormUrl } from "./embedCode";
import { addLeadFormSchema, newLeadFormValues, slugify, type AddLeadFormBody, type AddLeadFormValues } from "./leadFormSchema";

/** The "Add form" button and its dialog; hands the created form to onCreated. */
export function AddLeadFormDialog({
  onCreate,
  onCreated,
}: {
  onCreate: (body: AddLeadFormBody) => Promise<LeadForm>;
  onCreated: (form: LeadForm) => void;
}) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button>
          <Plus className="size-4" aria-hidden="true" />
          Add form
        </Button>
      </DialogTrigger>
      <DialogContent title="Add form" description="A public page (and embeddable form) where sellers send you their details." className="max-w-lg">
        <AddLeadFormForm
          onSubmit={async (body) => {
            const created = await onCreate(body);
            setOpen(false);
            onCreated(created);
          }}
        />
      </DialogContent>
    </Dialog>
  );
}

const FORM_FIELDS: readonly Path<AddLeadFormValues>[] = ["name", "slug", "headline"];

function AddLeadFormForm({ onSubmit }: { onSubmit: (body: AddLeadFormBody) => Promise<void> }) {
  // The address follows the name until someone types their own.
  const [slugEdited, setSlugEdited] = useState(false);
  const {
    register,
    control,
    handleSubmit,
    setError,
    setValue,
    formState: { errors, isSubmitting, isSubmitted },
  } = useForm<AddLeadFormValues, unknown, AddLeadFormBody>({
    resolver: zodResolver(addLeadFormSchema),
    defaultValues: newLeadFormValues,
  });
  const slug = useWatch({ control, name: "slug" });

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
      <Field label="Name" error={errors.name?.message} hint="For your team, e.g. “Sell your house: spring mailer”.">
        {(c) => (
          <Input
            {...c}
            autoComplete="off"
            {...register("name", {
              onChange: (event: { target: { value: string } }) => {
                if (!slugEdited) setValue("slug", slugify(event.target.value), { shouldValidate: isSubmitted });
              },
            })}
          />
        )}
      </Field>
      <Field
        label="Form address"
        error={errors.slug?.message}
        hint={`${publicFormUrl({ publicPath: `/f/${slug || "your-form"}` })} · lowercase letters, digits and dashes; it can't change later.`}
      >
        {(c) => (
          <Input
            {...c}
            autoComplete="off"
            spellCheck={false}
            className="font-mono"
            {...register("slug", {
              onChange: (event: { target: { value: string } }) => setSlugEdited(event.target.value !== ""),
            })}
          />
        )}
      </Field>
      <Field label="Headline" error={errors.headline?.message} hint="The big line visitors see first. Optional; the name is used without it.">
        {(c) => <Input {...c} autoComplete="off" placeholder="Get a fair cash offer in 24 hours" {...register("headline")} />}
      </Field>
      <div className="flex justify-end gap-2 pt-2">
        <DialogClose asChild>
          <Button variant="secondary">Cancel</Button>
        </DialogClose>
        <Button type="submit" loading={isSubmitting}>
          Create form
        </Button>
      </div>
    </form>
  );
}
