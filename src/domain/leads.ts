import { z } from "zod";
import { standardizeState, standardizeStreet } from "./normalize/address";
import { normalizePhone } from "./normalize/phone";

export const LEAD_STATUSES = ["new", "contacted", "qualified", "nurturing", "unqualified", "converted", "dead"] as const;
export const leadStatusSchema = z.enum(LEAD_STATUSES);
export type LeadStatus = z.infer<typeof leadStatusSchema>;

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `must be at most ${max} characters` })
    .transform((v) => (v === "" ? null : v))
    .nullable()
    .optional();

export const addressSchema = z.object({
  street: optionalText(200).transform((v) => (v ? standardizeStreet(v) : v)),
  city: optionalText(100),
  state: z
    .string()
    .trim()
    .transform((v) => (v === "" ? null : (standardizeState(v) ?? v.toUpperCase())))
    .pipe(z.string().regex(/^[A-Z]{2}$/, { error: "must be a two-letter state code" }).nullable())
    .nullable()
    .optional(),
  zip: z
    .string()
    .trim()
    .transform((v) => (v === "" ? null : v))
    .pipe(z.string().regex(/^\d{5}(-\d{4})?$/, { error: "must be a 5-digit ZIP code" }).nullable())
    .nullable()
    .optional(),
});
export type Address = z.infer<typeof addressSchema>;

const emailField = z
  .string()
  .trim()
  .toLowerCase()
  .transform((v) => (v === "" ? null : v))
  .pipe(z.email({ error: "must be a valid email address" }).nullable())
  .nullable()
  .optional();

const phoneField = z
  .string()
  .max(40, { error: "must be a phone number" })
  .transform((v, ctx) => {
    const result = normalizePhone(v);
    if (result === null) return null;
    if (!result.ok) {
      ctx.addIssue({ code: "custom", message: result.reason });
      return z.NEVER;
    }
    return result.e164;
  })
  .nullable()
  .optional();

const tagsField = z
  .array(z.string().trim().min(1, { error: "tags cannot be empty" }).max(40, { error: "tags are at most 40 characters" }))
  .max(30, { error: "at most 30 tags" })
  .transform((tags) => [...new Set(tags.map((t) => t.toLowerCase()))]);

const leadFields = {
  firstName: optionalText(100),
  lastName: optionalText(100),
  email: emailField,
  phone: phoneField,
  source: optionalText(100),
  status: leadStatusSchema.optional(),
  tags: tagsField.optional(),
  assigneeId: z.uuid({ error: "must be a user id" }).nullable().optional(),
  notes: optionalText(10_000),
  address: addressSchema.optional(),
};

function hasAContact(lead: { firstName?: string | null; lastName?: string | null; email?: string | null; phone?: string | null }) {
  return Boolean(lead.firstName || lead.lastName || lead.email || lead.phone);
}

/** Body of POST /api/leads. A lead needs at least a name, an email or a phone. */
export const createLeadRequestSchema = z.object(leadFields).strict().refine(hasAContact, {
  error: "a lead needs a name, an email or a phone",
  path: ["firstName"],
});
export type CreateLeadRequest = z.input<typeof createLeadRequestSchema>;

/** Body of PATCH /api/leads/:id: any subset of the fields. */
export const updateLeadRequestSchema = z
  .object(leadFields)
  .strict()
  .refine(
    (v) => Object.entries(v).some(([key, value]) => value !== undefined && (key !== "address" || Object.keys(value as object).length > 0)),
    { error: "nothing to update", path: ["body"] },
  );
export type UpdateLeadRequest = z.input<typeof updateLeadRequestSchema>;

export const leadSchema = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  source: z.string().nullable(),
  status: leadStatusSchema,
  tags: z.array(z.string()),
  assigneeId: z.uuid().nullable(),
  notes: z.string().nullable(),
  address: z.object({
    street: z.string().nullable(),
    city: z.string().nullable(),
    state: z.string().nullable(),
    zip: z.string().nullable(),
  }),
  /** First-touch attribution: UTM parameters, click ids, ad ids. */
  attribution: z.record(z.string(), z.string()),
  /** 0–100 from the lead-scoring model; null until scored. */
  score: z.number().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Lead = z.infer<typeof leadSchema>;

/** "a,b" or repeated ?k=a&k=b → ["a", "b"]. */
const listOf = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => {
    if (v === undefined || v === "") return undefined;
    const values = Array.isArray(v) ? v : [v];
    return values.flatMap((x) => String(x).split(",")).map((x) => x.trim()).filter(Boolean);
  }, z.array(item).max(50).optional());

const dateParam = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/, { error: "must be a date like 2026-11-22" })
  .refine((v) => !Number.isNaN(Date.parse(v)), { error: "must be a real date" })
  .optional();

export const LEAD_SORTS = ["created", "updated", "score", "name"] as const;

/** GET /api/leads: filters, search, sort and keyset pagination — also the SPA's URL search params. */
const listFiltersSchema = z.object({
    q: z.string().trim().max(200, { error: "must be at most 200 characters" }).optional(),
    status: listOf(leadStatusSchema),
    source: listOf(z.string().max(100)),
    tags: listOf(z.string().max(40).transform((t) => t.toLowerCase())),
    assigneeId: z.union([z.uuid(), z.enum(["unassigned", "me"])], { error: "must be a user id, me or unassigned" }).optional(),
    scoreMin: z.coerce.number({ error: "must be a number" }).min(0).max(100).optional(),
    scoreMax: z.coerce.number({ error: "must be a number" }).min(0).max(100).optional(),
    createdFrom: dateParam,
    createdTo: dateParam,
    city: z.string().trim().max(100).optional(),
    state: z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, { error: "must be a two-letter state code" }).optional(),
    zip: z.string().trim().regex(/^\d{5}$/, { error: "must be a 5-digit ZIP code" }).optional(),
    sort: z.enum(LEAD_SORTS, { error: `must be one of ${LEAD_SORTS.join(", ")}` }).default("created"),
    order: z.enum(["asc", "desc"], { error: "must be asc or desc" }).optional(),
});

const scoreRangeInOrder = (q: { scoreMin?: number; scoreMax?: number }) => q.scoreMin === undefined || q.scoreMax === undefined || q.scoreMin <= q.scoreMax;

export const listLeadsQuerySchema = listFiltersSchema
  .extend({
    limit: z.coerce
      .number({ error: "must be a number" })
      .int({ error: "must be a whole number" })
      .min(1, { error: "must be at least 1" })
      .max(200, { error: "must be at most 200" })
      .default(50),
    cursor: z.string().max(400).optional(),
  })
  .refine(scoreRangeInOrder, { error: "must not be above scoreMax", path: ["scoreMin"] });
export type ListLeadsQuery = z.infer<typeof listLeadsQuerySchema>;

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export function leadDisplayName(lead: Pick<Lead, "firstName" | "lastName" | "email" | "phone">): string {
  const name = [lead.firstName, lead.lastName].filter(Boolean).join(" ");
  return name || lead.email || lead.phone || "Unnamed lead";
}

const bulkIds = z.array(z.uuid({ error: "must be lead ids" })).min(1, { error: "choose at least one lead" }).max(1000, { error: "at most 1,000 leads at once" });
const bulkTags = z.array(z.string().trim().min(1).max(40).transform((t) => t.toLowerCase())).min(1, { error: "name at least one tag" }).max(30);

/** POST /api/leads/bulk: one action on many leads. Delete moves them to the trash; restore brings them back. */
export const bulkLeadsRequestSchema = z.discriminatedUnion(
  "action",
  [
    z.object({ action: z.literal("assign"), ids: bulkIds, assigneeId: z.uuid({ error: "must be a user id" }).nullable() }).strict(),
    z.object({ action: z.literal("status"), ids: bulkIds, status: leadStatusSchema }).strict(),
    z.object({ action: z.literal("tag"), ids: bulkIds, tags: bulkTags }).strict(),
    z.object({ action: z.literal("untag"), ids: bulkIds, tags: bulkTags }).strict(),
    z.object({ action: z.literal("delete"), ids: bulkIds }).strict(),
    z.object({ action: z.literal("restore"), ids: bulkIds }).strict(),
    z.object({ action: z.literal("enrich"), ids: bulkIds }).strict(),
  ],
  { error: "must be one of assign, status, tag, untag, delete, restore, enrich" },
);
export type BulkLeadsRequest = z.infer<typeof bulkLeadsRequestSchema>;

export interface BulkLeadsResult {
  action: BulkLeadsRequest["action"];
  /** Leads the action changed. */
  affected: string[];
  /** Leads it could not change, and why (not found, or — restoring — taken over by a newer lead). */
  skipped: { id: string; reason: string }[];
}

/** A saved view stores the list's filters and sort (not its page). */
export const savedViewQuerySchema = listFiltersSchema.partial().refine(scoreRangeInOrder, { error: "must not be above scoreMax", path: ["scoreMin"] });

export const createSavedViewRequestSchema = z
  .object({
    name: z.string({ error: "is required" }).trim().min(1, { error: "is required" }).max(80),
    query: savedViewQuerySchema,
    shared: z.boolean().default(false),
  })
  .strict();

export const updateSavedViewRequestSchema = z
  .object({ name: z.string().trim().min(1).max(80).optional(), query: savedViewQuerySchema.optional(), shared: z.boolean().optional() })
  .strict()
  .refine((v) => Object.values(v).some((x) => x !== undefined), { error: "nothing to update", path: ["body"] });

export interface SavedView {
  id: string;
  name: string;
  query: z.infer<typeof savedViewQuerySchema>;
  shared: boolean;
  ownerId: string;
  mine: boolean;
  createdAt: string;
}

/** The contact and property fields edited in place on the lead page (same rules as the API's). */
export const leadContactSchema = z.object({
  firstName: leadFields.firstName,
  lastName: leadFields.lastName,
  email: leadFields.email,
  phone: leadFields.phone,
  address: addressSchema,
});
export type LeadContactInput = z.input<typeof leadContactSchema>;
