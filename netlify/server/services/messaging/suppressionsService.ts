import { sql } from "kysely";
import type { AddSuppressionRequest, Suppression, SuppressionChannel, SuppressionReason } from "../../../../src/domain/suppressions";
import type { Tx } from "../../db/transactions";
import { badRequest, conflict, notFound } from "../../http/errors";
import { isUuid } from "../../http/ids";

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

const encodeCursor = (r: Row) => Buffer.from(JSON.stringify([new Date(r.createdAt).toISOString(), r.id])).toString("base64url");
function decodeCursor(cursor: string): [string, string] {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as [string, string];
    if (typeof at === "string" && !Number.isNaN(Date.parse(at)) && isUuid(id)) return [at, id];
  } catch {
    // fall through
  }
  throw badRequest("Invalid cursor", { cursor: "is not a cursor this API gave out" });
}

/** Newest first, keyset-paged; `q` matches part of the address. */
export async function listSuppressions(
  tx: Tx,
  orgId: string,
  query: { channel?: SuppressionChannel; q?: string; limit: number; cursor?: string },
): Promise<{ items: Suppression[]; nextCursor: string | null }> {
  let q = tx.selectFrom("suppressionList").select(COLUMNS).where("orgId", "=", orgId);
  if (query.channel) q = q.where("channel", "=", query.channel);
  if (query.q) q = q.where("address", "ilike", `%${query.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (query.cursor) {
    const [at, id] = decodeCursor(query.cursor);
    q = q.where(sql<boolean>`(created_at, id) < (${at}::timestamptz, ${id}::uuid)`);
  }
  const rows = await q.orderBy("createdAt", "desc").orderBy("id", "desc").limit(query.limit + 1).execute();
  const page = rows.slice(0, query.limit);
  return { items: page.map(toSuppression), nextCursor: rows.length > query.limit ? encodeCursor(page[page.length - 1]) : null };
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
