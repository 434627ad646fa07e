import { sql } from "kysely";
import type { Lead, ListLeadsQuery, Page } from "../../../../src/domain/leads";
import { STAFF_ROLES } from "../../../../src/domain/roles";
import type { Tx } from "../../db/transactions";
import { notFound, validationFailed } from "../../http/errors";
import { diffLead } from "./leadChanges";
import { decodeListCursor, encodeListCursor } from "./listCursor";
import { toPrefixTsQuery } from "./searchTerms";
import { leadColumns, toLeadDto } from "./leadDto";
import { upsertLead, type LeadInput } from "./upsertLead";
import { isUuid } from "../../http/ids";

const micros = (column: string) => sql.raw(`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`);

// Each sort: the SQL expression ordered by (indexed per org), how the cursor's value is cast back, its default order.
const SORTS = {
  created: { expr: sql.raw("created_at"), cursorValue: micros("created_at"), cast: sql.raw("timestamptz"), order: "desc" },
  updated: { expr: sql.raw("updated_at"), cursorValue: micros("updated_at"), cast: sql.raw("timestamptz"), order: "desc" },
  score: { expr: sql.raw("coalesce(score, -1)"), cursorValue: sql.raw("coalesce(score, -1)::text"), cast: sql.raw("numeric"), order: "desc" },
  name: {
    expr: sql.raw("lower(coalesce(last_name, '') || ' ' || coalesce(first_name, ''))"),
    cursorValue: sql.raw("lower(coalesce(last_name, '') || ' ' || coalesce(first_name, ''))"),
    cast: sql.raw("text"),
    order: "asc",
  },
} as const;

// Every query filters by the active org explicitly: RLS is the guard, the filter is what lets the
// per-org indexes drive the scan (see docs/RLS.md).

/** A parsed list query; scripts may pass just {limit}. */
export type ListLeadsInput = Partial<ListLeadsQuery> & { limit: number };

export async function listLeads(tx: Tx, orgId: string, input: ListLeadsInput, userId?: string): Promise<Page<Lead>> {
  const query = { ...input, sort: input.sort ?? "created" };
  const sort = SORTS[query.sort];
  const order = query.order ?? sort.order;
  const dir = sql.raw(order);
  let q = tx
    .selectFrom("leads")
    .selectAll()
    .select(sort.cursorValue.as("cursorValue"))
    .where("orgId", "=", orgId)
    .where("deletedAt", "is", null)
    .orderBy(sql`${sort.expr} ${dir}`)
    .orderBy(sql`id ${dir}`)
    .limit(query.limit + 1);

  const tsquery = toPrefixTsQuery(query.q);
  if (query.q && !tsquery) return { items: [], nextCursor: null };
  // The ids come from a security-definer function that can use the search index (RLS would keep the planner
  // from using it: the match operator isn't leakproof); the policies still apply to every row returned.
  if (tsquery) {
    // The pre-filter also applies status, state and ZIP, so only real candidates come back to this query.
    const statuses = query.status?.length ? sql`${query.status}::text[]` : sql`null::text[]`;
    q = q.where(
      sql<boolean>`id in (select private.lead_ids_matching(${orgId}::uuid, to_tsquery('simple', ${tsquery}), ${statuses}, ${query.state ?? null}::text, ${query.zip ?? null}::text))`,
    );
  }
  if (query.status?.length) q = q.where("status", "in", query.status);
  if (query.source?.length) q = q.where("source", "in", query.source);
  if (query.tags?.length) q = q.where(sql<boolean>`tags && ${query.tags}::text[]`);
  if (query.assigneeId === "unassigned") q = q.where("assigneeId", "is", null);
  else if (query.assigneeId === "me") q = q.where("assigneeId", "=", userId ?? "00000000-0000-0000-0000-000000000000");
  else if (query.assigneeId) q = q.where("assigneeId", "=", query.assigneeId);
  if (query.scoreMin !== undefined) q = q.where(sql<boolean>`score >= ${query.scoreMin}`);
  if (query.scoreMax !== undefined) q = q.where(sql<boolean>`score <= ${query.scoreMax}`);
  if (query.createdFrom) q = q.where("createdAt", ">=", new Date(query.createdFrom));
  if (query.createdTo) q = q.where("createdAt", "<", endOfDayIfDate(query.createdTo));
  if (query.city) q = q.where(sql<boolean>`lower(city) = lower(${query.city})`);
  if (query.state) q = q.where("state", "=", query.state);
  if (query.zip) q = q.where("zip", "=", query.zip);
  if (query.cursor) {
    const after = decodeListCursor(query.cursor, `${query.sort}:${order}`);
    const cmp = sql.raw(order === "desc" ? "<" : ">");
    // The value goes in as text: postgres.js would round a timestamptz parameter to milliseconds.
    q = q.where(sql<boolean>`(${sort.expr}, id) ${cmp} (cast(cast(${after.value} as text) as ${sort.cast}), ${after.id}::uuid)`);
  }

  const rows = await q.execute();
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(toLeadDto),
    nextCursor:
      rows.length > query.limit && last ? encodeListCursor({ sort: `${query.sort}:${order}`, value: String(last.cursorValue), id: last.id }) : null,
  };
}

/** "2026-11-22" as an upper bound means the whole day. */
function endOfDayIfDate(value: string): Date {
  const d = new Date(value);
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(d.getTime() + 86_400_000) : d;
}

export async function getLead(tx: Tx, orgId: string, id: string): Promise<Lead> {
  if (!isUuid(id)) throw notFound("Lead");
  const row = await tx.selectFrom("leads").selectAll().where("orgId", "=", orgId).where("id", "=", id).where("deletedAt", "is", null).executeTakeFirst();
  if (!row) throw notFound("Lead");
  return toLeadDto(row);
}

async function assertAssignable(tx: Tx, orgId: string, assigneeId: string | null | undefined) {
  if (!assigneeId) return;
  const member = await tx
    .selectFrom("orgMembers")
    .select("userId")
    .where("orgId", "=", orgId)
    .where("userId", "=", assigneeId)
    .where("role", "in", [...STAFF_ROLES])
    .executeTakeFirst();
  if (!member) throw validationFailed({ assigneeId: "must be a staff member of this org" });
}

/** Creates a lead, or merges it into the org's existing lead for the same person (duplicate: true). */
export async function createLead(tx: Tx, orgId: string, actorId: string, input: LeadInput): Promise<{ lead: Lead; duplicate: boolean }> {
  await assertAssignable(tx, orgId, input.assigneeId);
  const { leadId, duplicate } = await upsertLead(tx, orgId, input, { channel: "api", actorId });
  const lead = await tx.selectFrom("leads").selectAll().where("orgId", "=", orgId).where("id", "=", leadId).executeTakeFirstOrThrow();
  return { lead: toLeadDto(lead), duplicate };
}

/** Applies a patch and records on the timeline what changed, before and after. */
export async function updateLead(tx: Tx, orgId: string, id: string, patch: Parameters<typeof leadColumns>[0], actorId: string | null = null): Promise<Lead> {
  if (!isUuid(id)) throw notFound("Lead");
  await assertAssignable(tx, orgId, patch.assigneeId);
  const before = await tx.selectFrom("leads").selectAll().where("orgId", "=", orgId).where("id", "=", id).where("deletedAt", "is", null).forUpdate().executeTakeFirst();
  if (!before) throw notFound("Lead");
  const row = await tx
    .updateTable("leads")
    .set(leadColumns(patch))
    .where("orgId", "=", orgId)
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
  const changes = diffLead(before, row);
  if (Object.keys(changes).length) {
    await tx
      .insertInto("activities")
      .values({ orgId, leadId: id, actorId, type: changes.status ? "lead.status_changed" : "lead.updated", body: null, data: { changes } })
      .execute();
  }
  return toLeadDto(row);
}

/** Moves the lead to the trash (restorable for 30 days, see bulkLeads' restore). */
export async function deleteLead(tx: Tx, orgId: string, id: string, actorId: string | null = null): Promise<void> {
  if (!isUuid(id)) throw notFound("Lead");
  const result = await tx
    .updateTable("leads")
    .set({ deletedAt: new Date(), deletedBy: actorId })
    .where("orgId", "=", orgId)
    .where("id", "=", id)
    .where("deletedAt", "is", null)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw notFound("Lead");
}
