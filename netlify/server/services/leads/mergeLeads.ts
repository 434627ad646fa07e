import type { Lead } from "../../../../src/domain/leads";
import type { MERGE_FIELDS } from "../../../../src/domain/leadWork";
import type { Updateable } from "kysely";
import type { LeadsTable } from "../../db/schema";
import type { Tx } from "../../db/transactions";
import { notFound, validationFailed } from "../../http/errors";
import { toLeadDto, type LeadRow } from "./leadDto";

type MergeField = (typeof MERGE_FIELDS)[number];
const COLUMNS: Record<MergeField, (keyof LeadRow)[]> = {
  firstName: ["firstName"],
  lastName: ["lastName"],
  email: ["email"],
  phone: ["phone"],
  source: ["source"],
  status: ["status"],
  assigneeId: ["assigneeId"],
  notes: ["notes"],
  address: ["street", "city", "state", "zip"],
};

/** The surviving values: the chosen side per field; where the survivor has nothing, the other's value. */
export function mergedValues(survivor: LeadRow, other: LeadRow, keep: Partial<Record<MergeField, "this" | "other">>) {
  const values: Partial<Record<keyof LeadRow, unknown>> = {};
  for (const [field, columns] of Object.entries(COLUMNS) as [MergeField, (keyof LeadRow)[]][]) {
    const survivorEmpty = columns.every((c) => survivor[c] === null);
    if (keep[field] === "other" || (keep[field] === undefined && survivorEmpty)) {
      for (const c of columns) values[c] = other[c];
    }
  }
  values.tags = [...new Set([...survivor.tags, ...other.tags])];
  if (Object.keys(survivor.attribution ?? {}).length === 0 && Object.keys(other.attribution ?? {}).length > 0) values.attribution = other.attribution;
  return values;
}

/**
 * Merges another lead into this one: chosen values survive, the other's timeline, tasks and opportunities
 * move here, the other is deleted, and the timeline keeps a snapshot of it.
 */
export async function mergeLeads(tx: Tx, orgId: string, survivorId: string, actorId: string, input: { otherId: string; keep: Partial<Record<MergeField, "this" | "other">> }): Promise<Lead> {
  if (input.otherId === survivorId) throw validationFailed({ otherId: "must be another lead" });
  // Both rows locked, in id order, so two merges of the same pair can't deadlock.
  const rows = await tx.selectFrom("leads").selectAll().where("orgId", "=", orgId).where("id", "in", [survivorId, input.otherId]).where("deletedAt", "is", null).orderBy("id").forUpdate().execute();
  const survivor = rows.find((r) => r.id === survivorId);
  const other = rows.find((r) => r.id === input.otherId);
  if (!survivor) throw notFound("Lead");
  if (!other) throw validationFailed({ otherId: "is not a lead of this org" });

  const values = mergedValues(survivor, other, input.keep);
  // (Deliveries that named the other lead keep their record; its lead link clears with the delete.)
  for (const table of ["activities", "tasks", "opportunities"] as const) {
    await tx.updateTable(table).set({ leadId: survivorId }).where("orgId", "=", orgId).where("leadId", "=", other.id).execute();
  }
  // The other goes first, freeing its email, phone and address for the survivor.
  await tx.deleteFrom("leads").where("id", "=", other.id).execute();
  const { attribution, ...rest } = values;
  const updated = await tx
    .updateTable("leads")
    .set({ ...(rest as Updateable<LeadsTable>), ...(attribution ? { attribution: attribution as Record<string, string> } : {}) })
    .where("id", "=", survivorId)
    .returningAll()
    .executeTakeFirstOrThrow();
  const { searchVector: _sv, addressKey: _ak, deletedAt: _da, deletedBy: _db, ...snapshot } = other;
  void _da;
  void _db;
  void _sv;
  void _ak;
  await tx
    .insertInto("activities")
    .values({ orgId, leadId: survivorId, actorId, type: "lead.merged", body: null, data: { mergedLead: snapshot, keep: input.keep } })
    .execute();
  return toLeadDto(updated);
}
