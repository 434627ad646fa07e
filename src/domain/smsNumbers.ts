import { z } from "zod";
import { normalizePhone } from "./normalize/phone";

// An org's own Twilio numbers ("texting numbers"): texts go out from the default one; a reply to any of them
// lands in the org. Shared by the API and the settings screen.

/**
 * A phone number as typed — "(512) 555-0134", "+44 20 7946 0958" — normalised to E.164 (US unless it has a country
 * code): texting numbers, and numbers put on the do-not-contact list.
 */
export const smsNumberPhoneSchema = z
  .string({ error: "is required" })
  .max(40, { error: "must be a phone number" })
  .transform((v, ctx) => {
    const result = normalizePhone(v);
    if (result === null) {
      ctx.addIssue({ code: "custom", message: "is required" });
      return z.NEVER;
    }
    if (!result.ok) {
      ctx.addIssue({ code: "custom", message: result.reason });
      return z.NEVER;
    }
    return result.e164;
  });

/** Body of POST /api/org/sms-numbers. The org's first number becomes its default whatever `isDefault` says. */
export const createSmsNumberRequestSchema = z.object({
  phone: smsNumberPhoneSchema,
  isDefault: z.boolean({ error: "must be true or false" }).optional(),
}).strict();
export type CreateSmsNumberRequest = z.input<typeof createSmsNumberRequestSchema>;

/** Body of PATCH /api/org/sms-numbers/:id: `true` makes it the default (the previous default stops being one). */
export const updateSmsNumberRequestSchema = z.object({
  isDefault: z.boolean({ error: "must be true or false" }),
}).strict();

export const smsNumberSchema = z.object({
  id: z.uuid(),
  phone: z.string(),
  isDefault: z.boolean(),
  createdAt: z.string(),
});
export type SmsNumber = z.infer<typeof smsNumberSchema>;
