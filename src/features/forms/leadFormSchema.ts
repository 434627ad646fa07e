import { z } from "zod";
import { createLeadFormRequestSchema, formSlugSchema } from "@/domain/leadForms";

const HEADLINE_MAX = createLeadFormRequestSchema.shape.headline.unwrap().unwrap().maxLength ?? 200;

/** The "Add form" dialog, checked with the API's rules and turned into the body of POST /api/lead-forms. */
export const addLeadFormSchema = z
  .object({
    name: createLeadFormRequestSchema.shape.name,
    slug: formSlugSchema,
    headline: z.string().trim().max(HEADLINE_MAX, { error: `must be at most ${HEADLINE_MAX} characters` }),
  })
  .transform(({ name, slug, headline }) => ({ name, slug, ...(headline ? { headline } : {}) }));

export type AddLeadFormValues = z.input<typeof addLeadFormSchema>;
export type AddLeadFormBody = z.output<typeof addLeadFormSchema>;

export const newLeadFormValues: AddLeadFormValues = { name: "", slug: "", headline: "" };

/** "Sell Your House — Fast!" → "sell-your-house-fast": a form address to start from. */
export function slugify(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+/, "")
    .slice(0, 63)
    .replace(/-+$/, "");
}
