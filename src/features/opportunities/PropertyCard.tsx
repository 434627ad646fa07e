import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { PROPERTY_TYPES } from "@/domain/matching/types";
import { propertyInputSchema, type OpportunityDetail, type PropertyInput } from "@/domain/pipeline";
import { propertyTypeLabel } from "@/features/pipeline/OpportunityCardContent";
import { applyServerErrors } from "@/lib/serverErrors";
import { Button } from "@/ui/Button";
import { Card, CardBody, CardHeader } from "@/ui/Card";
import { Field, FormError } from "@/ui/Field";
import { Input, Select } from "@/ui/Input";
import { money } from "./format";

const rules = propertyInputSchema.shape;
const text = (rule: z.ZodType) => z.string().trim().refine((v) => v === "" || rule.safeParse(v).success, { error: "is not valid" });
const num = (rule: z.ZodType, message: string) => z.string().trim().refine((v) => v === "" || rule.safeParse(Number(v)).success, { error: message });

const propertyFormSchema = z.object({
  street: z.string().trim().max(200),
  city: z.string().trim().max(100),
  state: text(rules.state).refine((v) => v === "" || /^[A-Za-z]{2}$/.test(v), { error: "must be a two-letter state code" }),
  zip: z.string().trim().refine((v) => v === "" || /^\d{5}(-\d{4})?$/.test(v), { error: "must be a 5-digit ZIP code" }),
  propertyType: z.string(),
  beds: num(rules.beds, "must be 0–100"),
  baths: num(rules.baths, "must be 0–100"),
  sqft: num(rules.sqft, "must be a whole number"),
  yearBuilt: num(rules.yearBuilt, "must be a year (1600–2100)"),
});
type PropertyForm = z.infer<typeof propertyFormSchema>;
const KEYS = ["street", "city", "state", "zip", "propertyType", "beds", "baths", "sqft", "yearBuilt"] as const;

const toForm = (p: OpportunityDetail["property"]): PropertyForm =>
  Object.fromEntries(KEYS.map((k) => [k, p?.[k] === null || p?.[k] === undefined ? "" : String(p[k])])) as PropertyForm;

function toInput(v: PropertyForm): PropertyInput {
  const s = (x: string) => (x.trim() === "" ? null : x.trim());
  const n = (x: string) => (x.trim() === "" ? null : Number(x));
  return {
    street: s(v.street), city: s(v.city), state: s(v.state)?.toUpperCase() ?? null, zip: s(v.zip),
    propertyType: (s(v.propertyType) as PropertyInput["propertyType"]) ?? null,
    beds: n(v.beds), baths: n(v.baths), sqft: n(v.sqft), yearBuilt: n(v.yearBuilt),
  };
}

/** The property: shown as a summary, edited in place (PATCH {version, property}). */
export function PropertyCard({ deal, onSave }: { deal: OpportunityDetail; onSave: (property: PropertyInput) => Promise<void> }) {
  const [editing, setEditing] = useState(false);
  const p = deal.property;
  const { register, handleSubmit, setError, formState: { errors, isSubmitting } } = useForm<PropertyForm>({ resolver: zodResolver(propertyFormSchema), values: toForm(p) });
  const submit = handleSubmit(async (values) => {
    try {
      await onSave(toInput(values));
      setEditing(false);
    } catch (error) {
      applyServerErrors(error, setError, KEYS.map((k) => k));
    }
  });
  const address = p ? [p.street, [p.city, p.state].filter(Boolean).join(", "), p.zip].filter(Boolean).join(" · ") : "";
  return (
    <Card>
      <CardHeader className="flex items-center justify-between gap-3">
        <h2 className="font-medium">Property</h2>
        {!editing && <Button variant="secondary" size="sm" onClick={() => setEditing(true)}>Edit property</Button>}
      </CardHeader>
      <CardBody>
        {!editing ? (
          p ? (
            <dl className="grid grid-cols-2 gap-x-4 gap-y-2 text-sm">
              <dt className="text-zinc-500">Address</dt><dd>{address || "—"}</dd>
              <dt className="text-zinc-500">Type</dt><dd>{propertyTypeLabel(p.propertyType) ?? "—"}</dd>
              <dt className="text-zinc-500">Beds / baths</dt><dd>{p.beds ?? "—"} / {p.baths ?? "—"}</dd>
              <dt className="text-zinc-500">Square feet</dt><dd>{p.sqft?.toLocaleString("en-US") ?? "—"}</dd>
              <dt className="text-zinc-500">Built</dt><dd>{p.yearBuilt ?? "—"}</dd>
              <dt className="text-zinc-500">Estimated value</dt><dd>{money(p.estimatedValue)}</dd>
            </dl>
          ) : (
            <p className="text-sm text-zinc-500">No property yet.</p>
          )
        ) : (
          <form onSubmit={submit} noValidate aria-label="Edit property" className="space-y-3">
            <FormError message={errors.root?.server?.message} />
            <Field label="Street" error={errors.street?.message}>{(c) => <Input {...c} {...register("street")} />}</Field>
            <div className="grid grid-cols-3 gap-2">
              <Field label="City" error={errors.city?.message}>{(c) => <Input {...c} {...register("city")} />}</Field>
              <Field label="State" error={errors.state?.message}>{(c) => <Input {...c} {...register("state")} maxLength={2} />}</Field>
              <Field label="ZIP" error={errors.zip?.message}>{(c) => <Input {...c} {...register("zip")} inputMode="numeric" />}</Field>
            </div>
            <Field label="Property type">
              {(c) => (
                <Select {...c} {...register("propertyType")}>
                  <option value="">—</option>
                  {PROPERTY_TYPES.map((t) => <option key={t} value={t}>{propertyTypeLabel(t)}</option>)}
                </Select>
              )}
            </Field>
            <div className="grid grid-cols-4 gap-2">
              <Field label="Beds" error={errors.beds?.message}>{(c) => <Input {...c} {...register("beds")} inputMode="decimal" />}</Field>
              <Field label="Baths" error={errors.baths?.message}>{(c) => <Input {...c} {...register("baths")} inputMode="decimal" />}</Field>
              <Field label="Sq ft" error={errors.sqft?.message}>{(c) => <Input {...c} {...register("sqft")} inputMode="numeric" />}</Field>
              <Field label="Year built" error={errors.yearBuilt?.message}>{(c) => <Input {...c} {...register("yearBuilt")} inputMode="numeric" />}</Field>
            </div>
            <div className="flex gap-2">
              <Button type="submit" size="sm" loading={isSubmitting}>Save property</Button>
              <Button variant="secondary" size="sm" onClick={() => setEditing(false)}>Cancel</Button>
            </div>
          </form>
        )}
      </CardBody>
    </Card>
  );
}
