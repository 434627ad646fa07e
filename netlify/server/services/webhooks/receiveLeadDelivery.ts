import { sql, type Kysely } from "kysely";
import type { WebhookAccepted } from "../../../../src/domain/leadSources";
import type { Database } from "../../db/schema";
import { readBodyText } from "../../http/body";
import { HttpError } from "../../http/errors";
import { touchArgument, upsertLeadArgument } from "../leads/upsertLead";
import { leadFromPayload } from "./leadFromPayload";
import type { LeadSourceMapping, LeadSourceType } from "../../../../src/domain/leadSources";
import { deliveryContentType, parseDeliveryBody } from "./parseDeliveryBody";
import { SIGNATURE_HEADER, verifySignature } from "./signature";
import { keptHeaders, recordEvent } from "./webhookEvents";
import { isUuid } from "../../http/ids";
import { cachedSource, fetchSource, forgetSource, STALE_SOURCE_SQLSTATE, type Source } from "./sourceCache";

export type { Source };

export const WEBHOOK_BODY_LIMIT = 256 * 1024;

export interface DeliveryAnswer {
  status: number;
  body: WebhookAccepted;
  headers?: Record<string, string>;
}

function failure(status: number, code: string, message: string, fields?: Record<string, string>, headers?: Record<string, string>) {
  return new HttpError(status, code, message, fields, headers);
}

/**
 * POST /api/webhooks/leads/:sourceId. Runs as the service role, deliberately: a delivery has no user; the
 * source's signature is the credential and the source fixes the org. Checks, in order: known and enabled
 * source (404), content type (415), size (413), signature (401), the source's rate limit (429), body (400),
 * idempotency (a repeat gets the first answer), the lead's fields (400); then one call of
 * private.accept_webhook_delivery upserts the lead (dedup), its timeline entry and the accepted delivery.
 * Every delivery of a known source is kept. The source may come from a 30-second cache (sourceCache.ts): a
 * delivery refused on the cached copy (signature, fields), or a change the database reports, is judged again
 * against a fresh read.
 */
export async function receiveLeadDelivery(db: Kysely<Database>, req: Request, sourceId: string): Promise<DeliveryAnswer> {
  if (!isUuid(sourceId)) throw failure(404, "not_found", "Lead source not found");
  const cached = cachedSource(sourceId);
  const source = cached ?? (await fetchSource(db, sourceId));
  if (!source) throw failure(404, "not_found", "Lead source not found");
  const delivery: Delivery = { req, base: { orgId: source.orgId, sourceId: source.id, headers: keptHeaders(req) }, rawBody: null, idempotencyKey: null };

  try {
    if (!source.enabled) throw disabled();
    const contentType = deliveryContentType(req);
    delivery.rawBody = await readBodyText(req, WEBHOOK_BODY_LIMIT);
    try {
      return await judge(db, source, contentType, delivery);
    } catch (err) {
      const stale = (err as { code?: string }).code === STALE_SOURCE_SQLSTATE;
      // A signature or a payload refused on the cached copy: the secret or the mapping may have changed since.
      const refusedFromCache = cached !== undefined && err instanceof HttpError && (err.status === 401 || err.status === 400);
      if (!stale && !refusedFromCache) throw err;
      forgetSource(sourceId);
      const fresh = await fetchSource(db, sourceId);
      if (!fresh?.enabled) throw disabled();
      return await judge(db, fresh, contentType, delivery);
    }
  } catch (err) {
    const known = err instanceof HttpError ? err : undefined;
    const status = known?.status ?? 500;
    const reason = known ? (known.fields ? `${known.message}: ${JSON.stringify(known.fields)}` : known.message) : "internal error";
    // The body is kept unless it was the problem (too large); a 413 keeps none of it.
    await recordEvent(db, {
      ...delivery.base,
      status: status >= 500 ? "failed" : "rejected",
      httpStatus: status,
      reason: known?.headers?.["x-reason"] === "disabled" ? "source is disabled" : reason.slice(0, 1000),
      idempotencyKey: delivery.idempotencyKey,
      body: status === 413 ? null : delivery.rawBody,
    }).catch(() => {});
    throw err;
  }
}

interface Delivery {
  req: Request;
  base: Base;
  rawBody: string | null;
  idempotencyKey: string | null;
}

const disabled = () => failure(404, "not_found", "Lead source not found", undefined, { "x-reason": "disabled" });

/** Signature, body, idempotency key; then (one call) the rate limit and the lead. Throws HttpError for a delivery it refuses. */
async function judge(db: Kysely<Database>, source: Source, contentType: ReturnType<typeof deliveryContentType>, d: Delivery): Promise<DeliveryAnswer> {
  const rawBody = d.rawBody!;
  const signature = verifySignature(d.req.headers.get(SIGNATURE_HEADER), rawBody, source.signingSecret);
  if (!signature.ok) throw failure(401, "invalid_signature", `Signature rejected: ${signature.reason}`);

  const payload = parseDeliveryBody(contentType, rawBody);
  const headerKey = d.req.headers.get("idempotency-key");
  if (headerKey !== null && (headerKey.length === 0 || headerKey.length > 200)) {
    throw failure(400, "validation_failed", "Idempotency-Key must be 1 to 200 characters", { "Idempotency-Key": "must be 1 to 200 characters" });
  }
  d.idempotencyKey = headerKey; // kept with the delivery even if its fields are rejected
  return acceptPayload(db, source, d.base, payload, rawBody, headerKey, (key) => (d.idempotencyKey = key));
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
  const call = () =>
    sql<{ answer: { response: WebhookAccepted; httpStatus: number; repeatOf: string | null; rateLimited?: boolean } }>`
      select private.accept_webhook_delivery(
        ${source.id}::uuid, ${source.version}::text, ${source.orgId}::uuid, ${idempotencyKey}::text,
        ${upsertLeadArgument(lead)}::jsonb,
        ${touchArgument({ channel: "webhook", actorId: null, details: { sourceId: source.id, sourceName: source.name }, attribution })}::jsonb,
        ${{ headers: base.headers, body: rawBody, reason: note }}::jsonb,
        ${source.rateLimitPerMinute}::int
      ) as answer`.execute(db);
  let result;
  try {
    result = (await call()).rows[0].answer;
  } catch (err) {
    // Two deliveries with one key (or of one person) raced past each other: the loser's call rolled back;
    // asked again, it answers as the winner did (or merges into the winner's lead).
    if ((err as { code?: string }).code !== "23505") throw err;
    result = (await call()).rows[0].answer;
  }
  if (result.rateLimited) {
    const retryAfter = String(60 - (Math.floor(Date.now() / 1000) % 60));
    throw failure(429, "rate_limited", `This source may deliver ${source.rateLimitPerMinute} leads a minute`, undefined, { "retry-after": retryAfter });
  }
  return result.repeatOf
    ? { status: result.httpStatus, body: result.response, headers: { "idempotent-replayed": "true" } }
    : { status: 202, body: result.response };
}
