import { zodResolver } from "@hookform/resolvers/zod";
import { useForm, useWatch } from "react-hook-form";
import { z } from "zod";
import { realizedReturnOf, recordExitRequestSchema, type OpportunityDetail, type RecordExitRequest } from "@/domain/pipeline";
import { applyServerErrors } from "@/lib/serverErrors";
import { Button } from "@/ui/Button";
import { Card, CardBody, CardHeader } from "@/ui/Card";
import { Field, FormError } from "@/ui/Field";
import { Input } from "@/ui/Input";
import { money, signedPercent as percent } from "./format";

const api = recordExitRequestSchema.shape;
const amount = (v: string) => Number(v.replace(/[$,\s]/g, ""));
const amountText = (rule: z.ZodType) =>
  z.string().trim().min(1, { error: "is required" }).superRefine((v, ctx) => {
    const result = rule.safeParse(amount(v));
    if (!result.success) ctx.addIssue({ code: "custom", message: result.error.issues[0]?.message ?? "is not valid" });
  });

/** The form as typed, each field checked with the API's own rule (recordExitRequestSchema). */
const exitFormSchema = z.object({
  exitedOn: z.string().refine((v) => api.exitedOn.safeParse(v).success, { error: "must be a date (YYYY-MM-DD)" }),
  totalCost: amountText(api.totalCost),
  proceeds: amountText(api.proceeds),
});
type ExitForm = z.infer<typeof exitFormSchema>;
const FIELDS = ["exitedOn", "totalCost", "proceeds"] as const;

/**
 * What a won deal really returned: exit date, total cost and proceeds → the realized return. Shown on won deals
 * only; recording again corrects it. The expected-return model learns from these.
 */
export function ExitCard({ deal, onRecord }: { deal: OpportunityDetail; onRecord: (exit: RecordExitRequest) => Promise<void> }) {
  const { register, handleSubmit, setError, control, formState: { errors, isSubmitting, isDirty } } = useForm<ExitForm>({
    resolver: zodResolver(exitFormSchema),
    values: deal.exit
      ? { exitedOn: deal.exit.exitedOn, totalCost: String(deal.exit.totalCost), proceeds: String(deal.exit.proceeds) }
      : { exitedOn: "", totalCost: "", proceeds: "" },
  });
  const [cost, proceeds] = useWatch({ control, name: ["totalCost", "proceeds"] });
  const preview = amount(cost) > 0 && proceeds.trim() !== "" && amount(proceeds) >= 0 ? realizedReturnOf({ totalCost: amount(cost), proceeds: amount(proceeds) }) : null;
  const submit = handleSubmit(async (v) => {
    try {
      await onRecord({ exitedOn: v.exitedOn, totalCost: amount(v.totalCost), proceeds: amount(v.proceeds) });
    } catch (error) {
      applyServerErrors(error, setError, FIELDS);
    }
  });
  return (
    <Card>
      <CardHeader>
        <h2 className="font-medium">Exit</h2>
      </CardHeader>
      <CardBody className="space-y-3 text-sm">
        {deal.exit ? (
          <p aria-label="Realized return">
            Returned <strong className={deal.exit.realizedReturn >= 0 ? "text-emerald-700 dark:text-emerald-400" : "text-red-600 dark:text-red-400"}>{percent(deal.exit.realizedReturn)}</strong>{" "}
            ({money(deal.exit.proceeds - deal.exit.totalCost)} on {money(deal.exit.totalCost)}), exited {deal.exit.exitedOn}.
          </p>
        ) : (
          <p className="text-zinc-500">Record what this deal returned when it sells or is refinanced — the expected-return forecasts learn from it.</p>
        )}
        <form onSubmit={submit} noValidate aria-label="Record the exit" className="space-y-3">
          <FormError message={errors.root?.server?.message} />
          <div className="grid grid-cols-2 gap-3">
            <Field label="Exited on" error={errors.exitedOn?.message} className="col-span-2">{(c) => <Input {...c} type="date" {...register("exitedOn")} />}</Field>
            <Field label="Total cost ($)" error={errors.totalCost?.message} hint="Purchase, repairs, holding, closing">
              {(c) => <Input {...c} inputMode="decimal" {...register("totalCost")} />}
            </Field>
            <Field label="Proceeds ($)" error={errors.proceeds?.message}>{(c) => <Input {...c} inputMode="decimal" {...register("proceeds")} />}</Field>
          </div>
          <div className="flex items-center gap-3">
            <Button type="submit" size="sm" loading={isSubmitting} disabled={!isDirty}>{deal.exit ? "Correct the exit" : "Record the exit"}</Button>
            {preview !== null && isDirty && <span className="text-zinc-500">Realized return {percent(preview)}</span>}
          </div>
        </form>
      </CardBody>
    </Card>
  );
}
