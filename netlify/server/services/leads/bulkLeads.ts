import { sql } from "kysely";
import type { BulkLeadsRequest, BulkLeadsResult } from "../../../../src/domain/leads";
import type { Tx } from "../../db/transactions";
import { enqueueEnrichment } from "../enrichment/enrichmentService";
import { assertStaffMember } from "./leadWorkService";

export const TRASH_DAYS = 30;

/**
 * One action on many leads, set-based, in the caller's transaction (so RLS decides which of the ids the caller
 * may touch: the others are reported as skipped, exactly like ids that don't exist). Field changes are recorded
 * on each lead's timeline as single edits would be.
 */
export async function bulkLeads(tx: Tx, orgId: string, actorId: string, req: BulkLeadsRequest): Promise<BulkLeadsResult> {
  const ids = [...new Set(req.ids)];
  let affected: string[] = [];
  const skipped: { id: string; reason: string }[] = [];

  const change = async (column: "status" | "assignee_id", value: string | null, cast: "text" | "uuid") => {
    const rows = await sql<{ id: string }>`
      with before as (
        select id, ${sql.raw(column)}::text as old from public.leads
        where org_id = ${orgId} and id = any(${ids}::uuid[]) and deleted_at is null for update
      ),
      changed as (
        update public.leads l set ${sql.raw(column)} = cast(${value} as ${sql.raw(cast)})
        from before b where l.id = b.id and b.old is distinct from ${value}
        returning l.id, b.old
      ),
      logged as (
        insert into public.activities (org_id, lead_id, actor_id, type, data)
        select ${orgId}, c.id, ${actorId}, ${column === "status" ? "lead.status_changed" : "lead.updated"},
               jsonb_build_object('bulk', true, 'changes', jsonb_build_object(${column === "status" ? "status" : "assigneeId"}::text, jsonb_build_object('from', c.old, 'to', ${value}::text)))
        from changed c
      )
      select id from before`.execute(tx);
    return rows.rows.map((r) => r.id);
  };

  switch (req.action) {
    case "status":
      affected = await change("status", req.status, "text");
      break;
    case "assign":
      await assertStaffMember(tx, orgId, req.assigneeId);
      affected = await change("assignee_id", req.assigneeId, "uuid");
      break;
    case "tag":
    case "untag": {
      const tags = req.tags;
      const expr =
        req.action === "tag"
          ? sql`array(select distinct t from unnest(tags || ${tags}::text[]) as t order by t)`
          : sql`array(select t from unnest(tags) as t where not (t = any(${tags}::text[])))`;
      const rows = await sql<{ id: string }>`
        update public.leads set tags = ${expr}
        where org_id = ${orgId} and id = any(${ids}::uuid[]) and deleted_at is null
        returning id`.execute(tx);
      affected = rows.rows.map((r) => r.id);
      break;
    }
    case "delete": {
      const rows = await sql<{ id: string }>`
        update public.leads set deleted_at = now(), deleted_by = ${actorId}
        where org_id = ${orgId} and id = any(${ids}::uuid[]) and deleted_at is null
        returning id`.execute(tx);
      affected = rows.rows.map((r) => r.id);
      break;
    }
    case "enrich": {
      // Queued in this transaction (the outbox); the worker runs them. Deleted or unseen leads are skipped.
      affected = (await enqueueEnrichment(tx, orgId, ids, { priority: 10 })).queued;
      break;
    }
    case "restore": {
      // One by one in savepoints: a lead whose email/phone/address a newer lead took stays in the trash.
      const trashed = await tx
        .selectFrom("leads")
        .select("id")
        .where("orgId", "=", orgId)
        .where("id", "in", ids)
        .where("deletedAt", "is not", null)
        .where(sql<boolean>`deleted_at > now() - make_interval(days => ${TRASH_DAYS})`)
        .execute();
      for (const { id } of trashed) {
        await sql`savepoint restore_lead`.execute(tx);
        try {
          await tx.updateTable("leads").set({ deletedAt: null, deletedBy: null }).where("id", "=", id).execute();
          await sql`release savepoint restore_lead`.execute(tx);
          affected.push(id);
        } catch (err) {
          await sql`rollback to savepoint restore_lead`.execute(tx);
          if ((err as { code?: string }).code !== "23505") throw err;
          skipped.push({ id, reason: "a newer lead has the same email, phone or address" });
        }
      }
      break;
    }
  }
  const done = new Set(affected);
  for (const id of ids) if (!done.has(id) && !skipped.some((s) => s.id === id)) skipped.push({ id, reason: "not found" });
  return { action: req.action, affected, skipped };
}

/** Empties the trash: leads deleted more than TRASH_DAYS ago are removed for good (service role, nightly). */
export async function purgeDeletedLeads(tx: Tx): Promise<number> {
  const res = await tx.deleteFrom("leads").where("deletedAt", "<", sql<Date>`now() - make_interval(days => ${TRASH_DAYS})`).executeTakeFirst();
  return Number(res.numDeletedRows);
}
