import { zodResolver } from "@hookform/resolvers/zod";
import { useId, type ReactNode } from "react";
import { Controller, useForm, type FieldError } from "react-hook-form";
import { applyServerErrors } from "@/lib/serverErrors";
import { Button } from "@/ui/Button";
import { Field, FormError } from "@/ui/Field";
import { Input, Select } from "@/ui/Input";
import { ChipInput, parseCity, parseState, parseZip } from "./ChipInput";
import { ACCREDITATION_OPTIONS, LEVERAGE_OPTIONS, PROPERTY_TYPE_OPTIONS } from "./format";
import { INVESTOR_FORM_FIELDS, investorFormSchema, type InvestorFormValues, type InvestorRequest } from "./investorFormSchema";

/** The first message of a field's error, including one about an item of a list (zips[2]). */
function messageOf(error: unknown): string | undefined {
  if (!error || typeof error !== "object") return undefined;
  const e = error as FieldError & Record<string, unknown>;
  if (typeof e.message === "string" && e.message) return e.message;
  if (Array.isArray(error)) for (const item of error) if (messageOf(item)) return messageOf(item);
  if (e.root) return messageOf(e.root);
  return undefined;
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="space-y-4">
      <legend className="mb-3 text-xs font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400">{title}</legend>
      {children}
    </fieldset>
  );
}

export interface InvestorFormProps {
  label: string;
  defaultValues: InvestorFormValues;
  submitLabel: string;
  /** Saves the checked body; throw an ApiError to have its field errors shown on the form. */
  onSubmit: (body: InvestorRequest) => Promise<void>;
  cancel: ReactNode;
}

/**
 * An investor's contact, capital and preferences, validated with the API's own schema. Money is typed in dollars,
 * the target return as a percentage (sent as a fraction), markets as chips.
 */
export function InvestorForm({ label, defaultValues, submitLabel, onSubmit, cancel }: InvestorFormProps) {
  const {
    register,
    control,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<InvestorFormValues, unknown, InvestorRequest>({ resolver: zodResolver(investorFormSchema), defaultValues });
  const typesLegend = useId();

  const submit = handleSubmit(async (body) => {
    try {
      await onSubmit(body);
    } catch (error) {
      applyServerErrors(error, setError, INVESTOR_FORM_FIELDS);
    }
  });

  const text = (name: keyof InvestorFormValues, fieldLabel: string, props: Parameters<typeof Input>[0] = {}, hint?: string) => (
    <Field label={fieldLabel} error={messageOf(errors[name])} hint={hint}>
      {(c) => <Input {...c} autoComplete="off" {...props} {...register(name)} />}
    </Field>
  );
  const money = (name: keyof InvestorFormValues, fieldLabel: string) => text(name, fieldLabel, { inputMode: "decimal", placeholder: "$" });

  return (
    <form onSubmit={submit} noValidate aria-label={label} className="space-y-6">
      <FormError message={errors.root?.server?.message} />
      <Section title="Contact">
        <div className="grid gap-4 sm:grid-cols-2">
          {text("firstName", "First name")}
          {text("lastName", "Last name")}
          {text("company", "Company")}
          <Field label="Accreditation" error={messageOf(errors.accreditationStatus)}>
            {(c) => (
              <Select {...c} {...register("accreditationStatus")}>
                {ACCREDITATION_OPTIONS.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          {text("email", "Email", { type: "email" })}
          {text("phone", "Phone", { type: "tel" })}
        </div>
      </Section>

      <Section title="Capital">
        <div className="grid gap-4 sm:grid-cols-2">
          {money("minInvestment", "Minimum investment")}
          {money("maxInvestment", "Maximum investment")}
          {money("capitalCommitted", "Capital committed")}
          {money("capitalAvailable", "Capital available")}
        </div>
      </Section>

      <Section title="Preferences">
        <div role="group" aria-labelledby={typesLegend} className="space-y-2">
          <p id={typesLegend} className="text-sm font-medium text-zinc-700 dark:text-zinc-300">
            Property types <span className="font-normal text-zinc-500">(none = any)</span>
          </p>
          <Controller
            control={control}
            name="propertyTypes"
            render={({ field }) => (
              <div className="flex flex-wrap gap-x-4 gap-y-2">
                {PROPERTY_TYPE_OPTIONS.map((o) => (
                  <label key={o.value} className="inline-flex items-center gap-2 text-sm">
                    <input
                      type="checkbox"
                      className="size-4 rounded border-zinc-300 accent-accent-600"
                      checked={field.value.includes(o.value)}
                      onChange={(e) =>
                        field.onChange(
                          e.target.checked
                            ? PROPERTY_TYPE_OPTIONS.map((p) => p.value).filter((v) => v === o.value || field.value.includes(v))
                            : field.value.filter((v) => v !== o.value),
                        )
                      }
                    />
                    {o.label}
                  </label>
                ))}
              </div>
            )}
          />
          {messageOf(errors.propertyTypes) && <p className="text-xs font-medium text-red-600">{messageOf(errors.propertyTypes)}</p>}
        </div>

        <div className="grid gap-4 sm:grid-cols-3">
          <Controller
            control={control}
            name="states"
            render={({ field }) => (
              <ChipInput label="States" value={field.value} onChange={field.onChange} parse={parseState} placeholder="TX" maxLength={2} hint="Two-letter codes" error={messageOf(errors.states)} />
            )}
          />
          <Controller
            control={control}
            name="cities"
            render={({ field }) => (
              <ChipInput label="Cities" value={field.value} onChange={field.onChange} parse={parseCity} commaSeparates={false} placeholder="Austin, TX" hint="Press Enter after each" error={messageOf(errors.cities)} />
            )}
          />
          <Controller
            control={control}
            name="zips"
            render={({ field }) => (
              <ChipInput label="ZIP codes" value={field.value} onChange={field.onChange} parse={parseZip} placeholder="78704" inputMode="numeric" maxLength={5} hint="5 digits" error={messageOf(errors.zips)} />
            )}
          />
        </div>
        <p className="-mt-2 text-xs text-zinc-500 dark:text-zinc-400">No markets means anywhere.</p>

        <div className="grid gap-4 sm:grid-cols-2">
          {text("targetReturn", "Target return (%)", { inputMode: "decimal", placeholder: "12" }, "Yearly, e.g. 12 for 12%")}
          <Field label="Risk tolerance" error={messageOf(errors.riskTolerance)}>
            {(c) => (
              <Select {...c} {...register("riskTolerance")}>
                <option value="">Not set</option>
                {Array.from({ length: 10 }, (_, i) => i + 1).map((n) => (
                  <option key={n} value={String(n)}>
                    {n === 1 ? "1 — cautious" : n === 10 ? "10 — anything goes" : String(n)}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          {text("holdPeriodMonths", "Hold period (months)", { inputMode: "numeric", placeholder: "60" })}
          <Field label="Leverage" error={messageOf(errors.leveragePreference)}>
            {(c) => (
              <Select {...c} {...register("leveragePreference")}>
                <option value="">Not set</option>
                {LEVERAGE_OPTIONS.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </Select>
            )}
          </Field>
        </div>
      </Section>

      <div className="flex justify-end gap-2 border-t border-zinc-200 pt-4 dark:border-zinc-800">
        {cancel}
        <Button type="submit" loading={isSubmitting}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
