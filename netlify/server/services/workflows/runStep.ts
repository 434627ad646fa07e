import { sql, type Kysely } from "kysely";
import { configSchemaFor, nextNodeIds, nodeById, type ActionType } from "../../../../src/domain/workflows";
import type { Database } from "../../db/schema";
import { asService, type Tx } from "../../db/transactions";
import { enqueueJob } from "../../jobs/enqueueJob";
import type { JobDefinition } from "../../jobs/jobDefinition";
import { callOutgoingWebhook, WebhookCallFailed } from "./outgoingWebhook";
import { STEP_ACTIONS, stepKey, type StepEffect, type StepEnv } from "./stepActions";
import { loadSubject, type LoadedSubject } from "./subjectSnapshot";
import { versionGraph } from "./versionGraphs";

// One workflow step, run by the workflow-step job. The step's record (workflow_step_runs, unique per execution
// and step), its effect and the queueing of the next step commit in one transaction; a retry, or a second copy
// of the job, finds the step recorded and does nothing. Waits queue the next step as a delayed job. A step
// that keeps failing marks the run failed, naming the step and the error, once its attempts are used up.

export type StepRunResult = "done" | "skipped" | "stopped" | "duplicate" | "not_running" | "failed";

export interface RunStepOptions {
  attempt: number;
  maxAttempts: number;
  now?: Date;
  /** The job definition that queues next steps (passed in to keep this module free of the job registry). */
  stepJob: JobDefinition;
}

class PermanentStepError extends Error {}

type ExecutionRow = Awaited<ReturnType<typeof loadExecution>>;

function loadExecution(db: Kysely<Database> | Tx, executionId: string) {
  return db
    .selectFrom("workflowExecutions as e")
    .innerJoin("workflowVersions as v", "v.id", "e.versionId")
    .innerJoin("workflows as w", "w.id", "e.workflowId")
    .innerJoin("orgs as o", "o.id", "e.orgId")
    .select(["e.id", "e.orgId", "e.workflowId", "e.versionId", "e.status", "e.leadId", "e.opportunityId", "e.depth", "e.stopOn", "e.stopArmedAt", "e.statusWhenArmed", "v.graph", "w.signingSecret", "o.timeZone"])
    .where("e.id", "=", executionId)
    .executeTakeFirst();
}

/** Why a run armed with "stop on reply / status change" must end now, or null. */
async function stopReason(tx: Tx, exec: NonNullable<ExecutionRow>, subject: LoadedSubject): Promise<string | null> {
  if (!exec.stopOn || !exec.stopArmedAt || !subject.lead) return null;
  if (exec.stopOn.statusChange && exec.statusWhenArmed && subject.lead.status !== exec.statusWhenArmed) return `the lead's status changed (${exec.statusWhenArmed} → ${subject.lead.status})`;
  if (exec.stopOn.reply) {
    const reply = await tx
      .selectFrom("activities")
      .select("id")
      .where("orgId", "=", exec.orgId)
      .where("leadId", "=", subject.lead.id)
      .where("type", "=", "message.received")
      .where("occurredAt", ">", exec.stopArmedAt)
      .limit(1)
      .executeTakeFirst();
    if (reply) return "the lead replied";
  }
  return null;
}

async function recordStep(tx: Tx, exec: NonNullable<ExecutionRow>, stepId: string, nodeType: string, fields: { status: "done" | "skipped" | "running" | "failed"; input: Record<string, unknown>; output: Record<string, unknown> | null; error: string | null; attempts: number; startedAt: Date; finishedAt: Date | null }) {
  const seq = sql<number>`(select coalesce(max(seq), 0) + 1 from public.workflow_step_runs where execution_id = ${exec.id})`;
  return tx
    .insertInto("workflowStepRuns")
    .values({ orgId: exec.orgId, executionId: exec.id, stepId, nodeType, seq, ...fields })
    .onConflict((oc) =>
      oc
        .columns(["executionId", "stepId"])
        .doUpdateSet({ status: fields.status, output: fields.output, error: fields.error, attempts: fields.attempts, finishedAt: fields.finishedAt, input: fields.input })
        .where("workflowStepRuns.status", "in", ["running", "failed"]),
    )
    .returning("id")
    .executeTakeFirst();
}

export async function runWorkflowStep(db: Kysely<Database>, executionId: string, stepId: string, options: RunStepOptions): Promise<StepRunResult> {
  const startedAt = new Date();
  const first = await loadExecution(db, executionId);
  if (!first) return "not_running";
  if (first.status !== "running" && first.status !== "waiting") return "not_running";
  const graph = versionGraph(first.versionId, first.graph);
  const node = nodeById(graph, stepId);
  if (node?.type === "webhook") {
    // Checked again in the step's transaction; here so a repeat never calls the receiver again.
    const prior = await db.selectFrom("workflowStepRuns").select("status").where("executionId", "=", executionId).where("stepId", "=", stepId).executeTakeFirst();
    if (prior && (prior.status === "done" || prior.status === "skipped")) return "duplicate";
  }

  try {
    if (!node || node.type === "trigger") throw new PermanentStepError(`step ${stepId} is not an action of this workflow's version`);
    const parsed = configSchemaFor(node.type).safeParse(node.config);
    if (!parsed.success) throw new PermanentStepError(`the step's settings are invalid: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
    const config = parsed.data as Record<string, unknown>;

    // An outgoing webhook is the one effect outside the database: called before the transaction, with the step's
    // idempotency key, so a retry after a crash repeats the call with the same key (at least once).
    let webhookEffect: StepEffect | null = null;
    if (node.type === "webhook" && first.leadId) {
      const subject = await asService(db, (tx) => loadSubject(tx, first.orgId, { leadId: first.leadId, opportunityId: first.opportunityId }, { leadsDeal: true }));
      const body = { event: "workflow.step", workflowId: first.workflowId, executionId, stepId, lead: subject.lead, opportunity: subject.opportunity, sentAt: new Date().toISOString() };
      try {
        const res = await callOutgoingWebhook({ url: String(config.url), secret: first.signingSecret, idempotencyKey: stepKey({ executionId, stepId }), body });
        webhookEffect = { outcome: "done", summary: `POST ${String(config.url)} → ${res.status}`, output: { url: config.url, status: res.status, durationMs: res.durationMs } };
      } catch (err) {
        if (err instanceof WebhookCallFailed && !err.retryable) throw new PermanentStepError(err.message);
        throw err;
      }
    }

    return await asService(db, async (tx) => {
      // The step's own changes carry the run's depth (loop protection) and id (a run does not stop itself).
      await sql`select set_config('hk.workflow_depth', ${String(first.depth + 1)}, true), set_config('hk.workflow_id', ${first.workflowId}, true), set_config('hk.workflow_execution_id', ${executionId}, true)`.execute(tx);
      const exec = await tx.selectFrom("workflowExecutions").select(["status"]).where("id", "=", executionId).forUpdate().executeTakeFirst();
      if (!exec || (exec.status !== "running" && exec.status !== "waiting")) return "not_running" as const;
      const again = await tx.selectFrom("workflowStepRuns").select("status").where("executionId", "=", executionId).where("stepId", "=", stepId).executeTakeFirst();
      if (again && (again.status === "done" || again.status === "skipped")) return "duplicate" as const;

      const now = options.now ?? new Date();
      // Only a branch tests conditions; only a deal move (and a task's owner) needs a lead's deal.
      const subject = await loadSubject(tx, first.orgId, { leadId: first.leadId, opportunityId: first.opportunityId }, { snapshot: node.type === "branch", leadsDeal: node.type === "move_stage" || node.type === "create_task" });
      const reason = await stopReason(tx, first, subject);
      if (reason) {
        await recordStep(tx, first, stepId, node.type, { status: "skipped", input: config, output: { stopped: reason }, error: null, attempts: options.attempt, startedAt, finishedAt: now });
        await tx.updateTable("workflowExecutions").set({ status: "stopped", error: `stopped: ${reason}`, finishedAt: now, currentStepId: null, resumeAt: null }).where("id", "=", executionId).execute();
        return "stopped" as const;
      }
      if (!subject.lead && !subject.opportunity) {
        await recordStep(tx, first, stepId, node.type, { status: "skipped", input: config, output: { stopped: "the lead or deal was deleted" }, error: null, attempts: options.attempt, startedAt, finishedAt: now });
        await tx.updateTable("workflowExecutions").set({ status: "stopped", error: "stopped: the lead or deal was deleted", finishedAt: now, currentStepId: null }).where("id", "=", executionId).execute();
        return "stopped" as const;
      }

      const env: StepEnv = { tx, orgId: first.orgId, workflowId: first.workflowId, executionId, stepId, subject, subjectKind: first.opportunityId ? "opportunity" : "lead", now, timeZone: first.timeZone, dryRun: false };
      const effect =
        node.type === "webhook"
          ? (webhookEffect ?? { outcome: "skipped" as const, summary: "the run has no lead to send", output: {} })
          : await (STEP_ACTIONS[node.type as ActionType] as (env: StepEnv, c: unknown) => Promise<StepEffect>)(env, config);
      await recordStep(tx, first, stepId, node.type, {
        status: effect.outcome === "skipped" ? "skipped" : "done",
        input: config,
        output: { ...effect.output, summary: effect.summary },
        error: null,
        attempts: options.attempt,
        startedAt,
        finishedAt: new Date(),
      });
      const next = effect.outcome === "stop" ? [] : nextNodeIds(graph, stepId, node.type === "branch" ? effect.branch : undefined);
      for (const n of next) await enqueueJob(tx, first.orgId, options.stepJob, { executionId, stepId: n }, { priority: 1, ...(effect.delayMs ? { delayMs: effect.delayMs } : {}) });
      const resumeAt = effect.delayMs ? new Date(now.getTime() + effect.delayMs) : null;
      await tx
        .updateTable("workflowExecutions")
        .set({
          status: next.length === 0 ? "completed" : resumeAt ? "waiting" : "running",
          currentStepId: next[0] ?? null,
          resumeAt,
          ...(next.length === 0 ? { finishedAt: new Date() } : {}),
          ...(effect.arm ? { stopOn: effect.arm, stopArmedAt: now, statusWhenArmed: subject.lead?.status ?? null } : {}),
          // The run's own status change doesn't count as "the status changed".
          ...(node.type === "change_status" && effect.outcome === "done" ? { statusWhenArmed: String(config.status) } : {}),
        })
        .where("id", "=", executionId)
        .execute();
      return effect.outcome === "skipped" ? ("skipped" as const) : ("done" as const);
    });
  } catch (err) {
    const message = (err as Error).message ?? String(err);
    const final = err instanceof PermanentStepError || options.attempt >= options.maxAttempts;
    await asService(db, async (tx) => {
      await recordStep(tx, first, stepId, node?.type ?? "unknown", { status: final ? "failed" : "running", input: node?.config ?? {}, output: null, error: message, attempts: options.attempt, startedAt, finishedAt: final ? new Date() : null });
      if (final) {
        await tx
          .updateTable("workflowExecutions")
          .set({ status: "failed", failedStepId: stepId, error: message, finishedAt: new Date(), currentStepId: null })
          .where("id", "=", executionId)
          .where("status", "in", ["running", "waiting"])
          .execute();
      }
    });
    if (final) return "failed";
    throw err;
  }
}
