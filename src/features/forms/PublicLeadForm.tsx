import { zodResolver } from "@hookform/resolvers/zod";
import { CircleCheck } from "lucide-react";
import { useEffect, useRef, useState, type ComponentProps } from "react";
import { useForm, type Path } from "react-hook-form";
import type { PublicLeadForm as PublicLeadFormData } from "@/domain/leadForms";
import { isApiError } from "@/lib/apiError";
import { applyServerErrors } from "@/lib/serverErrors";
import { Button } from "@/ui/Button";
import { Field, FormError } from "@/ui/Field";
import { Input, Textarea } from "@/ui/Input";
import { PublicFormError, submitPublicForm } from "./publicFormsApi";
import { emptyPublicForm, NOTES_MAX, publicFormSchema, toSubmission, type PublicFormOutput, type PublicFormValues } from "./publicFormSchema";
import type { UtmParams } from "./utm";

export const SUCCESS_MESSAGE = "Thanks! We'll be in touch shortly.";

const FORM_FIELDS: readonly Path<PublicFormValues>[] = [
  "firstName",
  "lastName",
  "email",
  "phone",
  "address.street",
  "address.city",
  "address.state",
  "address.zip",
  "notes",
  "consent",
];

// Visitors are often on a phone: taller controls, and 16px text so iOS does not zoom into a field.
const control = "h-11 text-base sm:h-10 sm:text-sm";

function waitMessage(seconds: number | null): string {
  if (seconds === null || seconds > 90) return "Too many tries in a short time. Please wait a minute and try again.";
  if (seconds <= 1) return "Too many tries in a short time. Please try again in a moment.";
  return `Too many tries in a short time. Please wait ${seconds} seconds and try again.`;
}

/** Whatever is in the honeypot field of the submitted form (a person leaves it empty). */
function honeypotValue(target: EventTarget | null | undefined): string {
  const field = target instanceof HTMLFormElement ? target.elements.namedItem(HONEYPOT) : null;
  return field instanceof HTMLInputElement ? field.value : "";
}

const HONEYPOT = "website";

/** The visitor-facing capture form: contact details, the property, consent; replaced by a thank-you once sent. */
export function PublicLeadForm({ form, utm, onSent }: { form: PublicLeadFormData; utm: UtmParams; onSent?: () => void }) {
  // When the form was shown: the server refuses posts sent faster than a person could fill it in.
  const [startedAt] = useState(() => Date.now());
  const [sent, setSent] = useState(false);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<PublicFormValues, unknown, PublicFormOutput>({
    resolver: zodResolver(publicFormSchema),
    defaultValues: emptyPublicForm,
  });

  const onSubmit = handleSubmit(async (values, event) => {
    try {
      await submitPublicForm(form.slug, toSubmission(values, { website: honeypotValue(event?.target), startedAt, utm }));
      setSent(true);
      onSent?.();
    } catch (error) {
      if (error instanceof PublicFormError && error.status === 429) {
        setError("root.server", { type: "server", message: waitMessage(error.retryAfterSeconds) });
      } else if (isApiError(error) && error.status === 404) {
        setError("root.server", { type: "server", message: "This form isn't available any more. Please contact us another way." });
      } else if (isApiError(error) && error.code === "too_fast") {
        setError("root.server", { type: "server", message: error.message || "That was quick! Please check the form and send it again." });
      } else {
        applyServerErrors(error, setError, FORM_FIELDS);
      }
    }
  });

  if (sent) return <Sent orgName={form.orgName} />;

  const text = (name: Path<PublicFormValues>, label: string, props: ComponentProps<"input"> = {}, className?: string) => {
    const error = name.split(".").reduce<unknown>((e, key) => (e as Record<string, unknown> | undefined)?.[key], errors) as
      | { message?: string }
      | undefined;
    return (
      <Field label={label} error={error?.message} className={className}>
        {(controlProps) => <Input {...controlProps} {...props} className={control} {...register(name)} />}
      </Field>
    );
  };

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label={form.name}>
      <FormError message={errors.root?.server?.message} />
      <div className="grid grid-cols-2 gap-4">
        {text("firstName", "First name", { autoComplete: "given-name" })}
        {text("lastName", "Last name", { autoComplete: "family-name" })}
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        {text("email", "Email", { type: "email", autoComplete: "email", inputMode: "email" })}
        {text("phone", "Phone", { type: "tel", autoComplete: "tel", inputMode: "tel" })}
      </div>
      {text("address.street", "Property address", { autoComplete: "address-line1", placeholder: "123 Main St" })}
      <div className="grid grid-cols-2 gap-4 sm:grid-cols-[1fr_5rem_7rem]">
        {text("address.city", "City", { autoComplete: "address-level2" }, "col-span-2 sm:col-span-1")}
        {text("address.state", "State", { autoComplete: "address-level1", maxLength: 2, placeholder: "TX" })}
        {text("address.zip", "ZIP", { autoComplete: "postal-code", inputMode: "numeric", maxLength: 10 })}
      </div>
      <Field label="Anything else we should know?" error={errors.notes?.message}>
        {(controlProps) => <Textarea {...controlProps} rows={3} maxLength={NOTES_MAX} className="text-base sm:text-sm" {...register("notes")} />}
      </Field>

      {/* A honeypot: hidden from people and assistive tech; bots that fill every field give themselves away. */}
      <div aria-hidden="true" className="absolute top-auto -left-[10000px] h-px w-px overflow-hidden">
        <label htmlFor="hk-website">Website</label>
        <input id="hk-website" name={HONEYPOT} type="text" tabIndex={-1} autoComplete="off" defaultValue="" />
      </div>

      <label className="flex items-start gap-3 rounded-md border border-zinc-200 bg-zinc-50 p-3 text-xs leading-relaxed text-zinc-600 dark:border-zinc-800 dark:bg-zinc-950/40 dark:text-zinc-400">
        <input
          type="checkbox"
          className="mt-0.5 size-4 shrink-0 rounded border-zinc-300 accent-accent-600"
          aria-invalid={errors.consent ? true : undefined}
          {...register("consent")}
        />
        <span>{form.consentText}</span>
      </label>
      {errors.consent?.message && <p className="text-xs font-medium text-red-600 dark:text-red-400">{errors.consent.message}</p>}

      <Button type="submit" loading={isSubmitting} className="h-12 w-full text-base">
        Get my offer
      </Button>
    </form>
  );
}

function Sent({ orgName }: { orgName: string }) {
  const heading = useRef<HTMLHeadingElement>(null);
  // The form the visitor was in has gone: move focus to the news so screen readers announce it.
  useEffect(() => heading.current?.focus(), []);
  return (
    <div className="flex flex-col items-center gap-3 py-8 text-center">
      <div className="grid size-12 place-items-center rounded-full bg-emerald-50 text-emerald-600 dark:bg-emerald-950/50 dark:text-emerald-400">
        <CircleCheck className="size-6" aria-hidden="true" />
      </div>
      <h2 ref={heading} tabIndex={-1} className="text-xl font-semibold tracking-tight outline-none">
        {SUCCESS_MESSAGE}
      </h2>
      <p className="max-w-sm text-sm text-zinc-600 dark:text-zinc-400">We've passed your details to {orgName}.</p>
    </div>
  );
}
