import { sql, type Kysely } from "kysely";
import { triggerConfigSchema, triggerNode, workflowGraphSchema } from "../../../../src/domain/workflows";
import type { Database } from "../../db/schema";
import { asService } from "../../db/transactions";
import { enqueueJob } from "../../jobs/enqueueJob";
import type { Logger } from "../../log";
import { nextScheduledRun } from "./schedule";
import { workflowEventJob } from "./workflowEventJob";

// The workflow clock, run every minute (a BullMQ job scheduler with Redis; a timer in-process without it):
// schedule-triggered workflows that are due start on the leads their conditions pick, and each open task that
// has just become overdue emits its "task overdue" event once.

const LEADS_PER_EVENT = 500;
const MAX_LEADS_PER_RUN = 10_000;

export async function runWorkflowClock(db: Kysely<Database>, now = new Date()): Promise<{ schedules: number; overdueTasks: number }> {
  const schedules = await asService(db, async (tx) => {
    const due = await tx
      .selectFrom("workflows as w")
      .innerJoin("workflowVersions as v", "v.id", "w.activeVersionId")
      .innerJoin("orgs as o", "o.id", "w.orgId")
      .select(["w.id", "w.orgId", "v.graph", "o.timeZone"])
      .where("w.enabled", "=", true)
      .where("w.triggerEvent", "=", "schedule")
      .where("w.nextRunAt", "<=", now)
      .forUpdate("w")
      .skipLocked()
      .execute();
    for (const w of due) {
      const trigger = triggerConfigSchema.safeParse(triggerNode(workflowGraphSchema.parse(w.graph))?.config);
      const next = trigger.success && trigger.data.event === "schedule" ? nextScheduledRun(trigger.data.cron, w.timeZone, now) : null;
      await tx.updateTable("workflows").set({ nextRunAt: next }).where("id", "=", w.id).execute();
      // Every live lead is offered to the run; the trigger's conditions pick which ones it starts on.
      const leads = await tx.selectFrom("leads").select("id").where("orgId", "=", w.orgId).where("deletedAt", "is", null).orderBy("createdAt", "desc").limit(MAX_LEADS_PER_RUN).execute();
      for (let i = 0; i < leads.length; i += LEADS_PER_EVENT) {
        const leadIds = leads.slice(i, i + LEADS_PER_EVENT).map((l) => l.id);
        await enqueueJob(tx, w.orgId, workflowEventJob, { event: "schedule", depth: 0, workflowId: w.id, leadIds, occurredAt: now.toISOString() }, { priority: 10 });
      }
    }
    return due.length;
  });
  const overdue = await sql<{ id: string }>`
    with due as (
      select id, org_id from public.tasks
       where status = 'open' and due_at < ${now} and overdue_notified_at is null and due_at is not null
       order by due_at limit 1000 for update skip locked
    ), marked as (
      update public.tasks t set overdue_notified_at = ${now} from due where t.id = due.id returning t.id, t.org_id
    )
    select m.id, private.emit_workflow_event(m.org_id, 'task.overdue', jsonb_build_object('taskId', m.id)) from marked m`.execute(db);
  return { schedules, overdueTasks: overdue.rows.length };
}

/** In-process clock for running without Redis: every `intervalMs`, until stopped. */
export function startWorkflowClock(db: Kysely<Database>, log: Logger, intervalMs = 60_000): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = runWorkflowClock(db).catch((err) => log.error({ err }, "workflow clock failed"));
  }, intervalMs);
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
