import { randomUUID } from "node:crypto";
import { sql, type Selectable } from "kysely";
import {
  checkTemplateSchema,
  type BulkSendRequest,
  type Message,
  type MessagePreview,
  type MessageStatus,
  type MessageTemplate,
  type PreviewRequest,
  type SendMessageRequest,
  type TemplateInput,
  type TemplateSource,
  type UpdateTemplateRequest,
} from "../../../../src/domain/messaging";
import type { MessagesTable, MessageTemplatesTable } from "../../db/schema";
import type { Tx } from "../../db/transactions";
import { notFound, validationFailed } from "../../http/errors";
import { parseOrThrow } from "../../http/validation";
import { enqueueJob } from "../../jobs/enqueueJob";
import { bodyHash } from "./compliance";
import { checkCompliance } from "./complianceCheck";
import { composeForLead, LEAD_COLUMNS, type LeadForMessage } from "./compose";
import { sendMessageJob } from "./sendMessageJob";

// ——— templates ———

const toTemplate = (t: Selectable<MessageTemplatesTable>): MessageTemplate => ({
  id: t.id,
  name: t.name,
  channel: t.channel,
  subject: t.subject,
  body: t.body,
  textBody: t.textBody,
  createdAt: new Date(t.createdAt).toISOString(),
  updatedAt: new Date(t.updatedAt).toISOString(),
});

export async function listTemplates(tx: Tx, orgId: string): Promise<MessageTemplate[]> {
  return (await tx.selectFrom("messageTemplates").selectAll().where("orgId", "=", orgId).orderBy("name").execute()).map(toTemplate);
}

async function findTemplate(tx: Tx, orgId: string, id: string) {
  const t = await tx.selectFrom("messageTemplates").selectAll().where("orgId", "=", orgId).where("id", "=", id).executeTakeFirst();
  if (!t) throw notFound("Template");
  return t;
}

export async function createTemplate(tx: Tx, orgId: string, userId: string, input: TemplateInput): Promise<MessageTemplate> {
  const row = await tx
    .insertInto("messageTemplates")
    .values({ orgId, name: input.name, channel: input.channel, subject: input.channel === "email" ? (input.subject ?? null) : null, body: input.body, textBody: input.textBody || null, createdBy: userId })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toTemplate(row);
}

/** A partial change, checked as a whole template (channel rules, unknown variables) after merging. */
export async function updateTemplate(tx: Tx, orgId: string, id: string, patch: UpdateTemplateRequest): Promise<MessageTemplate> {
  const current = await findTemplate(tx, orgId, id);
  const merged = parseOrThrow(checkTemplateSchema, {
    name: patch.name ?? current.name,
    channel: patch.channel ?? current.channel,
    subject: patch.subject !== undefined ? patch.subject : current.subject,
    body: patch.body ?? current.body,
    textBody: patch.textBody !== undefined ? patch.textBody : current.textBody,
  });
  const row = await tx
    .updateTable("messageTemplates")
    .set({ name: merged.name, channel: merged.channel, subject: merged.channel === "email" ? (merged.subject ?? null) : null, body: merged.body, textBody: merged.textBody || null })
    .where("orgId", "=", orgId)
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toTemplate(row);
}

export async function deleteTemplate(tx: Tx, orgId: string, id: string): Promise<void> {
  const gone = await tx.deleteFrom("messageTemplates").where("orgId", "=", orgId).where("id", "=", id).returning("id").executeTakeFirst();
  if (!gone) throw notFound("Template");
}

// ——— preview ———

async function findLead(tx: Tx, orgId: string, leadId: string): Promise<LeadForMessage> {
  const lead = await tx.selectFrom("leads").select(LEAD_COLUMNS).where("orgId", "=", orgId).where("id", "=", leadId).where("deletedAt", "is", null).executeTakeFirst();
  if (!lead) throw notFound("Lead");
  return lead;
}

export async function previewMessage(tx: Tx, orgId: string, userId: string, req: PreviewRequest): Promise<MessagePreview> {
  const source: TemplateSource = req.templateId ? await findTemplate(tx, orgId, req.templateId) : req.template!;
  const lead = await findLead(tx, orgId, req.leadId);
  const { to, rendered } = await composeForLead(tx, orgId, lead, userId, source);
  return { ...rendered, to };
}

// ——— messages ———

const toMessage = (m: Selectable<MessagesTable>): Message => ({
  id: m.id,
  leadId: m.leadId,
  templateId: m.templateId,
  channel: m.channel,
  to: m.toAddress,
  from: m.fromAddress,
  subject: m.subject,
  bodyHtml: m.bodyHtml,
  bodyText: m.bodyText,
  status: m.status,
  provider: m.provider,
  providerMessageId: m.providerMessageId,
  error: m.error,
  scheduledFor: m.scheduledFor ? new Date(m.scheduledFor).toISOString() : null,
  sentAt: m.sentAt ? new Date(m.sentAt).toISOString() : null,
  createdBy: m.createdBy,
  createdAt: new Date(m.createdAt).toISOString(),
  updatedAt: new Date(m.updatedAt).toISOString(),
});

export interface QueueOptions {
  requestId?: string;
  now?: Date;
}

export type QueueOutcome = { message: Message; created: boolean } | { message: null; leadId: string; status: "blocked"; reason: string };

/**
 * Queues one message to one lead: rendered now (what is stored is exactly what will be sent), checked against
 * the suppression list and duplicates (→ a row with status suppressed/blocked and the reason), then queued for
 * the messaging job — at the next allowed time when it is quiet hours where the lead lives, or at scheduledFor.
 * The same idempotency key twice → the first message, nothing queued again.
 */
export async function queueMessage(tx: Tx, orgId: string, userId: string | null, leadId: string, req: SendMessageRequest, options: QueueOptions = {}): Promise<QueueOutcome> {
  if (req.idempotencyKey) {
    const existing = await tx.selectFrom("messages").selectAll().where("orgId", "=", orgId).where("idempotencyKey", "=", req.idempotencyKey).executeTakeFirst();
    if (existing) {
      if (existing.leadId !== leadId) throw validationFailed({ idempotencyKey: "was already used for a message to another lead" });
      return { message: toMessage(existing), created: false };
    }
  }
  const template = req.templateId ? await findTemplate(tx, orgId, req.templateId) : null;
  if (template && template.channel !== req.channel) throw validationFailed({ templateId: `is a ${template.channel} template; channel is ${req.channel}` });
  const source: TemplateSource = template ?? { channel: req.channel, subject: req.subject ?? null, body: req.body!, textBody: req.textBody ?? null };
  const lead = await findLead(tx, orgId, leadId);
  const { to, rendered } = await composeForLead(tx, orgId, lead, userId, source);
  if (!to) return { message: null, leadId, status: "blocked", reason: req.channel === "email" ? "the lead has no email address" : "the lead has no phone number" };
  const toAddress = req.channel === "email" ? to.toLowerCase() : to;
  const hash = bodyHash(req.channel, rendered.subject, rendered.text);
  const now = options.now ?? new Date();
  const scheduledFor = req.scheduledFor ? new Date(req.scheduledFor) : undefined;
  const verdict = await checkCompliance(tx, orgId, lead, { channel: req.channel, to: toAddress, templateId: template?.id ?? null, bodyHash: hash }, now, scheduledFor);

  const sendAt = verdict.verdict === "ok" ? verdict.sendAt : null;
  const row = await tx
    .insertInto("messages")
    .values({
      orgId,
      leadId,
      templateId: template?.id ?? null,
      channel: req.channel,
      toAddress,
      subject: rendered.subject,
      bodyHtml: rendered.html,
      bodyText: rendered.text,
      bodyHash: hash,
      // Suppressed sends are refused at the door too: stored as blocked, the reason naming the suppression.
      status: verdict.verdict === "ok" ? "queued" : "blocked",
      error: verdict.verdict === "ok" ? null : verdict.reason,
      idempotencyKey: req.idempotencyKey ?? randomUUID(),
      scheduledFor: sendAt && sendAt.getTime() > now.getTime() ? sendAt : null,
      createdBy: userId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  if (sendAt) await enqueueJob(tx, orgId, sendMessageJob, { messageId: row.id }, { delayMs: Math.max(0, sendAt.getTime() - now.getTime()), requestId: options.requestId });
  return { message: toMessage(row), created: true };
}

export interface BulkSendResult {
  queued: number;
  blocked: number;
  items: { leadId: string; status: MessageStatus; messageId: string | null; reason: string | null }[];
}

/** One template to many leads: each lead is one queueMessage (its own rules and reason); unknown leads → 404 for all. */
export async function bulkSend(tx: Tx, orgId: string, userId: string, req: BulkSendRequest, options: QueueOptions = {}): Promise<BulkSendResult> {
  const ids = [...new Set(req.leadIds)];
  const found = await tx.selectFrom("leads").select("id").where("orgId", "=", orgId).where("id", "in", ids).where("deletedAt", "is", null).execute();
  if (found.length !== ids.length) {
    const known = new Set(found.map((l) => l.id));
    throw validationFailed({ leadIds: `not found: ${ids.filter((id) => !known.has(id)).join(", ")}` });
  }
  const template = await findTemplate(tx, orgId, req.templateId);
  const items: BulkSendResult["items"] = [];
  for (const leadId of ids) {
    const outcome = await queueMessage(tx, orgId, userId, leadId, { channel: template.channel, templateId: template.id, scheduledFor: req.scheduledFor }, options);
    if (outcome.message) items.push({ leadId, status: outcome.message.status, messageId: outcome.message.id, reason: outcome.message.error });
    else items.push({ leadId, status: "blocked", messageId: null, reason: outcome.reason });
  }
  return { queued: items.filter((i) => i.status === "queued").length, blocked: items.filter((i) => i.status !== "queued").length, items };
}

export async function listLeadMessages(tx: Tx, orgId: string, leadId: string): Promise<Message[]> {
  await findLead(tx, orgId, leadId);
  const rows = await tx.selectFrom("messages").selectAll().where("orgId", "=", orgId).where("leadId", "=", leadId).orderBy("createdAt", "desc").orderBy("id", "desc").limit(200).execute();
  return rows.map(toMessage);
}

/** The org's messages, newest first, by status and/or lead, each with its status history (from the timeline). */
export async function listMessages(tx: Tx, orgId: string, q: { status?: MessageStatus; leadId?: string; limit: number }): Promise<Message[]> {
  let query = tx.selectFrom("messages").selectAll().where("orgId", "=", orgId);
  if (q.status) query = query.where("status", "=", q.status);
  if (q.leadId) query = query.where("leadId", "=", q.leadId);
  const messages = (await query.orderBy("createdAt", "desc").orderBy("id", "desc").limit(q.limit).execute()).map(toMessage);
  if (messages.length === 0) return messages;
  const events = await tx
    .selectFrom("activities")
    .select([sql<string>`data->>'messageId'`.as("messageId"), "type", "occurredAt"])
    .where("orgId", "=", orgId)
    .where("type", "like", "message.%")
    .where(sql<string>`data->>'messageId'`, "in", messages.map((m) => m.id))
    .orderBy("occurredAt")
    .execute();
  return messages.map((m) => ({
    ...m,
    statusHistory: [
      { status: "queued", at: m.createdAt },
      ...events.filter((e) => e.messageId === m.id).map((e) => ({ status: e.type.slice("message.".length), at: new Date(e.occurredAt).toISOString() })),
    ],
  }));
}
