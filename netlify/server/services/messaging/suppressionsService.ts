import { sql } from "kysely";
import type { AddSuppressionRequest, Suppression, SuppressionChannel, SuppressionReason } from "../../../../src/domain/suppressions";
import type { Tx } from "../../db/transactions";
import { conflict, notFound } from "../../http/errors";
import { isUuid } from "../../http/ids";
import { decodeListCursor, encodeListCursor } from "../leads/listCursor";

// The do-not-contact list as staff see it. Runs as the caller: RLS lets staff read and add manual entries and
// owners/admins remove manual entries; the send path (complianceCheck.ts) reads the same rows before every send.

const COLUMNS = ["id", "channel", "address", "reason", "source", "createdAt"] as const;
type Row = { id: string; channel: string; address: string; reason: string; source: string; createdAt: Date };
const toSuppression = (r: Row): Suppression => ({
  id: r.id,
  channel: r.channel as SuppressionChannel,
  address: r.address,
  reason: r.reason as SuppressionReason,
  source: r.source,
  createdAt: new Date(r.createdAt).toISOString(),
});

/** The keyset position in full microseconds (a Date would drop them, and rows of the same millisecond be skipped). */
const createdMicros = sql<string>`to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
const CURSOR_SORT = "suppression:desc";

/** Newest first, keyset-paged; `q` matches part of the address. */
export async function listSuppressions(
  tx: Tx,
  orgId: string,
  query: { channel?: SuppressionChannel; q?: string; limit: number; cursor?: string },
): Promise<{ items: Suppression[]; nextCursor: string | null }> {
  let q = tx.selectFrom("suppressionList").select(COLUMNS).select(createdMicros.as("cursorTs")).where("orgId", "=", orgId);
  if (query.channel) q = q.where("channel", "=", query.channel);
  if (query.q) q = q.where("address", "ilike", `%${query.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (query.cursor) {
    const after = decodeListCursor(query.cursor, CURSOR_SORT);
    q = q.where(sql<boolean>`(created_at, id) < (cast(${after.value} as text)::timestamptz, ${after.id}::uuid)`);
  }
  const rows = await q.orderBy("createdAt", "desc").orderBy("id", "desc").limit(query.limit + 1).execute();
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(toSuppression),
    nextCursor: rows.length > query.limit && last ? encodeListCursor({ sort: CURSOR_SORT, value: last.cursorTs, id: last.id }) : null,
  };
}

/**
 * Adds an address by hand. Already on the list (for any reason) → the existing entry, `created: false`: the address
 * is suppressed either way, and a STOP entry is not downgraded to a removable manual one.
 */
export async function addSuppression(tx: Tx, orgId: string, input: AddSuppressionRequest & { address: string }): Promise<{ suppression: Suppression; created: boolean }> {
  const inserted = await tx
    .insertInto("suppressionList")
    .values({ orgId, channel: input.channel, address: input.address, reason: "manual", source: "manual" })
    .onConflict((oc) => oc.columns(["orgId", "channel", "address"]).doNothing())
    .returning(COLUMNS)
    .executeTakeFirst();
  if (inserted) return { suppression: toSuppression(inserted), created: true };
  const existing = await tx
    .selectFrom("suppressionList")
    .select(COLUMNS)
    .where("orgId", "=", orgId)
    .where("channel", "=", input.channel)
    .where("address", "=", input.address)
    .executeTakeFirstOrThrow();
  return { suppression: toSuppression(existing), created: false };
}

/** Removes an entry added by hand; 409 for an opt-out or a provider's report (only the person lifts those). */
export async function removeSuppression(tx: Tx, orgId: string, id: string): Promise<void> {
  if (!isUuid(id)) throw notFound("Suppression");
  // One statement decides (no row lock needed: staff may not update entries, so a manual one stays manual).
  const deleted = await tx.deleteFrom("suppressionList").where("orgId", "=", orgId).where("id", "=", id).where("reason", "=", "manual").returning("id").executeTakeFirst();
  if (deleted) return;
  const row = await tx.selectFrom("suppressionList").select(["reason"]).where("orgId", "=", orgId).where("id", "=", id).executeTakeFirst();
  if (!row) throw notFound("Suppression");
  throw conflict(
    "not_removable",
    `This address opted out itself (${row.reason}); only the person can lift it — by texting START or subscribing again.`,
  );
}
