import { sql, type Kysely } from "kysely";
import type { WebhookAccepted } from "../../../../src/domain/leadSources";
import type { Database } from "../../db/schema";
import { asService } from "../../db/transactions";
import { readBodyText } from "../../http/body";
import { HttpError } from "../../http/errors";
import { upsertLead } from "../leads/upsertLead";
import { leadFromPayload } from "./leadFromPayload";
import type { LeadSourceMapping, LeadSourceType } from "../../../../src/domain/leadSources";
import { deliveryContentType, parseDeliveryBody } from "./parseDeliveryBody";
import { SIGNATURE_HEADER, verifySignature } from "./signature";
import { findAcceptedDelivery, keptHeaders, recordEvent } from "./webhookEvents";
import { isUuid } from "../../http/ids";

export const WEBHOOK_BODY_LIMIT = 256 * 1024;

export interface DeliveryAnswer {
  status: number;
  body: WebhookAccepted;
  headers?: Record<string, string>;
}

export interface Source {
  id: string;
  orgId: string;
  name: string;
  type: string;
  mapping: unknown;
  enabled: boolean;
  signingSecret: string;
  rateLimitPerMinute: number;
}

function failure(status: number, code: string, message: string, fields?: Record<string, string>, headers?: Record<string, string>) {
  return new HttpError(status, code, message, fields, headers);
}

/**
 * POST /api/webhooks/leads/:sourceId. Runs as the service role, deliberately: a delivery has no user; the
 * source's signature is the credential and the source fixes the org. Checks, in order: known and enabled
 * source (404), content type (415), size (413), signature (401), the source's rate limit (429), body (400),
 * idempotency (a repeat gets the first answer), the lead's fields (400); then one transaction upserts the lead
 * (dedup), its timeline entry and the accepted delivery. Every delivery of a known source is kept.
 */
export async function receiveLeadDelivery(db: Kysely<Database>, req: Request, sourceId: string): Promise<DeliveryAnswer> {
  if (!isUuid(sourceId)) throw failure(404, "not_found", "Lead source not found");
  const source = (await db.selectFrom("webhookSources").selectAll().where("id", "=", sourceId).executeTakeFirst()) as Source | undefined;
  if (!source) throw failure(404, "not_found", "Lead source not found");
  const headers = keptHeaders(req);
  const base = { orgId: source.orgId, sourceId: source.id, headers };
  let rawBody: string | null = null;
  let idempotencyKey: string | null = null;

  try {
    if (!source.enabled) throw failure(404, "not_found", "Lead source not found", undefined, { "x-reason": "disabled" });
    const contentType = deliveryContentType(req);
    rawBody = await readBodyText(req, WEBHOOK_BODY_LIMIT);
    const signature = verifySignature(req.headers.get(SIGNATURE_HEADER), rawBody, source.signingSecret);
    if (!signature.ok) throw failure(401, "invalid_signature", `Signature rejected: ${signature.reason}`);

    const hits = await sql<{ hits: number }>`select private.rate_limit_hit(${`webhook:${source.id}`}, 60) as hits`.execute(db);
    if (hits.rows[0].hits > source.rateLimitPerMinute) {
      const retryAfter = String(60 - (Math.floor(Date.now() / 1000) % 60));
      throw failure(429, "rate_limited", `This source may deliver ${source.rateLimitPerMinute} leads a minute`, undefined, { "retry-after": retryAfter });
    }

    const payload = parseDeliveryBody(contentType, rawBody);
    const headerKey = req.headers.get("idempotency-key");
    if (headerKey !== null && (headerKey.length === 0 || headerKey.length > 200)) {
      throw failure(400, "validation_failed", "Idempotency-Key must be 1 to 200 characters", { "Idempotency-Key": "must be 1 to 200 characters" });
    }
    idempotencyKey = headerKey; // kept with the delivery even if its fields are rejected
    return await acceptPayload(db, source, base, payload, rawBody, headerKey, (key) => (idempotencyKey = key));
  } catch (err) {
    const known = err instanceof HttpError ? err : undefined;
    const status = known?.status ?? 500;
    const reason = known ? (known.fields ? `${known.message}: ${JSON.stringify(known.fields)}` : known.message) : "internal error";
    // The body is kept unless it was the problem (too large); a 413 keeps none of it.
    await recordEvent(db, {
      ...base,
      status: status >= 500 ? "failed" : "rejected",
      httpStatus: status,
      reason: known?.headers?.["x-reason"] === "disabled" ? "source is disabled" : reason.slice(0, 1000),
      idempotencyKey,
      body: status === 413 ? null : rawBody,
    }).catch(() => {});
    throw err;
  }
}

type Base = { orgId: string; sourceId: string; headers: Record<string, string> };

/** A signature-checked payload → lead, once per idempotency key. Shared by deliveries and replays. */
export async function acceptPayload(
  db: Kysely<Database>,
  source: Source,
  base: Base,
  payload: unknown,
  rawBody: string,
  headerKey: string | null,
  onKey: (key: string | null) => void = () => {},
  note: string | null = null,
): Promise<DeliveryAnswer> {
  const { lead, eventId, attribution } = leadFromPayload(source.type as LeadSourceType, (source.mapping ?? {}) as LeadSourceMapping, payload, source.name);
  const idempotencyKey = headerKey ?? eventId;
  onKey(idempotencyKey);
  if (idempotencyKey) {
    const first = await findAcceptedDelivery(db, source.id, idempotencyKey);
    if (first) return repeatOf(db, base, first, rawBody, idempotencyKey);
  }
  try {
    return await asService(db, async (tx) => {
      const result = await upsertLead(tx, source.orgId, lead, {
        channel: "webhook",
        actorId: null,
        details: { sourceId: source.id, sourceName: source.name },
        attribution,
      });
      const answer: WebhookAccepted = { leadId: result.lead.id, duplicate: result.duplicate };
      await recordEvent(tx, { ...base, status: "accepted", httpStatus: 202, reason: note, idempotencyKey, body: rawBody, leadId: answer.leadId, response: answer });
      return { status: 202, body: answer };
    });
  } catch (err) {
    // Two deliveries with one key raced: the loser's transaction rolled back; answer as the winner did.
    if ((err as { code?: string }).code === "23505" && idempotencyKey) {
      const first = await findAcceptedDelivery(db, source.id, idempotencyKey);
      if (first) return repeatOf(db, base, first, rawBody, idempotencyKey);
    }
    throw err;
  }
}

async function repeatOf(
  db: Kysely<Database>,
  base: Base,
  first: { id: string; response: unknown; httpStatus: number; leadId: string | null },
  rawBody: string,
  idempotencyKey: string,
): Promise<DeliveryAnswer> {
  await recordEvent(db, { ...base, status: "duplicate", httpStatus: first.httpStatus, reason: `repeat of delivery ${first.id}`, idempotencyKey, body: rawBody, leadId: first.leadId, response: first.response });
  return { status: first.httpStatus, body: first.response as WebhookAccepted, headers: { "idempotent-replayed": "true" } };
}
