import { sql } from "kysely";
import { workflowGraphSchema, type ExecutionDetail, type ExecutionStatus, type ExecutionSummary, type NodeType, type StepRun, type TriggerEvent } from "../../../../src/domain/workflows";
import type { Tx } from "../../db/transactions";
import { notFound } from "../../http/errors";

// Workflow runs as the runs view reads them (as the caller: RLS decides what they see).

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

function summaryQuery(tx: Tx, orgId: string) {
  return tx
    .selectFrom("workflowExecutions as e")
    .innerJoin("workflowVersions as v", "v.id", "e.versionId")
    .leftJoin("leads as l", "l.id", "e.leadId")
    .select([
      "e.id",
      "e.workflowId",
      "v.version",
      "e.status",
      "e.triggerEvent",
      "e.leadId",
      "e.opportunityId",
      "e.currentStepId",
      "e.failedStepId",
      "e.error",
      "e.resumeAt",
      "e.startedAt",
      "e.finishedAt",
      sql<string | null>`nullif(concat_ws(' ', l.first_name, l.last_name), '')`.as("leadName"),
      "l.email as leadEmail",
      "l.phone as leadPhone",
    ])
    .where("e.orgId", "=", orgId);
}

type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaryQuery>["executeTakeFirstOrThrow"]>>;

const toSummary = (r: SummaryRow): ExecutionSummary => ({
  id: r.id,
  workflowId: r.workflowId,
  version: r.version,
  status: r.status as ExecutionStatus,
  triggerEvent: r.triggerEvent as TriggerEvent,
  leadId: r.leadId,
  leadName: r.leadName ?? r.leadEmail ?? r.leadPhone ?? null,
  opportunityId: r.opportunityId,
  currentStepId: r.currentStepId,
  failedStepId: r.failedStepId,
  error: r.error,
  resumeAt: iso(r.resumeAt),
  startedAt: iso(r.startedAt)!,
  finishedAt: iso(r.finishedAt),
});

export async function listExecutions(tx: Tx, orgId: string, workflowId: string, q: { status?: ExecutionStatus; limit: number; before?: string }): Promise<ExecutionSummary[]> {
  const exists = await tx.selectFrom("workflows").select("id").where("orgId", "=", orgId).where("id", "=", workflowId).executeTakeFirst();
  if (!exists) throw notFound("Workflow");
  let query = summaryQuery(tx, orgId).where("e.workflowId", "=", workflowId);
  if (q.status) query = query.where("e.status", "=", q.status);
  if (q.before) query = query.where("e.startedAt", "<", new Date(q.before));
  return (await query.orderBy("e.startedAt", "desc").orderBy("e.id", "desc").limit(q.limit).execute()).map(toSummary);
}

export async function getExecution(tx: Tx, orgId: string, id: string): Promise<ExecutionDetail> {
  const row = await summaryQuery(tx, orgId).where("e.id", "=", id).select(["v.graph"]).executeTakeFirst();
  if (!row) throw notFound("Execution");
  const steps = await tx
    .selectFrom("workflowStepRuns")
    .select(["stepId", "nodeType", "status", "input", "output", "error", "attempts", "startedAt", "finishedAt"])
    .where("orgId", "=", orgId)
    .where("executionId", "=", id)
    .orderBy("seq")
    .execute();
  return {
    ...toSummary(row),
    graph: workflowGraphSchema.parse(row.graph),
    steps: steps.map(
      (s): StepRun => ({
        stepId: s.stepId,
        type: s.nodeType as NodeType,
        status: s.status,
        input: s.input ?? {},
        output: s.output,
        error: s.error,
        attempts: s.attempts,
        startedAt: iso(s.startedAt)!,
        finishedAt: iso(s.finishedAt),
        durationMs: s.finishedAt ? new Date(s.finishedAt).getTime() - new Date(s.startedAt).getTime() : null,
      }),
    ),
  };
}
