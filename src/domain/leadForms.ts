import { z } from "zod";
import { addressSchema } from "./leads";

export const formSlugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9-]{2,62}$/, { error: "must be 3–63 lowercase letters, digits or dashes" });

export const createLeadFormRequestSchema = z
  .object({
    name: z.string({ error: "is required" }).trim().min(1, { error: "is required" }).max(120),
    slug: formSlugSchema,
    headline: z.string().trim().max(200).nullable().optional(),
    enabled: z.boolean().default(true),
  })
  .strict();

export const updateLeadFormRequestSchema = z
  .object({
    name: z.string().trim().min(1).max(120).optional(),
    headline: z.string().trim().max(200).nullable().optional(),
    enabled: z.boolean().optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, { error: "nothing to update", path: ["body"] });

export interface LeadForm {
  id: string;
  name: string;
  slug: string;
  headline: string | null;
  enabled: boolean;
  publicPath: string;
  createdAt: string;
}

/** What the public form page needs: nothing about the org beyond its name. */
export interface PublicLeadForm {
  slug: string;
  name: string;
  headline: string | null;
  orgName: string;
  consentText: string;
}

/** TCPA-style consent wording; stored verbatim with each lead that ticks the box. */
export function consentText(orgName: string): string {
  return (
    `By checking this box, I agree that ${orgName} may call and text me at the number I provided, including by ` +
    "automated means and prerecorded messages, about offers on my property. Consent is not a condition of any " +
    "purchase. Message and data rates may apply. Reply STOP to opt out at any time."
  );
}

/** The minimum time between the form appearing and its submission: faster is a bot. */
export const MIN_FILL_MS = 2000;

const optionalText = (max: number) => z.string().trim().max(max).optional();

/** A public form submission. `website` is a honeypot (hidden from people); `startedAt` when the form appeared. */
export const publicFormSubmissionSchema = z
  .object({
    firstName: optionalText(100),
    lastName: optionalText(100),
    email: optionalText(254),
    phone: optionalText(40),
    address: addressSchema.optional(),
    notes: optionalText(2000),
    consent: z.union([z.boolean(), z.enum(["on", "true", "false", "1", "0"])]).optional(),
    website: z.string().max(500).optional(),
    startedAt: z.coerce.number({ error: "is required" }).int().positive(),
    utm_source: optionalText(200),
    utm_medium: optionalText(200),
    utm_campaign: optionalText(200),
    utm_term: optionalText(200),
    utm_content: optionalText(200),
  })
  .strip();
export type PublicFormSubmission = z.input<typeof publicFormSubmissionSchema>;
