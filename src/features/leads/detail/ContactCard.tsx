import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm, type Path } from "react-hook-form";
import type { z } from "zod";
import { leadContactSchema, type Lead, type LeadContactInput, type UpdateLeadRequest } from "@/domain/leads";
import { formatPhone } from "@/lib/format";
import { applyServerErrors } from "@/lib/serverErrors";
import { Button } from "@/ui/Button";
import { Card, CardBody, CardHeader } from "@/ui/Card";
import { Field, FormError } from "@/ui/Field";
import { Input } from "@/ui/Input";
import { toast } from "@/ui/toastStore";
import { patchLead } from "../leadDetailApi";

type ContactOutput = z.output<typeof leadContactSchema>;

const FIELDS: { name: Path<LeadContactInput>; label: string; autoComplete?: string }[] = [
  { name: "firstName", label: "First name", autoComplete: "off" },
  { name: "lastName", label: "Last name", autoComplete: "off" },
  { name: "email", label: "Email", autoComplete: "off" },
  { name: "phone", label: "Phone", autoComplete: "off" },
  { name: "address.street", label: "Street" },
  { name: "address.city", label: "City" },
  { name: "address.state", label: "State" },
  { name: "address.zip", label: "ZIP" },
];

const toForm = (lead: Lead): LeadContactInput => ({
  firstName: lead.firstName ?? "",
  lastName: lead.lastName ?? "",
  email: lead.email ?? "",
  phone: lead.phone ?? "",
  address: { street: lead.address.street ?? "", city: lead.address.city ?? "", state: lead.address.state ?? "", zip: lead.address.zip ?? "" },
});

/** Contact and property of a lead, shown as a card and edited in place with the API's own rules. */
export function ContactCard({ lead, onSaved }: { lead: Lead; onSaved: (lead: Lead) => void }) {
  const [editing, setEditing] = useState(false);
  return (
    <Card>
      <CardHeader className="flex items-center justify-between">
        <h2 className="font-medium">Contact and property</h2>
        {!editing && <Button variant="ghost" size="sm" onClick={() => setEditing(true)}>Edit contact</Button>}
      </CardHeader>
      <CardBody>
        {editing ? (
          <ContactForm lead={lead} onDone={(saved) => { if (saved) onSaved(saved); setEditing(false); }} />
        ) : (
          <dl className="grid grid-cols-3 gap-y-2 text-sm">
            <dt className="text-zinc-500">Email</dt><dd className="col-span-2 break-all">{lead.email ?? "—"}</dd>
            <dt className="text-zinc-500">Phone</dt><dd className="col-span-2">{lead.phone ? formatPhone(lead.phone) : "—"}</dd>
            <dt className="text-zinc-500">Property</dt>
            <dd className="col-span-2">{[lead.address.street, [lead.address.city, lead.address.state].filter(Boolean).join(", "), lead.address.zip].filter(Boolean).join(" · ") || "—"}</dd>
            <dt className="text-zinc-500">Tags</dt><dd className="col-span-2">{lead.tags.join(", ") || "—"}</dd>
          </dl>
        )}
      </CardBody>
    </Card>
  );
}

function ContactForm({ lead, onDone }: { lead: Lead; onDone: (saved: Lead | null) => void }) {
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting, dirtyFields },
  } = useForm<LeadContactInput, unknown, ContactOutput>({ resolver: zodResolver(leadContactSchema), defaultValues: toForm(lead) });

  const onSubmit = handleSubmit(async (values) => {
    // Send only what changed, so a concurrent edit of another field is not overwritten.
    const patch: UpdateLeadRequest = {};
    for (const key of ["firstName", "lastName", "email", "phone"] as const) if (dirtyFields[key]) patch[key] = values[key] ?? null;
    const address = Object.fromEntries(
      (["street", "city", "state", "zip"] as const).filter((k) => dirtyFields.address?.[k]).map((k) => [k, values.address[k] ?? null]),
    );
    if (Object.keys(address).length) patch.address = address;
    if (Object.keys(patch).length === 0) return onDone(null);
    try {
      const saved = await patchLead(lead.id, patch);
      toast({ title: "Lead saved", variant: "success" });
      onDone(saved);
    } catch (error) {
      applyServerErrors(error, setError, FIELDS.map((f) => f.name));
    }
  });

  const errorOf = (name: Path<LeadContactInput>) => {
    const [head, tail] = name.split(".") as [keyof typeof errors, string | undefined];
    const node = errors[head] as { message?: string; [k: string]: unknown } | undefined;
    return (tail ? (node?.[tail] as { message?: string } | undefined)?.message : node?.message) ?? undefined;
  };

  return (
    <form onSubmit={onSubmit} className="space-y-3" noValidate aria-label="Edit contact">
      <FormError message={errors.root?.server?.message} />
      {FIELDS.map((f) => (
        <Field key={f.name} label={f.label} error={errorOf(f.name)}>
          {(control) => <Input {...control} {...register(f.name)} autoComplete={f.autoComplete} />}
        </Field>
      ))}
      <div className="flex gap-2">
        <Button type="submit" loading={isSubmitting}>Save</Button>
        <Button type="button" variant="secondary" onClick={() => onDone(null)}>Cancel</Button>
      </div>
    </form>
  );
}
