import { sql } from "kysely";
import type { Page } from "../../../../src/domain/leads";
import { STAFF_ROLES } from "../../../../src/domain/roles";
import type { Activity, Task } from "../../../../src/domain/leadWork";
import type { Tx } from "../../db/transactions";
import { conflict, notFound, validationFailed } from "../../http/errors";
import { addNote as addSubjectNote, createTask, listActivities, listTasks, TASK_COLUMNS, toTask } from "../work/subjectWork";
import { isUuid } from "../../http/ids";


/** The lead (locked for the rest of the transaction when asked), or 404 — also for another org's lead. */
export async function requireLead(tx: Tx, orgId: string, id: string, lock = false) {
  if (!isUuid(id)) throw notFound("Lead");
  let q = tx.selectFrom("leads").selectAll().where("orgId", "=", orgId).where("id", "=", id).where("deletedAt", "is", null);
  if (lock) q = q.forUpdate();
  const lead = await q.executeTakeFirst();
  if (!lead) throw notFound("Lead");
  return lead;
}

export async function assertStaffMember(tx: Tx, orgId: string, userId: string | null | undefined, field = "assigneeId") {
  if (!userId) return;
  const m = await tx.selectFrom("orgMembers").select("userId").where("orgId", "=", orgId).where("userId", "=", userId).where("role", "in", [...STAFF_ROLES]).executeTakeFirst();
  if (!m) throw validationFailed({ [field]: "must be a staff member of this org" });
}

/** The lead's timeline, newest first, with the actor's name. */
export async function listLeadActivities(tx: Tx, orgId: string, leadId: string, q: { limit: number; cursor?: string }): Promise<Page<Activity>> {
  await requireLead(tx, orgId, leadId);
  return listActivities(tx, orgId, { kind: "lead", id: leadId }, q);
}

export async function addNote(tx: Tx, orgId: string, leadId: string, actorId: string, body: string): Promise<Activity> {
  await requireLead(tx, orgId, leadId);
  return addSubjectNote(tx, orgId, { kind: "lead", id: leadId }, actorId, body);
}

export async function listLeadTasks(tx: Tx, orgId: string, leadId: string): Promise<Task[]> {
  await requireLead(tx, orgId, leadId);
  return listTasks(tx, orgId, { kind: "lead", id: leadId });
}

export async function createLeadTask(tx: Tx, orgId: string, leadId: string, actorId: string, input: { title: string; dueAt?: string | null; assigneeId?: string | null }): Promise<Task> {
  await requireLead(tx, orgId, leadId);
  await assertStaffMember(tx, orgId, input.assigneeId);
  return createTask(tx, orgId, { kind: "lead", id: leadId }, actorId, input);
}

export async function updateTask(
  tx: Tx,
  orgId: string,
  taskId: string,
  actorId: string,
  patch: { title?: string; dueAt?: string | null; assigneeId?: string | null; status?: Task["status"] },
): Promise<Task> {
  if (!isUuid(taskId)) throw notFound("Task");
  await assertStaffMember(tx, orgId, patch.assigneeId);
  const completedAt = patch.status === undefined ? undefined : patch.status === "done" ? new Date() : null;
  const row = await tx
    .updateTable("tasks")
    .set({ ...patch, ...(completedAt !== undefined ? { completedAt } : {}) })
    .where("orgId", "=", orgId)
    .where("id", "=", taskId)
    .returning(TASK_COLUMNS)
    .executeTakeFirst();
  if (!row) throw notFound("Task");
  if (patch.status === "done" && (row.leadId || row.opportunityId)) {
    await tx.insertInto("activities").values({ orgId, leadId: row.leadId, opportunityId: row.opportunityId, actorId, type: "task.completed", body: row.title, data: { taskId } }).execute();
  }
  return toTask(row);
}

/**
 * Converts a lead into an opportunity in the pipeline's first open stage, linked to the lead and to its
 * property (created from the lead's address when it has none); the lead becomes "converted". Once only.
 */
export async function convertLead(tx: Tx, orgId: string, leadId: string, actorId: string, input: { title?: string; value?: number }) {
  const lead = await requireLead(tx, orgId, leadId, true);
  const existing = await tx.selectFrom("opportunities").select("id").where("orgId", "=", orgId).where("leadId", "=", leadId).executeTakeFirst();
  if (existing) throw conflict("already_converted", "This lead is already an opportunity", { opportunityId: existing.id });
  const stage = await tx
    .selectFrom("pipelineStages")
    .select(["id", "probability"])
    .where("orgId", "=", orgId)
    .where("kind", "=", "open")
    .orderBy("position")
    .executeTakeFirst();
  if (!stage) throw conflict("no_pipeline", "The org has no open pipeline stage to put the opportunity in");
  let propertyId = lead.propertyId;
  if (!propertyId && (lead.street || lead.zip)) {
    const property = await tx.insertInto("properties").values({ orgId, street: lead.street, city: lead.city, state: lead.state, zip: lead.zip }).returning("id").executeTakeFirstOrThrow();
    propertyId = property.id;
    await tx.updateTable("leads").set({ propertyId }).where("id", "=", leadId).execute();
  }
  const name = [lead.firstName, lead.lastName].filter(Boolean).join(" ");
  const title = input.title ?? ([lead.street, lead.city].filter(Boolean).join(", ") || name || "New opportunity");
  const position = await tx
    .selectFrom("opportunities")
    .select(sql<number>`coalesce(max(position) + 1, 0)::int`.as("next"))
    .where("orgId", "=", orgId)
    .where("stageId", "=", stage.id)
    .executeTakeFirstOrThrow();
  const opportunity = await tx
    .insertInto("opportunities")
    .values({ orgId, title, stageId: stage.id, position: position.next, leadId, propertyId, ownerId: actorId, value: input.value ?? null, probability: stage.probability })
    .returning(["id", "title", "stageId", "leadId", "propertyId", "value", "createdAt"])
    .executeTakeFirstOrThrow();
  await tx.updateTable("leads").set({ status: "converted" }).where("id", "=", leadId).execute();
  await tx
    .insertInto("activities")
    .values([
      { orgId, leadId, actorId, type: "lead.converted", body: title, data: { opportunityId: opportunity.id, stageId: stage.id } },
      { orgId, opportunityId: opportunity.id, leadId: null, actorId, type: "opportunity.created", body: title, data: { fromLeadId: leadId } },
    ])
    .execute();
  return { ...opportunity, value: opportunity.value === null ? null : Number(opportunity.value), createdAt: new Date(opportunity.createdAt).toISOString() };
}
