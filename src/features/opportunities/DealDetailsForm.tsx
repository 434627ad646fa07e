import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import { z } from "zod";
import type { Member } from "@/domain/orgs";
import { updateOpportunityRequestSchema, type OpportunityDetail, type UpdateOpportunityRequest } from "@/domain/pipeline";
import { applyServerErrors } from "@/lib/serverErrors";
import { Button } from "@/ui/Button";
import { Field, FormError } from "@/ui/Field";
import { Input, Select } from "@/ui/Input";

const api = updateOpportunityRequestSchema.shape;
const numberText = (rule: z.ZodType) =>
  z.string().trim().superRefine((v, ctx) => {
    if (v === "") return;
    const result = rule.safeParse(Number(v.replace(/[$,\s]/g, "")));
    if (!result.success) ctx.addIssue({ code: "custom", message: result.error.issues[0]?.message ?? "is not valid" });
  });

/** The header's fields as typed; each checked with the API's own rule (updateOpportunityRequestSchema). */
const detailsSchema = z.object({
  title: z.string().trim().min(1, { error: "is required" }).max(200, { error: "must be at most 200 characters" }),
  value: numberText(api.value.unwrap().unwrap()),
  probability: numberText(api.probability.unwrap().unwrap()),
  expectedCloseDate: z.string().refine((v) => v === "" || api.expectedCloseDate.safeParse(v).success, { error: "must be a date (YYYY-MM-DD)" }),
  ownerId: z.string(),
});
type Details = z.infer<typeof detailsSchema>;
const FIELDS = ["title", "value", "probability", "expectedCloseDate", "ownerId"] as const;

const toDetails = (d: OpportunityDetail): Details => ({
  title: d.title,
  value: d.value === null ? "" : String(d.value),
  probability: d.probability === null ? "" : String(d.probability),
  expectedCloseDate: d.expectedCloseDate ?? "",
  ownerId: d.ownerId ?? "",
});

const numberOrNull = (v: string) => (v.trim() === "" ? null : Number(v.replace(/[$,\s]/g, "")));

/** Only what changed, with the version read: the PATCH body. */
export function detailsPatch(deal: OpportunityDetail, v: Details): UpdateOpportunityRequest {
  const patch: UpdateOpportunityRequest = { version: deal.version };
  if (v.title.trim() !== deal.title) patch.title = v.title.trim();
  if (numberOrNull(v.value) !== deal.value) patch.value = numberOrNull(v.value);
  if (numberOrNull(v.probability) !== deal.probability) patch.probability = numberOrNull(v.probability);
  if ((v.expectedCloseDate || null) !== deal.expectedCloseDate) patch.expectedCloseDate = v.expectedCloseDate || null;
  if ((v.ownerId || null) !== deal.ownerId) patch.ownerId = v.ownerId || null;
  return patch;
}

/** Title, value, probability, expected close and owner, edited in place (react-hook-form + the API's zod rules). */
export function DealDetailsForm({ deal, members, onSave }: { deal: OpportunityDetail; members: Member[]; onSave: (patch: UpdateOpportunityRequest) => Promise<void> }) {
  const { register, handleSubmit, setError, formState: { errors, isSubmitting, isDirty } } = useForm<Details>({
    resolver: zodResolver(detailsSchema),
    values: toDetails(deal),
  });
  const submit = handleSubmit(async (values) => {
    const patch = detailsPatch(deal, values);
    if (Object.keys(patch).length === 1) return;
    try {
      await onSave(patch);
    } catch (error) {
      applyServerErrors(error, setError, FIELDS);
    }
  });
  return (
    <form onSubmit={submit} noValidate aria-label="Deal details" className="space-y-3">
      <FormError message={errors.root?.server?.message} />
      <Field label="Title" error={errors.title?.message}>{(c) => <Input {...c} {...register("title")} className="text-base font-medium" />}</Field>
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
        <Field label="Value ($)" error={errors.value?.message}>{(c) => <Input {...c} {...register("value")} inputMode="decimal" />}</Field>
        <Field label="Probability (%)" error={errors.probability?.message} hint={`Empty: the stage's ${deal.stage.probability}%`}>
          {(c) => <Input {...c} {...register("probability")} inputMode="decimal" />}
        </Field>
        <Field label="Expected close" error={errors.expectedCloseDate?.message}>{(c) => <Input {...c} type="date" {...register("expectedCloseDate")} />}</Field>
        <Field label="Owner" error={errors.ownerId?.message}>
          {(c) => (
            <Select {...c} {...register("ownerId")}>
              <option value="">Nobody</option>
              {members.filter((m) => m.role !== "investor").map((m) => <option key={m.userId} value={m.userId}>{m.fullName || m.email}</option>)}
            </Select>
          )}
        </Field>
      </div>
      <Button type="submit" size="sm" loading={isSubmitting} disabled={!isDirty}>Save details</Button>
    </form>
  );
}
