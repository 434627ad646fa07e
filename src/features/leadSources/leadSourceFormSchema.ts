import { z } from "zod";
import {
  createLeadSourceRequestSchema,
  leadSourceTypeSchema,
  MAPPING_TARGETS,
  mappingSchema,
  type LeadSource,
} from "@/domain/leadSources";
import { MAPPING_TARGET_LABELS } from "./labels";

/** What POST (and PATCH) /api/lead-sources accept, bar `enabled`. */
const requestBodySchema = createLeadSourceRequestSchema.omit({ enabled: true });

/** The API's own rule for one payload path ("contact.emails.0"). */
const payloadPathSchema = mappingSchema.valueType;

const mappingRowSchema = z.object({ target: z.enum(MAPPING_TARGETS), path: z.string() });
export type MappingRow = z.infer<typeof mappingRowSchema>;

/**
 * The add/edit form: the mapping as editable rows and the rate limit as typed text, turned into the
 * body of POST/PATCH /api/lead-sources and checked against the API's own request schema.
 * Rows only count (and are only validated) for the custom type.
 */
export const leadSourceFormSchema = z
  .object({
    name: createLeadSourceRequestSchema.shape.name,
    type: leadSourceTypeSchema,
    mapping: z.array(mappingRowSchema),
    rateLimitPerMinute: z
      .string()
      .trim()
      .regex(/^\d+$/, { error: "must be a whole number" })
      .transform(Number)
      .pipe(z.number().min(1, { error: "must be at least 1" }).max(100_000, { error: "must be at most 100000" })),
  })
  .superRefine((form, ctx) => {
    if (form.type !== "custom") return;
    const seen = new Set<string>();
    form.mapping.forEach((row, index) => {
      const path = payloadPathSchema.safeParse(row.path);
      if (!path.success) ctx.addIssue({ code: "custom", message: path.error.issues[0].message, path: ["mapping", index, "path"] });
      if (seen.has(row.target)) {
        ctx.addIssue({ code: "custom", message: `${MAPPING_TARGET_LABELS[row.target]} is already mapped`, path: ["mapping", index, "target"] });
      }
      seen.add(row.target);
    });
  })
  .transform(({ name, type, mapping, rateLimitPerMinute }, ctx) => {
    const body = {
      name,
      type,
      mapping: type === "custom" ? Object.fromEntries(mapping.map((row) => [row.target, row.path.trim()])) : {},
      rateLimitPerMinute,
    };
    // Without `enabled`: the same body serves POST (the server defaults it to on) and PATCH (the toggle owns it).
    const checked = requestBodySchema.safeParse(body);
    if (checked.success) return checked.data;
    for (const issue of checked.error.issues) ctx.addIssue({ code: "custom", message: issue.message, path: issue.path });
    return z.NEVER;
  });

export type LeadSourceFormValues = z.input<typeof leadSourceFormSchema>;
export type LeadSourceRequestBody = z.output<typeof leadSourceFormSchema>;

export const newLeadSourceValues: LeadSourceFormValues = { name: "", type: "generic", mapping: [], rateLimitPerMinute: "600" };

/** A saved source as form values, for editing. */
export function leadSourceToFormValues(source: LeadSource): LeadSourceFormValues {
  return {
    name: source.name,
    type: source.type,
    mapping: Object.entries(source.mapping).map(([target, path]) => ({ target: target as MappingRow["target"], path: path ?? "" })),
    rateLimitPerMinute: String(source.rateLimitPerMinute),
  };
}
