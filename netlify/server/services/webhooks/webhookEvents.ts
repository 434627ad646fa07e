import type { Kysely } from "kysely";
import type { Database, JsonDocument } from "../../db/schema";

export interface EventRecord {
  orgId: string;
  sourceId: string;
  status: "accepted" | "duplicate" | "rejected" | "failed";
  httpStatus: number;
  reason?: string | null;
  idempotencyKey?: string | null;
  headers: Record<string, string>;
  body?: string | null;
  leadId?: string | null;
  response?: unknown;
}

const KEPT_HEADERS = ["content-type", "user-agent", "idempotency-key", "x-hidden-key-signature", "x-request-id"];

export function keptHeaders(req: Request): Record<string, string> {
  const out: Record<string, string> = {};
  for (const h of KEPT_HEADERS) {
    const v = req.headers.get(h);
    if (v) out[h] = v.slice(0, 500);
  }
  return out;
}

/** Every delivery is kept, accepted or not (service role: a delivery has no user). */
export async function recordEvent(db: Kysely<Database>, e: EventRecord): Promise<string> {
  const row = await db
    .insertInto("webhookEvents")
    .values({
      orgId: e.orgId,
      sourceId: e.sourceId,
      status: e.status,
      httpStatus: e.httpStatus,
      reason: e.reason ?? null,
      idempotencyKey: e.idempotencyKey ?? null,
      headers: e.headers,
      body: e.body ?? null,
      leadId: e.leadId ?? null,
      response: e.response === undefined ? null : (e.response as JsonDocument),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Deliveries whose body was signature-checked and that failed only on content or load: worth replaying. */
export function isReplayable(e: { status: string; httpStatus: number; body: string | null }): boolean {
  return (e.status === "rejected" || e.status === "failed") && e.body !== null && [400, 429, 500].includes(e.httpStatus);
}
