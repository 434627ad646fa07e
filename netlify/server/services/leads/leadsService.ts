import { sql } from "kysely";
import type { Lead, ListLeadsQuery, Page } from "../../../../src/domain/leads";
import { STAFF_ROLES } from "../../../../src/domain/roles";
import type { Tx } from "../../db/transactions";
import { notFound, validationFailed } from "../../http/errors";
import { decodeCursor, encodeCursor } from "./cursor";
import { leadColumns, toLeadDto } from "./leadDto";
import { upsertLead, type LeadInput } from "./upsertLead";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const cursorTimestamp = sql<string>`to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

// Every query filters by the active org explicitly: RLS is the guard, the filter is what lets the
// (org_id, created_at, id) index drive the scan (see docs/RLS.md).

export async function listLeads(tx: Tx, orgId: string, query: ListLeadsQuery): Promise<Page<Lead>> {
  let q = tx
    .selectFrom("leads")
    .selectAll()
    .select(cursorTimestamp.as("cursorTs"))
    .where("orgId", "=", orgId)
    .orderBy("createdAt", "desc")
    .orderBy("id", "desc")
    .limit(query.limit + 1);
  if (query.cursor) {
    const after = decodeCursor(query.cursor);
    q = q.where(sql<boolean>`(created_at, id) < (${after.createdAt}::timestamptz, ${after.id}::uuid)`);
  }
  const rows = await q.execute();
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(toLeadDto),
    nextCursor: rows.length > query.limit && last ? encodeCursor({ createdAt: last.cursorTs, id: last.id }) : null,
  };
}

export async function getLead(tx: Tx, orgId: string, id: string): Promise<Lead> {
  if (!UUID.test(id)) throw notFound("Lead");
  const row = await tx.selectFrom("leads").selectAll().where("orgId", "=", orgId).where("id", "=", id).executeTakeFirst();
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
  const { lead, duplicate } = await upsertLead(tx, orgId, input, { channel: "api", actorId });
  return { lead: toLeadDto(lead), duplicate };
}

export async function updateLead(tx: Tx, orgId: string, id: string, patch: Parameters<typeof leadColumns>[0]): Promise<Lead> {
  if (!UUID.test(id)) throw notFound("Lead");
  await assertAssignable(tx, orgId, patch.assigneeId);
  const row = await tx
    .updateTable("leads")
    .set(leadColumns(patch))
    .where("orgId", "=", orgId)
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw notFound("Lead");
  return toLeadDto(row);
}

export async function deleteLead(tx: Tx, orgId: string, id: string): Promise<void> {
  if (!UUID.test(id)) throw notFound("Lead");
  const result = await tx.deleteFrom("leads").where("orgId", "=", orgId).where("id", "=", id).executeTakeFirst();
  if (Number(result.numDeletedRows) === 0) throw notFound("Lead");
}
