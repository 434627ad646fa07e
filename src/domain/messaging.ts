import { z } from "zod";

// Messaging (email and SMS to leads): request schemas and the pure template renderer, shared by the API and
// the SPA's live preview.

export const MESSAGE_CHANNELS = ["email", "sms"] as const;
export type MessageChannel = (typeof MESSAGE_CHANNELS)[number];

export const MESSAGE_STATUSES = ["queued", "outbox", "sent", "delivered", "failed", "bounced", "opened", "clicked", "suppressed", "blocked"] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/**
 * The variables a template may use, as `{{name}}` (spaces inside the braces allowed). A variable with no value
 * for a lead renders as an empty string; a name not in this list is refused when the template is saved.
 */
export const TEMPLATE_VARIABLES = [
  "lead.firstName",
  "lead.lastName",
  "lead.fullName",
  "lead.email",
  "lead.phone",
  "lead.city",
  "lead.state",
  "lead.street",
  "lead.zip",
  "agent.name",
  "agent.email",
  "org.name",
  "unsubscribeUrl",
] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];
export type TemplateContext = Partial<Record<TemplateVariable, string | null | undefined>>;

const VARIABLE = /\{\{\s*([A-Za-z0-9_.]+)\s*\}\}/g;

/** The variable names a text uses that are not in TEMPLATE_VARIABLES (each once, in order of appearance). */
export function unknownVariables(text: string | null | undefined): string[] {
  const known = new Set<string>(TEMPLATE_VARIABLES);
  const found: string[] = [];
  for (const m of (text ?? "").matchAll(VARIABLE)) if (!known.has(m[1]) && !found.includes(m[1])) found.push(m[1]);
  return found;
}

export function usesVariable(text: string | null | undefined, name: TemplateVariable): boolean {
  for (const m of (text ?? "").matchAll(VARIABLE)) if (m[1] === name) return true;
  return false;
}

export function escapeHtml(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

/** Replaces `{{variable}}` with its value; HTML-escaped when `html`. Unknown variables render as empty. */
export function fillVariables(text: string, context: TemplateContext, html: boolean): string {
  return text.replace(VARIABLE, (_all, name: string) => {
    const value = context[name as TemplateVariable] ?? "";
    return html ? escapeHtml(value) : value;
  });
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", apos: "'", nbsp: " " };

/** A readable plain-text version of an HTML email body: paragraphs and line breaks kept, links as "text (url)". */
export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style|head)[^>]*>[\s\S]*?<\/\1>/gi, "")
    .replace(/<a\s[^>]*href\s*=\s*["']([^"']+)["'][^>]*>([\s\S]*?)<\/a>/gi, (_m, href: string, text: string) => {
      const label = text.replace(/<[^>]+>/g, "").trim();
      return label && label !== href ? `${label} (${href})` : href;
    })
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<li[^>]*>/gi, "\n- ")
    .replace(/<\/(p|div|h[1-6]|tr|ul|ol|table|blockquote)>/gi, "\n\n")
    .replace(/<[^>]+>/g, "")
    .replace(/&(#?\w+);/g, (m, e: string) => ENTITIES[e] ?? (e.startsWith("#") && /^#\d+$/.test(e) ? String.fromCodePoint(Number(e.slice(1))) : m))
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n[ \t]+/g, "\n")
    .replace(/[ \t]{2,}/g, " ")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

// GSM 03.38: the basic set (1 unit) and the extension table (2 units: escape + char).
const GSM_BASIC = new Set(
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà",
);
const GSM_EXTENDED = new Set("^{}\\[~]|€\f");

export interface SmsSegments {
  encoding: "GSM-7" | "UCS-2";
  /** Characters as the encoding counts them (GSM extension characters count 2; UCS-2 counts UTF-16 units). */
  units: number;
  segments: number;
}

/** How many SMS segments a text takes: GSM-7 160 (153 per part when split), UCS-2 70 (67 per part). */
export function smsSegments(text: string): SmsSegments {
  let gsmUnits = 0;
  let gsm = true;
  for (const ch of text) {
    if (GSM_BASIC.has(ch)) gsmUnits += 1;
    else if (GSM_EXTENDED.has(ch)) gsmUnits += 2;
    else {
      gsm = false;
      break;
    }
  }
  if (gsm) return { encoding: "GSM-7", units: gsmUnits, segments: gsmUnits === 0 ? 0 : gsmUnits <= 160 ? 1 : Math.ceil(gsmUnits / 153) };
  const units = text.length;
  return { encoding: "UCS-2", units, segments: units <= 70 ? 1 : Math.ceil(units / 67) };
}

export interface TemplateSource {
  channel: MessageChannel;
  subject?: string | null;
  body: string;
  textBody?: string | null;
}

export interface RenderedMessage {
  channel: MessageChannel;
  subject: string | null;
  /** Email only: the HTML body (variables HTML-escaped). */
  html: string | null;
  /** Email: the plain-text part (the template's text fallback, or generated from the HTML); SMS: the message. */
  text: string;
  characters: number;
  /** SMS only. */
  sms: SmsSegments | null;
}

/**
 * Renders a template for one recipient. Email: subject and text are plain (not escaped), the HTML body escapes
 * every value; without a text fallback one is generated from the rendered HTML. SMS: plain text.
 */
export function renderTemplate(template: TemplateSource, context: TemplateContext): RenderedMessage {
  if (template.channel === "sms") {
    const text = fillVariables(template.body, context, false).trim();
    return { channel: "sms", subject: null, html: null, text, characters: [...text].length, sms: smsSegments(text) };
  }
  const html = fillVariables(template.body, context, true);
  const text = template.textBody?.trim() ? fillVariables(template.textBody, context, false).trim() : htmlToText(html);
  const subject = fillVariables(template.subject ?? "", context, false).replace(/\s+/g, " ").trim();
  return { channel: "email", subject, html, text, characters: [...text].length, sms: null };
}

// ——— request schemas ———

const templateFields = {
  name: z.string().trim().min(1).max(120),
  channel: z.enum(MESSAGE_CHANNELS),
  subject: z.string().trim().min(1).max(300).nullish(),
  body: z.string().min(1).max(100_000),
  textBody: z.string().max(100_000).nullish(),
};

function checkTemplate(t: { channel?: MessageChannel; subject?: string | null; body?: string; textBody?: string | null }, ctx: z.RefinementCtx) {
  if (t.channel === "email" && !t.subject) ctx.addIssue({ code: "custom", path: ["subject"], message: "is required for email" });
  if (t.channel === "sms" && t.subject) ctx.addIssue({ code: "custom", path: ["subject"], message: "is for email only" });
  if (t.channel === "sms" && t.textBody) ctx.addIssue({ code: "custom", path: ["textBody"], message: "is for email only" });
  for (const field of ["subject", "body", "textBody"] as const) {
    const unknown = unknownVariables(t[field]);
    if (unknown.length) ctx.addIssue({ code: "custom", path: [field], message: `unknown variable${unknown.length > 1 ? "s" : ""}: ${unknown.join(", ")}` });
  }
}

export const templateInputSchema = z.object(templateFields).strict().superRefine(checkTemplate);
export type TemplateInput = z.input<typeof templateInputSchema>;

export const createTemplateRequestSchema = templateInputSchema;
export const updateTemplateRequestSchema = z.object(templateFields).partial().strict();
export type UpdateTemplateRequest = z.input<typeof updateTemplateRequestSchema>;
export const checkTemplateSchema = z.object(templateFields).strict().superRefine(checkTemplate);

export const previewRequestSchema = z
  .object({
    templateId: z.uuid().optional(),
    template: z.object({ channel: z.enum(MESSAGE_CHANNELS), subject: templateFields.subject, body: templateFields.body, textBody: templateFields.textBody }).strict().superRefine(checkTemplate).optional(),
    leadId: z.uuid(),
  })
  .strict()
  .refine((r) => (r.templateId ? 1 : 0) + (r.template ? 1 : 0) === 1, { error: "give templateId or template (one of them)", path: ["templateId"] });
export type PreviewRequest = z.input<typeof previewRequestSchema>;

export const sendMessageRequestSchema = z
  .object({
    channel: z.enum(MESSAGE_CHANNELS),
    templateId: z.uuid().optional(),
    subject: z.string().trim().min(1).max(300).optional(),
    body: z.string().min(1).max(100_000).optional(),
    textBody: z.string().max(100_000).optional(),
    scheduledFor: z.iso.datetime({ offset: true }).optional(),
    /** Sent twice with the same key, a message is queued once (the second call gets the first message). */
    idempotencyKey: z.string().trim().min(1).max(200).optional(),
  })
  .strict()
  .superRefine((r, ctx) => {
    if (r.templateId && (r.body || r.subject || r.textBody)) ctx.addIssue({ code: "custom", path: ["templateId"], message: "give templateId or subject/body, not both" });
    if (!r.templateId && !r.body) ctx.addIssue({ code: "custom", path: ["body"], message: "is required without templateId" });
    if (!r.templateId) checkTemplate(r, ctx);
  });
export type SendMessageRequest = z.input<typeof sendMessageRequestSchema>;

export const bulkSendRequestSchema = z
  .object({
    leadIds: z.array(z.uuid()).min(1).max(500),
    templateId: z.uuid(),
    scheduledFor: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();
export type BulkSendRequest = z.input<typeof bulkSendRequestSchema>;

export const listMessagesQuerySchema = z.object({
  status: z.enum(MESSAGE_STATUSES).optional(),
  leadId: z.uuid({ error: "must be a lead id" }).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export interface Message {
  id: string;
  leadId: string;
  templateId: string | null;
  channel: MessageChannel;
  to: string;
  from: string | null;
  subject: string | null;
  bodyHtml: string | null;
  bodyText: string;
  status: MessageStatus;
  provider: string | null;
  providerMessageId: string | null;
  error: string | null;
  scheduledFor: string | null;
  sentAt: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  /** Every status it went through, oldest first: queued, then what the job and the provider's callbacks said. */
  statusHistory?: { status: string; at: string }[];
}

export interface MessageTemplate {
  id: string;
  name: string;
  channel: MessageChannel;
  subject: string | null;
  body: string;
  textBody: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface MessagePreview extends RenderedMessage {
  to: string | null;
}

/** GET /api/messages/inbox: texts leads sent back (newest first), each with the lead it landed on. */
export interface InboxReply {
  id: string;
  leadId: string;
  leadName: string;
  from: string | null;
  body: string | null;
  keyword: string | null;
  receivedAt: string;
}
