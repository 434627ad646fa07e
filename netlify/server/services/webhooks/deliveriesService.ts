import { sql, type Kysely } from "kysely";
import type { Page } from "../../../../src/domain/leads";
import type { WebhookEvent } from "../../../../src/domain/leadSources";
import type { Database } from "../../db/schema";
import type { Tx } from "../../db/transactions";
import { HttpError, notFound } from "../../http/errors";
import { decodeListCursor, encodeListCursor } from "../leads/listCursor";
import { deliveryContentType, parseDeliveryBody } from "./parseDeliveryBody";
import { acceptPayload, type DeliveryAnswer } from "./receiveLeadDelivery";
import { fetchSource } from "./sourceCache";
import { isReplayable } from "./webhookEvents";
import { isUuid } from "../../http/ids";

const cursorTs = sql<string>`to_char(received_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** An org's deliveries, newest first, read under RLS (owners and admins). */
export async function listDeliveries(tx: Tx, orgId: string, q: { sourceId?: string; status?: string; limit: number; cursor?: string }): Promise<Page<WebhookEvent>> {
  let query = tx
    .selectFrom("webhookEvents")
    .select(["id", "sourceId", "status", "httpStatus", "reason", "idempotencyKey", "leadId", "receivedAt", "body"])
    .select(cursorTs.as("cursorTs"))
    .where("orgId", "=", orgId)
    .orderBy("receivedAt", "desc")
    .orderBy("id", "desc")
    .limit(q.limit + 1);
  if (q.sourceId) query = query.where("sourceId", "=", q.sourceId);
  if (q.status) query = query.where("status", "=", q.status);
  if (q.cursor) {
    const after = decodeListCursor(q.cursor, "received:desc");
    query = query.where(sql<boolean>`(received_at, id) < (cast(${after.value} as text)::timestamptz, ${after.id}::uuid)`);
  }
  const rows = await query.execute();
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => ({
      id: r.id,
      sourceId: r.sourceId,
      status: r.status as WebhookEvent["status"],
      httpStatus: r.httpStatus,
      reason: r.reason,
      idempotencyKey: r.idempotencyKey,
      leadId: r.leadId,
      receivedAt: new Date(r.receivedAt).toISOString(),
      body: r.body,
      replayable: isReplayable(r),
    })),
    nextCursor: rows.length > q.limit && last ? encodeListCursor({ sort: "received:desc", value: last.cursorTs, id: last.id }) : null,
  };
}

/** Checks (under the caller's RLS) that the delivery exists in their org and can be replayed. */
export async function loadReplayableDelivery(tx: Tx, orgId: string, id: string) {
  if (!isUuid(id)) throw notFound("Delivery");
  const event = await tx
    .selectFrom("webhookEvents")
    .select(["id", "sourceId", "status", "httpStatus", "body", "headers", "idempotencyKey"])
    .where("orgId", "=", orgId)
    .where("id", "=", id)
    .executeTakeFirst();
  if (!event) throw notFound("Delivery");
  if (!isReplayable(event)) {
    throw new HttpError(409, "not_replayable", "Only deliveries that passed the signature check and were rejected for their content or load can be replayed");
  }
  return event;
}

/**
 * Runs a stored delivery again (after its mapping was fixed, say) — as the service role, as a delivery would.
 * The original delivery stays as it was; the replay is a new, accepted delivery that names it.
 */
export async function replayDelivery(db: Kysely<Database>, event: Awaited<ReturnType<typeof loadReplayableDelivery>>): Promise<DeliveryAnswer> {
  const source = await fetchSource(db, event.sourceId);
  if (!source) throw notFound("Lead source");
  const headers = (event.headers ?? {}) as Record<string, string>;
  const contentType = deliveryContentType(new Request("http://replay/", { method: "POST", headers: { "content-type": headers["content-type"] ?? "application/json" } }));
  const payload = parseDeliveryBody(contentType, event.body!);
  return acceptPayload(db, source, { orgId: source.orgId, sourceId: source.id, headers }, payload, event.body!, event.idempotencyKey, undefined, `replay of delivery ${event.id}`);
}
