import { z } from "zod";
import { smsNumberPhoneSchema } from "./smsNumbers";

// The org's do-not-contact list (suppression_list): checked before every text and email. Provider webhooks add
// STOP / unsubscribe / bounce / spam-report entries; staff add entries by hand ('manual'), and only those can be
// removed by staff. Shared by the API and the settings screen.

export const SUPPRESSION_CHANNELS = ["sms", "email"] as const;
export type SuppressionChannel = (typeof SUPPRESSION_CHANNELS)[number];
export const SUPPRESSION_REASONS = ["stop", "unsubscribe", "bounce", "spam_report", "manual"] as const;
export type SuppressionReason = (typeof SUPPRESSION_REASONS)[number];

const emailAddress = z
  .string({ error: "is required" })
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: "must be a valid email address" }).max(320, { error: "is too long" }));

/** Body of POST /api/suppressions: a phone (any common format → E.164) for sms, an email (lower-cased) for email. */
export const addSuppressionRequestSchema = z.discriminatedUnion(
  "channel",
  [
    z.object({ channel: z.literal("sms"), address: smsNumberPhoneSchema }).strict(),
    z.object({ channel: z.literal("email"), address: emailAddress }).strict(),
  ],
  { error: "must be sms or email" },
);
export type AddSuppressionRequest = z.input<typeof addSuppressionRequestSchema>;

/** Query of GET /api/suppressions. */
export const listSuppressionsQuerySchema = z.object({
  channel: z.enum(SUPPRESSION_CHANNELS, { error: "must be sms or email" }).optional(),
  q: z.string().trim().max(320).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(400).optional(),
});

export interface Suppression {
  id: string;
  channel: SuppressionChannel;
  address: string;
  reason: SuppressionReason;
  /** Where it came from: twilio_inbound, sendgrid_events, unsubscribe_link, manual… */
  source: string;
  createdAt: string;
}

/** Only entries added by hand can be removed by staff; an opt-out is lifted by the person alone. */
export const removableByStaff = (s: Pick<Suppression, "reason">) => s.reason === "manual";
