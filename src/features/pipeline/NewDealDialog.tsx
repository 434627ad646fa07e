import { zodResolver } from "@hookform/resolvers/zod";
import { Plus } from "lucide-react";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { PROPERTY_TYPES } from "@/domain/matching/types";
import type { Member } from "@/domain/orgs";
import type { CreateOpportunityRequest, OpportunityDetail, PipelineStage } from "@/domain/pipeline";
import { applyServerErrors } from "@/lib/serverErrors";
import { Button } from "@/ui/Button";
import { Dialog, DialogContent, DialogTrigger } from "@/ui/Dialog";
import { Field, FormError } from "@/ui/Field";
import { Input, Select } from "@/ui/Input";
import { toast } from "@/ui/toastStore";
import { propertyTypeLabel } from "./OpportunityCardContent";
import { createOpportunity } from "./pipelineApi";

const optionalNumber = (max: number, message: string) =>
  z.string().trim().refine((v) => v === "" || (Number.isFinite(Number(v)) && Number(v) >= 0 && Number(v) <= max), { error: message });

/** What the form holds (as typed); turned into a CreateOpportunityRequest on submit. */
const newDealSchema = z.object({
  title: z.string().trim().min(1, { error: "is required" }).max(200, { error: "must be at most 200 characters" }),
  stageId: z.string(),
  value: optionalNumber(1e12, "must be a positive amount"),
  probability: optionalNumber(100, "must be 0–100"),
  expectedCloseDate: z.string(),
  ownerId: z.string(),
  city: z.string().trim().max(100),
  state: z.string().trim().refine((v) => v === "" || /^[A-Za-z]{2}$/.test(v), { error: "must be a two-letter state code" }),
  zip: z.string().trim().refine((v) => v === "" || /^\d{5}(-\d{4})?$/.test(v), { error: "must be a 5-digit ZIP code" }),
  propertyType: z.string(),
});
type NewDeal = z.infer<typeof newDealSchema>;

const blank = (v: string) => (v.trim() === "" ? undefined : v.trim());

export function toCreateRequest(v: NewDeal): CreateOpportunityRequest {
  const property = {
    ...(blank(v.city) ? { city: v.city.trim() } : {}),
    ...(blank(v.state) ? { state: v.state.trim().toUpperCase() } : {}),
    ...(blank(v.zip) ? { zip: v.zip.trim() } : {}),
    ...(v.propertyType ? { propertyType: v.propertyType as (typeof PROPERTY_TYPES)[number] } : {}),
  };
  return {
    title: v.title.trim(),
    ...(v.stageId ? { stageId: v.stageId } : {}),
    ...(blank(v.value) ? { value: Number(v.value) } : {}),
    ...(blank(v.probability) ? { probability: Number(v.probability) } : {}),
    ...(v.expectedCloseDate ? { expectedCloseDate: v.expectedCloseDate } : {}),
    ...(v.ownerId ? { ownerId: v.ownerId } : {}),
    ...(Object.keys(property).length > 0 ? { property } : {}),
  };
}

const FORM_FIELDS = ["title", "stageId", "value", "probability", "expectedCloseDate", "ownerId"] as const;

/** "New deal": a deal straight onto the board, in the stage chosen (the first one by default). */
export function NewDealDialog({ stages, members, onCreated }: { stages: readonly PipelineStage[]; members: Member[]; onCreated: (deal: OpportunityDetail) => void }) {
  const [open, setOpen] = useState(false);
  const defaults: NewDeal = { title: "", stageId: "", value: "", probability: "", expectedCloseDate: "", ownerId: "", city: "", state: "", zip: "", propertyType: "" };
  const { register, handleSubmit, reset, setError, formState: { errors, isSubmitting } } = useForm<NewDeal>({ resolver: zodResolver(newDealSchema), defaultValues: defaults });
  const openStages = stages.filter((s) => s.kind === "open");

  const onSubmit = handleSubmit(async (values) => {
    try {
      const deal = await createOpportunity(toCreateRequest(values));
      onCreated(deal);
      toast({ title: "Deal added", description: deal.title, variant: "success" });
      reset(defaults);
      setOpen(false);
    } catch (error) {
      applyServerErrors(error, setError, FORM_FIELDS);
    }
  });

  return (
    <Dialog open={open} onOpenChange={(next) => { setOpen(next); if (!next) reset(defaults); }}>
      <DialogTrigger asChild>
        <Button>
          <Plus className="size-4" aria-hidden="true" />
          New deal
        </Button>
      </DialogTrigger>
      <DialogContent title="New deal" description="Add an opportunity to the pipeline.">
        <form onSubmit={onSubmit} className="space-y-4" noValidate aria-label="New deal">
          <FormError message={errors.root?.server?.message} />
          <Field label="Title" error={errors.title?.message}>{(c) => <Input {...c} {...register("title")} placeholder="123 Oak St — duplex" autoFocus />}</Field>
          <div className="grid grid-cols-2 gap-3">
            <Field label="Stage" error={errors.stageId?.message}>
              {(c) => (
                <Select {...c} {...register("stageId")}>
                  <option value="">{openStages[0] ? `${openStages[0].name} (first stage)` : "First stage"}</option>
                  {openStages.slice(1).map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
                </Select>
              )}
            </Field>
            <Field label="Owner" error={errors.ownerId?.message}>
              {(c) => (
                <Select {...c} {...register("ownerId")}>
                  <option value="">Nobody yet</option>
                  {members.filter((m) => m.role !== "investor").map((m) => <option key={m.userId} value={m.userId}>{m.fullName || m.email}</option>)}
                </Select>
              )}
            </Field>
            <Field label="Value ($)" error={errors.value?.message}>{(c) => <Input {...c} {...register("value")} inputMode="decimal" placeholder="250000" />}</Field>
            <Field label="Probability (%)" error={errors.probability?.message} hint="Empty: the stage's">{(c) => <Input {...c} {...register("probability")} inputMode="decimal" />}</Field>
            <Field label="Expected close" error={errors.expectedCloseDate?.message}>{(c) => <Input {...c} type="date" {...register("expectedCloseDate")} />}</Field>
            <Field label="Property type">
              {(c) => (
                <Select {...c} {...register("propertyType")}>
                  <option value="">—</option>
                  {PROPERTY_TYPES.map((t) => <option key={t} value={t}>{propertyTypeLabel(t)}</option>)}
                </Select>
              )}
            </Field>
            <Field label="City" error={errors.city?.message}>{(c) => <Input {...c} {...register("city")} />}</Field>
            <div className="grid grid-cols-2 gap-3">
              <Field label="State" error={errors.state?.message}>{(c) => <Input {...c} {...register("state")} maxLength={2} />}</Field>
              <Field label="ZIP" error={errors.zip?.message}>{(c) => <Input {...c} {...register("zip")} inputMode="numeric" />}</Field>
            </div>
          </div>
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => setOpen(false)}>Cancel</Button>
            <Button type="submit" loading={isSubmitting}>Add deal</Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}
