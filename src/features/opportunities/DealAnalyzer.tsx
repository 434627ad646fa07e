import { zodResolver } from "@hookform/resolvers/zod";
import { Plus, Trash2 } from "lucide-react";
import { useMemo, type ReactNode } from "react";
import type { z } from "zod";
import { get, useFieldArray, useForm, useWatch, type Control, type FieldErrors, type Resolver, type UseFormRegister } from "react-hook-form";
import { analyzeDeal, type DealAnalysis, type DealAnalysisInput } from "@/domain/dealAnalyzer";
import type { OpportunityDetail } from "@/domain/pipeline";
import { errorMessage } from "@/lib/apiError";
import { Button } from "@/ui/Button";
import { Card, CardBody, CardHeader } from "@/ui/Card";
import { Field, FormError } from "@/ui/Field";
import { Input } from "@/ui/Input";
import { AnalyzerResults } from "./AnalyzerResults";
import { analyzerFormSchema, toFormValues, type AnalyzerFormValues } from "./analyzerForm";

type Path = Parameters<UseFormRegister<AnalyzerFormValues>>[0];

interface NumberInputProps {
  label: string;
  name: Path;
  register: UseFormRegister<AnalyzerFormValues>;
  errors: FieldErrors<AnalyzerFormValues>;
  unit?: "$" | "%" | "mo" | "yr";
  hint?: string;
}

/** A labelled number box: "$" before money, "%" after a percentage (typed as 7 for 7%). */
function NumberInput({ label, name, register, errors, unit, hint }: NumberInputProps) {
  const error = (get(errors, name) as { message?: string } | undefined)?.message;
  return (
    <Field label={unit === "%" ? `${label} (%)` : label} error={error} hint={hint}>
      {(c) => (
        <div className="relative">
          {unit === "$" && <span aria-hidden="true" className="pointer-events-none absolute inset-y-0 left-2.5 flex items-center text-sm text-zinc-400">$</span>}
          <Input {...c} {...register(name)} inputMode="decimal" autoComplete="off" className={unit === "$" ? "pl-6" : unit ? "pr-8" : undefined} />
          {unit && unit !== "$" && <span aria-hidden="true" className="pointer-events-none absolute inset-y-0 right-2.5 flex items-center text-sm text-zinc-400">{unit === "%" ? "%" : unit}</span>}
        </div>
      )}
    </Field>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="space-y-3">
      <legend className="mb-2 text-sm font-semibold">{title}</legend>
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-3">{children}</div>
    </fieldset>
  );
}

/** The figures, recomputed as the form changes, but only from inputs that pass the analyzer's schema. */
function useLiveAnalysis(control: Control<AnalyzerFormValues, unknown, DealAnalysisInput>): { analysis: DealAnalysis; input: DealAnalysisInput } | null {
  const values = useWatch({ control }) as AnalyzerFormValues;
  return useMemo(() => {
    const parsed = analyzerFormSchema.safeParse(values);
    if (!parsed.success) return null;
    try {
      return { analysis: analyzeDeal(parsed.data), input: parsed.data };
    } catch {
      return null;
    }
  }, [values]);
}

/**
 * The deal analyzer: purchase, repairs (line items), financing (or all cash), operating, holding, projection and
 * offer inputs; the results recompute live; Save stores the inputs on the deal (PATCH with its version).
 */
export function DealAnalyzer({ deal, onSave }: { deal: OpportunityDetail; onSave: (analysis: DealAnalysisInput) => Promise<void> }) {
  const defaultValues = useMemo(() => toFormValues(deal.analysis, { purchasePrice: deal.value }), [deal.analysis, deal.value]);
  const { register, control, handleSubmit, setError, formState: { errors, isSubmitting, isDirty } } = useForm<AnalyzerFormValues, unknown, DealAnalysisInput>({
    resolver: zodResolver(analyzerFormSchema as unknown as z.ZodType<DealAnalysisInput, AnalyzerFormValues>) as Resolver<AnalyzerFormValues, unknown, DealAnalysisInput>,
    defaultValues,
    mode: "onChange",
  });
  const repairs = useFieldArray({ control, name: "repairs.items" });
  const live = useLiveAnalysis(control);
  const allCash = useWatch({ control, name: "allCash" });
  const n = { register, errors };

  const onSubmit = handleSubmit(async (analysis) => {
    try {
      await onSave(analysis);
    } catch (error) {
      setError("root.server", { message: errorMessage(error) });
    }
  });

  return (
    <Card>
      <CardHeader className="flex items-center justify-between gap-3">
        <h2 className="font-medium">Deal analyzer</h2>
        <span className="text-xs text-zinc-500">{deal.analysis ? "Saved inputs" : "Not saved yet"}</span>
      </CardHeader>
      <CardBody>
        <form onSubmit={onSubmit} noValidate aria-label="Deal analyzer" className="grid gap-8 xl:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
          <div className="space-y-6">
            <FormError message={errors.root?.server?.message} />
            <Section title="Purchase">
              <NumberInput label="Purchase price" name="purchase.purchasePrice" unit="$" {...n} />
              <NumberInput label="ARV" name="purchase.arv" unit="$" hint="After-repair value" {...n} />
              <NumberInput label="Closing costs" name="purchase.closingCostRate" unit="%" hint="Of the price" {...n} />
              <NumberInput label="Closing costs, fixed" name="purchase.closingCostFixed" unit="$" {...n} />
            </Section>

            <fieldset className="space-y-3">
              <legend className="mb-2 text-sm font-semibold">Repairs</legend>
              <ul className="space-y-2" aria-label="Repair items">
                {repairs.fields.map((field, index) => (
                  <li key={field.id} className="grid grid-cols-[minmax(0,1fr)_8rem_auto] items-end gap-2">
                    <Field label={`Repair ${index + 1}`} error={errors.repairs?.items?.[index]?.label?.message}>
                      {(c) => <Input {...c} {...register(`repairs.items.${index}.label`)} placeholder="Roof" />}
                    </Field>
                    <NumberInput label={`Repair ${index + 1} cost`} name={`repairs.items.${index}.cost`} unit="$" {...n} />
                    <Button variant="ghost" size="sm" aria-label={`Remove repair ${index + 1}`} onClick={() => repairs.remove(index)} className="mb-0.5">
                      <Trash2 className="size-4" aria-hidden="true" />
                    </Button>
                  </li>
                ))}
              </ul>
              <div className="grid grid-cols-2 items-end gap-3 sm:grid-cols-3">
                <Button variant="secondary" size="sm" onClick={() => repairs.append({ label: "", cost: "" })} className="mb-0.5 justify-self-start">
                  <Plus className="size-4" aria-hidden="true" />
                  Add repair
                </Button>
                <NumberInput label="Contingency" name="repairs.contingencyRate" unit="%" {...n} />
              </div>
            </fieldset>

            <fieldset className="space-y-3">
              <legend className="mb-2 text-sm font-semibold">Financing</legend>
              <label className="flex items-center gap-2 text-sm">
                <input type="checkbox" className="size-4" {...register("allCash")} />
                All cash (no loan)
              </label>
              {!allCash && (
                <div className="grid grid-cols-2 gap-3 sm:grid-cols-3">
                  <NumberInput label="Loan to value" name="financing.loanToValue" unit="%" {...n} />
                  <NumberInput label="Interest rate" name="financing.annualRate" unit="%" {...n} />
                  <NumberInput label="Amortisation" name="financing.amortizationYears" unit="yr" {...n} />
                  <NumberInput label="Points" name="financing.pointsRate" unit="%" {...n} />
                  <label className="flex items-center gap-2 self-end pb-2 text-sm">
                    <input type="checkbox" className="size-4" {...register("financing.interestOnly")} />
                    Interest only
                  </label>
                </div>
              )}
            </fieldset>

            <Section title="Operating">
              <NumberInput label="Monthly rent" name="operating.monthlyRent" unit="$" {...n} />
              <NumberInput label="Other monthly income" name="operating.otherMonthlyIncome" unit="$" {...n} />
              <NumberInput label="Vacancy" name="operating.vacancyRate" unit="%" {...n} />
              <NumberInput label="Management" name="operating.managementRate" unit="%" {...n} />
              <NumberInput label="Maintenance" name="operating.maintenanceRate" unit="%" {...n} />
              <NumberInput label="CapEx reserve" name="operating.capexRate" unit="%" {...n} />
              <NumberInput label="Property taxes / yr" name="operating.annualPropertyTaxes" unit="$" {...n} />
              <NumberInput label="Insurance / yr" name="operating.annualInsurance" unit="$" {...n} />
              <NumberInput label="HOA / mo" name="operating.monthlyHoa" unit="$" {...n} />
              <NumberInput label="Utilities / mo" name="operating.monthlyUtilities" unit="$" {...n} />
              <NumberInput label="Other expenses / yr" name="operating.annualOtherExpenses" unit="$" {...n} />
            </Section>

            <Section title="Holding (during rehab)">
              <NumberInput label="Holding months" name="holding.months" unit="mo" {...n} />
              <NumberInput label="Taxes / mo" name="holding.monthlyTaxes" unit="$" {...n} />
              <NumberInput label="Insurance / mo" name="holding.monthlyInsurance" unit="$" {...n} />
              <NumberInput label="Holding utilities / mo" name="holding.monthlyUtilities" unit="$" {...n} />
              <NumberInput label="Other holding / mo" name="holding.monthlyOther" unit="$" {...n} />
            </Section>

            <Section title="Projection">
              <NumberInput label="Hold period" name="projection.holdYears" unit="yr" {...n} />
              <NumberInput label="Rent growth" name="projection.rentGrowthRate" unit="%" hint="Per year" {...n} />
              <NumberInput label="Expense growth" name="projection.expenseGrowthRate" unit="%" hint="Per year" {...n} />
              <NumberInput label="Exit cap rate" name="projection.exitCapRate" unit="%" {...n} />
              <NumberInput label="Selling costs" name="projection.sellingCostRate" unit="%" hint="Of the sale price" {...n} />
              <NumberInput label="Discount rate" name="projection.discountRate" unit="%" hint="For NPV (optional)" {...n} />
            </Section>

            <Section title="Offer">
              <NumberInput label="MAO percentage" name="offer.maoPercent" unit="%" hint="70 is the 70% rule" {...n} />
              <NumberInput label="Wholesale fee" name="offer.wholesaleFee" unit="$" {...n} />
            </Section>

            <div className="flex items-center gap-3">
              <Button type="submit" loading={isSubmitting} disabled={!isDirty && deal.analysis !== null}>Save analysis</Button>
              {!live && Object.keys(errors).length > 0 && <p className="text-sm text-amber-700 dark:text-amber-400" role="status">Fix the highlighted inputs to update the figures.</p>}
            </div>
          </div>
          <div className="xl:sticky xl:top-6 xl:self-start">
            {live ? (
              <AnalyzerResults analysis={live.analysis} input={live.input} />
            ) : (
              <p className="text-sm text-zinc-500">Enter a purchase price, monthly rent, a hold period and an exit cap rate to see the figures.</p>
            )}
          </div>
        </form>
      </CardBody>
    </Card>
  );
}
