import { sql } from "kysely";
import type { Page } from "../../../../src/domain/leads";
import type { Activity, Task } from "../../../../src/domain/leadWork";
import type { Tx } from "../../db/transactions";
import { decodeListCursor, encodeListCursor } from "../leads/listCursor";

/** What a timeline, a note or a task belongs to: a lead or an opportunity (the caller has checked it exists). */
export type Subject = { kind: "lead"; id: string } | { kind: "opportunity"; id: string };

const column = (s: Subject) => (s.kind === "lead" ? "leadId" : "opportunityId") as "leadId" | "opportunityId";
const link = (s: Subject) => (s.kind === "lead" ? { leadId: s.id, opportunityId: null } : { leadId: null, opportunityId: s.id });
const micros = sql<string>`to_char(a.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** The subject's timeline, newest first, with the actor's name; keyset-paginated. */
export async function listActivities(tx: Tx, orgId: string, subject: Subject, q: { limit: number; cursor?: string }): Promise<Page<Activity>> {
  let query = tx
    .selectFrom("activities as a")
    .leftJoin("profiles as p", "p.id", "a.actorId")
    .select(["a.id", "a.type", "a.body", "a.data", "a.actorId", "p.fullName", "p.email", "a.occurredAt"])
    .select(micros.as("cursorTs"))
    .where("a.orgId", "=", orgId)
    .where(`a.${column(subject)}`, "=", subject.id)
    .orderBy("a.occurredAt", "desc")
    .orderBy("a.id", "desc")
    .limit(q.limit + 1);
  if (q.cursor) {
    const after = decodeListCursor(q.cursor, "activity:desc");
    query = query.where(sql<boolean>`(a.occurred_at, a.id) < (cast(${after.value} as text)::timestamptz, ${after.id}::uuid)`);
  }
  const rows = await query.execute();
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => ({
      id: r.id,
      type: r.type,
      body: r.body,
      data: (r.data ?? {}) as Record<string, unknown>,
      actorId: r.actorId,
      actorName: r.fullName ?? r.email ?? null,
      occurredAt: new Date(r.occurredAt).toISOString(),
    })),
    nextCursor: rows.length > q.limit && last ? encodeListCursor({ sort: "activity:desc", value: last.cursorTs, id: last.id }) : null,
  };
}

export async function addNote(tx: Tx, orgId: string, subject: Subject, actorId: string, body: string): Promise<Activity> {
  const row = await tx
    .insertInto("activities")
    .values({ orgId, ...link(subject), actorId, type: "note", body, data: {} })
    .returning(["id", "type", "body", "data", "actorId", "occurredAt"])
    .executeTakeFirstOrThrow();
  return { ...row, data: {}, actorName: null, occurredAt: new Date(row.occurredAt).toISOString() };
}

type TaskRow = { id: string; title: string; status: string; dueAt: Date | string | null; assigneeId: string | null; leadId: string | null; opportunityId: string | null; completedAt: Date | string | null; createdAt: Date };
const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
export const toTask = (r: TaskRow): Task => ({ ...r, status: r.status as Task["status"], dueAt: iso(r.dueAt), completedAt: iso(r.completedAt), createdAt: new Date(r.createdAt).toISOString() });
export const TASK_COLUMNS = ["id", "title", "status", "dueAt", "assigneeId", "leadId", "opportunityId", "completedAt", "createdAt"] as const;

/** The subject's tasks: open first, then by due date. */
export async function listTasks(tx: Tx, orgId: string, subject: Subject): Promise<Task[]> {
  const rows = await tx
    .selectFrom("tasks")
    .select(TASK_COLUMNS)
    .where("orgId", "=", orgId)
    .where(column(subject), "=", subject.id)
    .orderBy(sql`status = 'open'`, "desc")
    .orderBy("dueAt", (ob) => ob.asc().nullsLast())
    .execute();
  return rows.map(toTask);
}

/** A task on the subject, assigned to the caller unless said otherwise (the caller checks the assignee). */
export async function createTask(tx: Tx, orgId: string, subject: Subject, actorId: string, input: { title: string; dueAt?: string | null; assigneeId?: string | null }): Promise<Task> {
  const row = await tx
    .insertInto("tasks")
    .values({ orgId, ...link(subject), title: input.title, dueAt: input.dueAt ?? null, assigneeId: input.assigneeId === undefined ? actorId : input.assigneeId })
    .returning(TASK_COLUMNS)
    .executeTakeFirstOrThrow();
  await tx.insertInto("activities").values({ orgId, ...link(subject), actorId, type: "task.created", body: input.title, data: { taskId: row.id, dueAt: iso(row.dueAt) } }).execute();
  return toTask(row);
}
