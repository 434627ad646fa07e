import { z } from "zod";

export const LEAD_SOURCE_TYPES = ["generic", "zapier", "facebook", "custom"] as const;
export const leadSourceTypeSchema = z.enum(LEAD_SOURCE_TYPES);
export type LeadSourceType = z.infer<typeof leadSourceTypeSchema>;

/** Lead fields a custom mapping can fill, each from a dotted path in the payload ("contact.emails.0"). */
export const MAPPING_TARGETS = ["firstName", "lastName", "fullName", "email", "phone", "source", "notes", "tags", "street", "city", "state", "zip", "addressLine", "eventId"] as const;
export const mappingSchema = z.partialRecord(
  z.enum(MAPPING_TARGETS),
  z.string().trim().min(1, { error: "must be a path like contact.email" }).max(200).regex(/^[A-Za-z0-9_$-]+(\.[A-Za-z0-9_$-]+)*$/, { error: "must be a path like contact.email" }),
);
export type LeadSourceMapping = z.infer<typeof mappingSchema>;

export const createLeadSourceRequestSchema = z
  .object({
    name: z.string({ error: "is required" }).trim().min(1, { error: "is required" }).max(120),
    type: leadSourceTypeSchema.default("generic"),
    mapping: mappingSchema.default({}),
    enabled: z.boolean().default(true),
    rateLimitPerMinute: z.number().int().min(1).max(100_000).default(600),
  })
  .strict();
export type CreateLeadSourceRequest = z.input<typeof createLeadSourceRequestSchema>;

export const updateLeadSourceRequestSchema = z
  .object({
    name: z.string().trim().min(1, { error: "is required" }).max(120).optional(),
    type: leadSourceTypeSchema.optional(),
    mapping: mappingSchema.optional(),
    enabled: z.boolean().optional(),
    rateLimitPerMinute: z.number().int().min(1).max(100_000).optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, { error: "nothing to update", path: ["body"] });

export const leadSourceSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  type: leadSourceTypeSchema,
  mapping: mappingSchema,
  enabled: z.boolean(),
  rateLimitPerMinute: z.number(),
  /** Where the source posts: POST this URL with the signature header. */
  webhookPath: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type LeadSource = z.infer<typeof leadSourceSchema>;

/** Returned once, at creation and at rotation: the signing secret is never shown again. */
export type LeadSourceWithSecret = LeadSource & { secret: string };

export const WEBHOOK_EVENT_STATUSES = ["accepted", "duplicate", "rejected", "failed"] as const;
export const webhookEventSchema = z.object({
  id: z.uuid(),
  sourceId: z.uuid(),
  status: z.enum(WEBHOOK_EVENT_STATUSES),
  httpStatus: z.number(),
  reason: z.string().nullable(),
  idempotencyKey: z.string().nullable(),
  leadId: z.uuid().nullable(),
  receivedAt: z.string(),
  body: z.string().nullable(),
  replayable: z.boolean(),
});
export type WebhookEvent = z.infer<typeof webhookEventSchema>;

export const listWebhookEventsQuerySchema = z.object({
  sourceId: z.uuid({ error: "must be a lead source id" }).optional(),
  status: z.enum(WEBHOOK_EVENT_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

/** What a webhook delivery is answered with (202), and what a repeat of it gets again. */
export interface WebhookAccepted {
  leadId: string;
  duplicate: boolean;
}
