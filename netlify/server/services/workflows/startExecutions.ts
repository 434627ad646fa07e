import { sql, type Kysely } from "kysely";
import { evaluateConditions, nextNodeIds, triggerConfigSchema, triggerNode, type TriggerConfig, type WorkflowGraph } from "../../../../src/domain/workflows";
import type { Database } from "../../db/schema";
import { asService, type Tx } from "../../db/transactions";
import { enqueueJob } from "../../jobs/enqueueJob";
import type { Logger } from "../../log";
import { loadSubject } from "./subjectSnapshot";
import { versionGraph } from "./versionGraphs";
import { matchesTrigger, MAX_STARTS_PER_SUBJECT_PER_HOUR, MAX_WORKFLOW_DEPTH, type WorkflowEvent } from "./workflowEvent";
import { workflowStepJob } from "./workflowStepJob";

// Starting workflows: an event (or a manual run, an inbound webhook, a schedule) → the enabled workflows that
// listen for it → for each subject that passes the trigger's conditions and the loop caps, an execution on
// the workflow's published version, its trigger recorded as the first step, and its next steps queued as jobs.

export interface ActiveWorkflow {
  id: string;
  versionId: string;
  graph: WorkflowGraph;
  trigger: TriggerConfig;
}

export type SubjectRef = { leadId: string | null; opportunityId: string | null };

export type StartOutcome = { started: true; executionId: string } | { started: false; reason: string };

export async function activeWorkflows(db: Kysely<Database> | Tx, orgId: string, event: WorkflowEvent["event"], workflowId?: string): Promise<ActiveWorkflow[]> {
  let q = db
    .selectFrom("workflows as w")
    .innerJoin("workflowVersions as v", "v.id", "w.activeVersionId")
    .select(["w.id", "v.id as versionId", "v.graph"])
    .where("w.orgId", "=", orgId)
    .where("w.enabled", "=", true)
    .where("w.triggerEvent", "=", event);
  if (workflowId) q = q.where("w.id", "=", workflowId);
  const rows = await q.execute();
  const out: ActiveWorkflow[] = [];
  for (const r of rows) {
    const graph = versionGraph(r.versionId, r.graph);
    const trigger = triggerConfigSchema.safeParse(triggerNode(graph)?.config);
    if (trigger.success) out.push({ id: r.id, versionId: r.versionId, graph, trigger: trigger.data });
  }
  return out;
}

/**
 * Starts one workflow on one subject, in the caller's (service) transaction. `triggerKey` makes it idempotent: the
 * same key twice (an event job retried) starts one execution.
 */
export async function startExecution(tx: Tx, orgId: string, workflow: ActiveWorkflow, subjectRef: SubjectRef, start: { triggerKey: string; event: WorkflowEvent; now?: Date }): Promise<StartOutcome> {
  const now = start.now ?? new Date();
  if (start.event.depth >= MAX_WORKFLOW_DEPTH) return { started: false, reason: `loop protection: ${start.event.depth} workflow-caused changes deep` };
  const subject = await loadSubject(tx, orgId, subjectRef, { snapshot: Boolean(workflow.trigger.conditions?.rules.length) });
  if (!subject.lead && !subject.opportunity) return { started: false, reason: "the lead or deal no longer exists" };
  const leadId = subject.lead?.id ?? null;
  if (leadId) {
    const recent = await tx
      .selectFrom("workflowExecutions")
      .select(sql<number>`count(*)::int`.as("n"))
      .where("orgId", "=", orgId)
      .where("leadId", "=", leadId)
      .where("workflowId", "=", workflow.id)
      .where("startedAt", ">", new Date(now.getTime() - 3_600_000))
      .executeTakeFirstOrThrow();
    if (recent.n >= MAX_STARTS_PER_SUBJECT_PER_HOUR) return { started: false, reason: `loop protection: started ${recent.n} times on this lead in the last hour` };
  }
  if (workflow.trigger.conditions && !evaluateConditions(workflow.trigger.conditions, subject.snapshot, now)) return { started: false, reason: "the trigger's conditions don't match" };

  const { event } = start;
  const triggerData = Object.fromEntries(Object.entries(event).filter(([k]) => !["leadIds", "workflowId"].includes(k)));
  const inserted = await tx
    .insertInto("workflowExecutions")
    .values({
      orgId,
      workflowId: workflow.id,
      versionId: workflow.versionId,
      triggerEvent: event.event,
      triggerKey: start.triggerKey,
      triggerData,
      leadId,
      // A lead's run looks up its deal afresh at every step; a deal's run is about that deal.
      opportunityId: subjectRef.opportunityId ?? null,
      depth: event.depth,
      status: "running",
    })
    .onConflict((oc) => oc.columns(["workflowId", "triggerKey"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  if (!inserted) return { started: false, reason: "already started for this event" };

  const trigger = triggerNode(workflow.graph)!;
  const next = nextNodeIds(workflow.graph, trigger.id);
  await tx
    .insertInto("workflowStepRuns")
    .values({ orgId, executionId: inserted.id, stepId: trigger.id, nodeType: "trigger", seq: 1, status: "done", input: triggerData, output: {}, startedAt: now, finishedAt: now, attempts: 1 })
    .execute();
  for (const stepId of next) await enqueueJob(tx, orgId, workflowStepJob, { executionId: inserted.id, stepId }, { priority: 1 });
  await tx
    .updateTable("workflowExecutions")
    .set(next.length ? { currentStepId: next[0] } : { status: "completed", finishedAt: now, currentStepId: null })
    .where("id", "=", inserted.id)
    .execute();
  return { started: true, executionId: inserted.id };
}

/** The subjects an event is about: the leads it names, else its lead, its deal, or the lead/deal of its task. */
async function subjectsOf(db: Kysely<Database>, orgId: string, event: WorkflowEvent): Promise<SubjectRef[]> {
  if (event.leadIds) return event.leadIds.map((leadId) => ({ leadId, opportunityId: null }));
  if (event.taskId) {
    const task = await db.selectFrom("tasks").select(["leadId", "opportunityId"]).where("orgId", "=", orgId).where("id", "=", event.taskId).executeTakeFirst();
    return task && (task.leadId || task.opportunityId) ? [{ leadId: task.leadId, opportunityId: task.opportunityId }] : [];
  }
  if (event.leadId || event.opportunityId) return [{ leadId: event.leadId ?? null, opportunityId: event.opportunityId ?? null }];
  return [];
}

/** The workflow-event job: every listening workflow × every subject, one transaction per workflow. */
export async function handleWorkflowEvent(db: Kysely<Database>, orgId: string, event: WorkflowEvent, ctx: { jobId: string; log?: Logger }) {
  const workflows = (await activeWorkflows(db, orgId, event.event, event.workflowId)).filter((w) => matchesTrigger(w.trigger, event, w.id));
  if (workflows.length === 0) return { started: 0, skipped: 0 };
  const subjects = await subjectsOf(db, orgId, event);
  let started = 0;
  let skipped = 0;
  for (const workflow of workflows) {
    await asService(db, async (tx) => {
      for (const subject of subjects) {
        const outcome = await startExecution(tx, orgId, workflow, subject, { triggerKey: `${ctx.jobId}:${subject.leadId ?? subject.opportunityId}`, event });
        if (outcome.started) started++;
        else {
          skipped++;
          if (outcome.reason.startsWith("loop protection")) ctx.log?.warn({ workflowId: workflow.id, ...subject, reason: outcome.reason }, "workflow not started");
        }
      }
    });
  }
  return { started, skipped };
}
