import { z } from "zod";
import { publicFormSubmissionSchema, type PublicFormSubmission } from "@/domain/leadForms";
import { addressSchema, createLeadRequestSchema } from "@/domain/leads";
import type { UtmParams } from "./utm";

const lead = createLeadRequestSchema.shape;
/** The API's own limit on a public form's notes. */
export const NOTES_MAX = publicFormSubmissionSchema.shape.notes.unwrap().maxLength ?? 2000;

/**
 * What a visitor fills in, checked with the same field rules the API applies to the lead it creates
 * (email, phone, state, ZIP…), and the same "a name, an email or a phone" requirement, worded for visitors.
 */
export const publicFormSchema = z
  .object({
    firstName: lead.firstName,
    lastName: lead.lastName,
    email: lead.email,
    phone: lead.phone,
    address: addressSchema,
    notes: z.string().trim().max(NOTES_MAX, { error: `must be at most ${NOTES_MAX} characters` }),
    consent: z.boolean(),
  })
  .refine((v) => Boolean(v.firstName || v.lastName || v.email || v.phone), {
    error: "Enter your name, email or phone",
    path: ["firstName"],
  });

export type PublicFormValues = z.input<typeof publicFormSchema>;
export type PublicFormOutput = z.output<typeof publicFormSchema>;

export const emptyPublicForm: PublicFormValues = {
  firstName: "",
  lastName: "",
  email: "",
  phone: "",
  address: { street: "", city: "", state: "", zip: "" },
  notes: "",
  consent: false,
};

const present = <T,>(value: T | null | undefined): value is T => value !== null && value !== undefined && value !== "";

/** The POST body: the checked values (blanks left out), plus the honeypot, when the form appeared and the UTM tags. */
export function toSubmission(
  values: PublicFormOutput,
  { website, startedAt, utm }: { website: string; startedAt: number; utm: UtmParams },
): PublicFormSubmission {
  const address = Object.fromEntries(Object.entries(values.address).filter(([, v]) => present(v)));
  const text = Object.fromEntries(
    (["firstName", "lastName", "email", "phone"] as const).map((k) => [k, values[k]] as const).filter(([, v]) => present(v)),
  );
  return {
    ...text,
    ...(Object.keys(address).length > 0 ? { address } : {}),
    ...(values.notes ? { notes: values.notes } : {}),
    consent: values.consent,
    website,
    startedAt,
    ...utm,
  };
}
