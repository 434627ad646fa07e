import { sql, type Kysely } from "kysely";
import { z } from "zod";
import type { Database, MessagesTable } from "../../db/schema";
import { asService } from "../../db/transactions";
import { defineJob, type JobContext } from "../../jobs/jobDefinition";
import { enqueueJob } from "../../jobs/enqueueJob";
import { registerJob } from "../../jobs/jobRegistry";
import { checkCompliance } from "./complianceCheck";
import { LEAD_COLUMNS, unsubscribeUrlFor } from "./compose";
import { emailProvider, ProviderRefused, publicBaseUrl, smsProvider, type EmailProvider, type SmsProvider } from "./providers";
import { defaultSmsNumber } from "./smsNumbersService";

export interface SendProviders {
  email: EmailProvider | null;
  sms: SmsProvider | null;
}

export type SendResult = "sent" | "outbox" | "skipped" | "suppressed" | "blocked" | "rescheduled" | "failed";

type MessageRow = Pick<MessagesTable, "channel" | "toAddress" | "subject" | "bodyHtml" | "bodyText" | "templateId" | "bodyHash" | "idempotencyKey"> & { id: string; orgId: string; leadId: string; status: string; sendStartedAt: Date | null; createdAt: Date; scheduledFor: Date | null };

/**
 * Sends one queued message (service role). The guarantee: a message is handed to a provider AT MOST ONCE.
 * Before calling the provider the job commits `send_started_at` on a row that is still queued and has none;
 * a retry (or a second copy of the job) that finds it set never calls again. The provider's answer is recorded
 * in one transaction with the timeline entry. If the provider answered with an error (so it did not accept the
 * message), the mark is cleared and a retryable error (429, 5xx) is retried with backoff; any other error is
 * recorded as failed. If the process dies or the connection drops after the mark and before the answer is
 * recorded, the outcome is unknown: the message is marked failed ("outcome unknown") rather than risk a
 * second copy. Neither SendGrid's mail send nor Twilio's Messages API takes an idempotency key; the message id
 * travels with each send instead (SendGrid custom_args.message_id, Twilio's StatusCallback ?messageId=), so
 * every delivery event finds its message.
 */
export async function sendQueuedMessage(db: Kysely<Database>, orgId: string, messageId: string, providers: SendProviders, ctx: Pick<JobContext, "attempt"> & { maxAttempts: number; now?: Date }): Promise<SendResult> {
  const message = (await db.selectFrom("messages").selectAll().where("orgId", "=", orgId).where("id", "=", messageId).executeTakeFirst()) as MessageRow | undefined;
  if (!message || message.status !== "queued") return "skipped";
  if (message.sendStartedAt) {
    await finish(db, message, { status: "failed", error: "outcome unknown: the send was interrupted after it was handed to the provider; not retried so the lead never gets it twice" });
    return "failed";
  }
  const now = ctx.now ?? new Date();
  const lead = await db.selectFrom("leads").select([...LEAD_COLUMNS, "deletedAt"]).where("orgId", "=", orgId).where("id", "=", message.leadId).executeTakeFirst();
  if (!lead || lead.deletedAt) {
    await finish(db, message, { status: "failed", error: "the lead was deleted before the message was sent" });
    return "failed";
  }
  const verdict = await checkCompliance(db, orgId, lead, { channel: message.channel, to: message.toAddress, templateId: message.templateId, bodyHash: message.bodyHash, self: { id: message.id, createdAt: new Date(message.createdAt) } }, now);
  if (verdict.verdict !== "ok") {
    await finish(db, message, { status: verdict.verdict, error: verdict.reason });
    return verdict.verdict;
  }
  if (verdict.sendAt.getTime() > now.getTime()) {
    // Quiet hours began since it was queued: a new job at the next allowed time; this one is done.
    await asService(db, async (tx) => {
      await tx.updateTable("messages").set({ scheduledFor: verdict.sendAt }).where("id", "=", message.id).execute();
      await enqueueJob(tx, orgId, sendMessageJob, { messageId: message.id }, { delayMs: verdict.sendAt.getTime() - now.getTime() });
    });
    return "rescheduled";
  }

  const provider = message.channel === "email" ? providers.email : providers.sms;
  // A text goes out from the org's default number when it has one, else from TWILIO_FROM (the deployment's).
  const from = provider?.name === "twilio" ? ((await defaultSmsNumber(db, orgId)) ?? provider.from) : (provider?.from ?? null);
  if (!provider || !from) {
    await finish(db, message, { status: "outbox", provider: "outbox", from: null });
    return "outbox";
  }

  const claimed = await db
    .updateTable("messages")
    .set({ sendStartedAt: sql<Date>`now()`, fromAddress: from })
    .where("id", "=", message.id)
    .where("status", "=", "queued")
    .where("sendStartedAt", "is", null)
    .returning("id")
    .executeTakeFirst();
  if (!claimed) return "skipped";

  let providerMessageId: string | null;
  try {
    if (provider.name === "sendgrid") {
      const unsubscribeUrl = unsubscribeUrlFor(message.orgId, message.toAddress);
      ({ providerMessageId } = await provider.send({ messageId: message.id, to: message.toAddress, from, subject: message.subject ?? "", html: message.bodyHtml ?? "", text: message.bodyText, unsubscribeUrl }));
    } else {
      const statusCallback = `${publicBaseUrl()}/api/webhooks/twilio/status?messageId=${message.id}`;
      ({ providerMessageId } = await provider.send({ messageId: message.id, to: message.toAddress, from, body: message.bodyText, statusCallback }));
    }
  } catch (err) {
    if (err instanceof ProviderRefused) {
      if (err.retryable && ctx.attempt < ctx.maxAttempts) {
        // Not accepted by the provider: safe to try again.
        await db.updateTable("messages").set({ sendStartedAt: null, error: err.message }).where("id", "=", message.id).execute();
        throw err;
      }
      await finish(db, message, { status: "failed", error: err.message, provider: provider.name, from });
      return "failed";
    }
    await finish(db, message, { status: "failed", error: `outcome unknown (${(err as Error).message}); not retried so the lead never gets it twice`, provider: provider.name, from });
    return "failed";
  }
  await finish(db, message, { status: "sent", provider: provider.name, providerMessageId, from });
  return "sent";
}

/** The message's outcome and its timeline entry, in one transaction. A status a webhook already moved on is kept. */
async function finish(
  db: Kysely<Database>,
  message: MessageRow,
  outcome: { status: "sent" | "outbox" | "failed" | "suppressed" | "blocked"; error?: string; provider?: "sendgrid" | "twilio" | "outbox"; providerMessageId?: string | null; from?: string | null },
) {
  await asService(db, async (tx) => {
    await tx
      .updateTable("messages")
      .set({
        // A delivery callback can beat this write (the provider is fast): never overwrite a status it set.
        status: sql`case when status = 'queued' then ${outcome.status} else status end`,
        error: outcome.error ?? null,
        ...(outcome.provider ? { provider: outcome.provider } : {}),
        ...(outcome.providerMessageId !== undefined ? { providerMessageId: outcome.providerMessageId } : {}),
        ...(outcome.from !== undefined ? { fromAddress: outcome.from } : {}),
        ...(outcome.status === "sent" ? { sentAt: sql<Date>`now()` } : {}),
      })
      .where("id", "=", message.id)
      .execute();
    const type = outcome.status === "sent" ? "message.sent" : outcome.status === "outbox" ? "message.outbox" : outcome.status === "failed" ? "message.failed" : "message.blocked";
    await tx
      .insertInto("activities")
      .values({
        orgId: message.orgId,
        leadId: message.leadId,
        actorId: null,
        type,
        body: outcome.error ?? null,
        data: { messageId: message.id, channel: message.channel, subject: message.subject, to: message.toAddress, status: outcome.status, provider: outcome.provider ?? null },
      })
      .execute();
  });
}

const MAX_ATTEMPTS = 5;

export const sendMessageJob = defineJob({
  name: "send-message",
  queue: "messaging",
  maxAttempts: MAX_ATTEMPTS,
  schema: z.object({ messageId: z.uuid() }).strict(),
  async handle({ messageId }, ctx): Promise<SendResult> {
    return sendQueuedMessage(ctx.db, ctx.orgId, messageId, { email: emailProvider(), sms: smsProvider() }, { attempt: ctx.attempt, maxAttempts: MAX_ATTEMPTS });
  },
});
registerJob(sendMessageJob);
