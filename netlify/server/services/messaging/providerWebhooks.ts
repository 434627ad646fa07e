import { EventWebhook } from "@sendgrid/eventwebhook";
import type { Kysely } from "kysely";
import twilio from "twilio";
import type { MessageStatus } from "../../../../src/domain/messaging";
import { getConfig } from "../../config";
import type { Database } from "../../db/schema";
import { asService, type Tx } from "../../db/transactions";
import { readBodyText } from "../../http/body";
import { HttpError } from "../../http/errors";
import { isUuid } from "../../http/ids";
import { nextStatus, smsKeyword } from "./compliance";
import { publicBaseUrl } from "./providers";
import { orgOwningSmsNumber } from "./smsNumbersService";
import { verifyUnsubscribeToken } from "./unsubscribe";

// Provider webhooks (service role: the provider's signature is the credential) and the unsubscribe link.

export const PROVIDER_WEBHOOK_LIMIT = 256 * 1024;

/** The URL Twilio signed: the public origin (PUBLIC_BASE_URL / URL) with the request's path and query. */
function signedUrl(req: Request): string {
  const url = new URL(req.url);
  return `${publicBaseUrl(url.origin)}${url.pathname}${url.search}`;
}

/**
 * A Twilio webhook's form fields, after its X-Twilio-Signature has been checked with twilio.validateRequest
 * (HMAC-SHA1 of the URL and the sorted fields with the auth token). 404 when Twilio is not configured, 415 for
 * a non-form body, 403 for a missing or wrong signature.
 */
export async function readTwilioWebhook(req: Request): Promise<Record<string, string>> {
  const token = getConfig().TWILIO_AUTH_TOKEN;
  if (!token) throw new HttpError(404, "not_configured", "Twilio is not configured (TWILIO_AUTH_TOKEN)");
  const type = (req.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded") throw new HttpError(415, "unsupported_media_type", "Twilio webhooks are application/x-www-form-urlencoded");
  const text = await readBodyText(req, PROVIDER_WEBHOOK_LIMIT);
  const params: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(text)) params[k] = v;
  const signature = req.headers.get("x-twilio-signature");
  if (!signature) throw new HttpError(403, "invalid_signature", "X-Twilio-Signature is missing", { "x-twilio-signature": "is required" });
  if (!twilio.validateRequest(token, signature, signedUrl(req), params)) throw new HttpError(403, "invalid_signature", "X-Twilio-Signature does not match", { "x-twilio-signature": "does not match" });
  return params;
}

const E164 = /^\+[1-9]\d{6,14}$/;

function requireField(params: Record<string, string>, name: string, pattern?: RegExp): string {
  const value = params[name]?.trim();
  if (!value) throw new HttpError(400, "validation_failed", `Invalid ${name}`, { [name]: "is required" });
  if (pattern && !pattern.test(value)) throw new HttpError(400, "validation_failed", `Invalid ${name}`, { [name]: "is not in the expected format" });
  return value;
}

/**
 * The orgs an inbound message from `from` to our number `to` concerns: the org that owns `to` (org_sms_numbers);
 * else — only for TWILIO_FROM, or any number when TWILIO_FROM is unset — TWILIO_ORG_ID, else the orgs that texted
 * `from` from it (latest first). None: a number we don't know.
 */
async function orgsForNumber(tx: Tx, to: string, from: string): Promise<string[]> {
  const owner = await orgOwningSmsNumber(tx, to);
  if (owner) return [owner];
  const configuredFrom = getConfig().TWILIO_FROM;
  if (configuredFrom && to !== configuredFrom) return [];
  const configured = getConfig().TWILIO_ORG_ID;
  if (configured) return [configured];
  const rows = await tx
    .selectFrom("messages")
    .select("orgId")
    .select((eb) => eb.fn.max("createdAt").as("latest"))
    .where("channel", "=", "sms")
    .where("toAddress", "=", from)
    .where("fromAddress", "=", to)
    .groupBy("orgId")
    .orderBy("latest", "desc")
    .execute();
  return rows.map((r) => r.orgId);
}

export interface InboundResult {
  kind: "stop" | "start" | "message";
  orgIds: string[];
  leadIds: string[];
}

/**
 * POST /api/webhooks/twilio/inbound. STOP words put the sender on every concerned org's suppression list; START
 * words take them off (only what a STOP put there); anything else lands on the timeline of the org's leads with
 * that phone number (message.received). A number we don't know is answered 200 and ignored.
 */
export async function handleTwilioInbound(db: Kysely<Database>, params: Record<string, string>): Promise<InboundResult> {
  const from = requireField(params, "From", E164);
  const to = requireField(params, "To", E164);
  const body = params.Body ?? "";
  const sid = params.MessageSid ?? params.SmsSid ?? null;
  const keyword = smsKeyword(body);
  return asService(db, async (tx) => {
    const orgIds = await orgsForNumber(tx, to, from);
    if (orgIds.length === 0) return { kind: keyword ?? "message", orgIds, leadIds: [] };
    const leads = await tx.selectFrom("leads").select(["id", "orgId"]).where("orgId", "in", orgIds).where("phone", "=", from).where("deletedAt", "is", null).execute();
    if (keyword === "stop") {
      for (const orgId of orgIds) {
        await tx
          .insertInto("suppressionList")
          .values({ orgId, channel: "sms", address: from, reason: "stop", source: "twilio_inbound" })
          .onConflict((oc) => oc.columns(["orgId", "channel", "address"]).doUpdateSet({ reason: "stop", source: "twilio_inbound" }))
          .execute();
      }
    } else if (keyword === "start") {
      await tx.deleteFrom("suppressionList").where("orgId", "in", orgIds).where("channel", "=", "sms").where("address", "=", from).where("reason", "=", "stop").execute();
    }
    // Only the owning org (the first) gets the reply on its timeline; keywords are recorded too.
    const owner = orgIds[0];
    for (const lead of leads.filter((l) => l.orgId === owner)) {
      await tx
        .insertInto("activities")
        .values({ orgId: owner, leadId: lead.id, actorId: null, type: "message.received", body: body.slice(0, 2000), data: { channel: "sms", from, to, messageSid: sid, keyword } })
        .execute();
    }
    return { kind: keyword ?? "message", orgIds, leadIds: leads.filter((l) => l.orgId === owner).map((l) => l.id) };
  });
}

const TWILIO_STATUS: Record<string, MessageStatus | undefined> = { sent: "sent", delivered: "delivered", undelivered: "failed", failed: "failed", read: "opened" };

/** POST /api/webhooks/twilio/status: MessageStatus for the message named by ?messageId= or by its MessageSid. */
export async function handleTwilioStatus(db: Kysely<Database>, url: URL, params: Record<string, string>): Promise<{ updated: boolean }> {
  const sid = requireField(params, "MessageSid", /^(SM|MM)[0-9a-fA-F]{32}$/);
  const raw = requireField(params, "MessageStatus").toLowerCase();
  const status = TWILIO_STATUS[raw];
  if (!status) return { updated: false }; // queued, accepted, sending, scheduled…: nothing to record
  const error = params.ErrorCode ? `Twilio error ${params.ErrorCode}${params.ErrorMessage ? `: ${params.ErrorMessage}` : ""}` : null;
  const messageId = url.searchParams.get("messageId");
  return asService(db, async (tx) => {
    let q = tx.selectFrom("messages").select(["id", "orgId", "leadId", "status", "channel", "subject", "providerMessageId"]).where("channel", "=", "sms").forUpdate();
    q = messageId && isUuid(messageId) ? q.where("id", "=", messageId) : q.where("provider", "=", "twilio").where("providerMessageId", "=", sid);
    const message = await q.executeTakeFirst();
    if (!message || (message.providerMessageId && message.providerMessageId !== sid)) return { updated: false };
    return { updated: await applyStatus(tx, message, status, error, { providerMessageId: sid, provider: "twilio" }) };
  });
}

type TrackedMessage = { id: string; orgId: string; leadId: string; status: MessageStatus; channel: "email" | "sms"; subject: string | null };

/** Moves a message forward (never back) and puts the change on the lead's timeline. */
async function applyStatus(tx: Tx, message: TrackedMessage, incoming: MessageStatus, error: string | null, ids: { provider: "twilio" | "sendgrid"; providerMessageId?: string }): Promise<boolean> {
  const next = nextStatus(message.status, incoming);
  if (!next) return false;
  await tx
    .updateTable("messages")
    .set({ status: next, provider: ids.provider, ...(ids.providerMessageId ? { providerMessageId: ids.providerMessageId } : {}), ...(error ? { error } : {}) })
    .where("id", "=", message.id)
    .execute();
  await tx
    .insertInto("activities")
    .values({ orgId: message.orgId, leadId: message.leadId, actorId: null, type: `message.${next}`, body: error, data: { messageId: message.id, channel: message.channel, subject: message.subject, status: next, previous: message.status } })
    .execute();
  message.status = next;
  return true;
}

const SENDGRID_EVENT: Record<string, MessageStatus | undefined> = { delivered: "delivered", open: "opened", click: "clicked", bounce: "bounced", dropped: "failed", blocked: "failed" };
const SENDGRID_SUPPRESS: Record<string, "unsubscribe" | "bounce" | "spam_report" | undefined> = { unsubscribe: "unsubscribe", group_unsubscribe: "unsubscribe", spamreport: "spam_report", bounce: "bounce" };
const SIGNATURE_HEADER = "x-twilio-email-event-webhook-signature";
const TIMESTAMP_HEADER = "x-twilio-email-event-webhook-timestamp";

/** SENDGRID_WEBHOOK_PUBLIC_KEY as PEM (SendGrid shows the base64 DER without the armour). */
function publicKeyPem(key: string): string {
  if (key.includes("BEGIN PUBLIC KEY")) return key;
  const body = key.replace(/\s+/g, "").match(/.{1,64}/g)?.join("\n") ?? "";
  return `-----BEGIN PUBLIC KEY-----\n${body}\n-----END PUBLIC KEY-----`;
}

export interface SendgridEventsResult {
  received: number;
  updated: number;
  suppressed: number;
  ignored: number;
}

/**
 * POST /api/webhooks/sendgrid/events: a JSON array of events, signed with SendGrid's ECDSA key (checked with
 * @sendgrid/eventwebhook over timestamp + raw body; 403 otherwise). Each event finds its message by
 * custom_args message_id (top-level `message_id`) or sg_message_id's prefix (the X-Message-Id).
 */
export async function handleSendgridEvents(db: Kysely<Database>, req: Request): Promise<SendgridEventsResult> {
  const key = getConfig().SENDGRID_WEBHOOK_PUBLIC_KEY;
  if (!key) throw new HttpError(404, "not_configured", "The SendGrid event webhook is not configured (SENDGRID_WEBHOOK_PUBLIC_KEY)");
  const raw = await readBodyText(req, PROVIDER_WEBHOOK_LIMIT * 4);
  const signature = req.headers.get(SIGNATURE_HEADER);
  const timestamp = req.headers.get(TIMESTAMP_HEADER);
  if (!signature || !timestamp) throw new HttpError(403, "invalid_signature", "The event webhook signature headers are missing", { [signature ? TIMESTAMP_HEADER : SIGNATURE_HEADER]: "is required" });
  let valid = false;
  try {
    const ew = new EventWebhook();
    valid = ew.verifySignature(ew.convertPublicKeyToECDSA(publicKeyPem(key)), raw, signature, timestamp);
  } catch {
    valid = false;
  }
  if (!valid) throw new HttpError(403, "invalid_signature", "The event webhook signature does not match", { [SIGNATURE_HEADER]: "does not match" });
  let events: unknown;
  try {
    events = JSON.parse(raw);
  } catch {
    throw new HttpError(400, "malformed_json", "Request body is not valid JSON");
  }
  if (!Array.isArray(events)) throw new HttpError(400, "validation_failed", "Invalid body", { body: "must be a JSON array of events" });
  const result: SendgridEventsResult = { received: events.length, updated: 0, suppressed: 0, ignored: 0 };
  await asService(db, async (tx) => {
    for (const [i, e] of events.entries()) {
      if (!e || typeof e !== "object" || typeof (e as { event?: unknown }).event !== "string") throw new HttpError(400, "validation_failed", `Invalid event ${i}`, { [`${i}.event`]: "is required" });
      const event = e as { event: string; email?: unknown; message_id?: unknown; sg_message_id?: unknown; reason?: unknown };
      const messageId = typeof event.message_id === "string" && isUuid(event.message_id) ? event.message_id : null;
      const sgId = typeof event.sg_message_id === "string" ? event.sg_message_id.split(".")[0] : null;
      if (!messageId && !sgId) {
        result.ignored++;
        continue;
      }
      let q = tx.selectFrom("messages").select(["id", "orgId", "leadId", "status", "channel", "subject", "toAddress"]).where("channel", "=", "email").forUpdate();
      q = messageId ? q.where("id", "=", messageId) : q.where("provider", "=", "sendgrid").where("providerMessageId", "=", sgId);
      const message = await q.executeTakeFirst();
      if (!message) {
        result.ignored++;
        continue;
      }
      const suppress = SENDGRID_SUPPRESS[event.event];
      if (suppress) {
        await tx
          .insertInto("suppressionList")
          .values({ orgId: message.orgId, channel: "email", address: message.toAddress, reason: suppress, source: "sendgrid_event" })
          .onConflict((oc) => oc.columns(["orgId", "channel", "address"]).doNothing())
          .execute();
        result.suppressed++;
      }
      const status = SENDGRID_EVENT[event.event];
      const reason = typeof event.reason === "string" ? event.reason.slice(0, 500) : null;
      if (status && (await applyStatus(tx, message, status, status === "bounced" || status === "failed" ? reason : null, { provider: "sendgrid" }))) result.updated++;
      else if (!suppress) result.ignored++;
    }
  });
  return result;
}

/** GET|POST /api/unsubscribe/:token: suppresses the address the signed token names (idempotent). */
export async function unsubscribe(db: Kysely<Database>, token: string): Promise<{ address: string; orgName: string }> {
  const claim = verifyUnsubscribeToken(token);
  if (!claim || !isUuid(claim.orgId)) throw new HttpError(404, "not_found", "This unsubscribe link is not valid");
  return asService(db, async (tx) => {
    const org = await tx.selectFrom("orgs").select("name").where("id", "=", claim.orgId).executeTakeFirst();
    if (!org) throw new HttpError(404, "not_found", "This unsubscribe link is not valid");
    await tx
      .insertInto("suppressionList")
      .values({ orgId: claim.orgId, channel: claim.channel, address: claim.address, reason: "unsubscribe", source: "unsubscribe_link" })
      .onConflict((oc) => oc.columns(["orgId", "channel", "address"]).doNothing())
      .execute();
    return { address: claim.address, orgName: org.name };
  });
}
