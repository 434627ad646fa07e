import type { Tx } from "../../db/transactions";
import { enqueueJob } from "../../jobs/enqueueJob";
import { workflowEventJob } from "./workflowEventJob";
import { assertRunnableByHand } from "./workflowsService";

/**
 * POST /api/workflows/:id/run: checks as the caller (RLS: the leads must be theirs to see) that the workflow is on
 * and triggered by hand, then queues its start on those leads in the same transaction (the outbox); the engine
 * starts one run per lead within moments. The job's id keys the runs, so a retried job starts nothing twice.
 */
export async function runWorkflowByHand(tx: Tx, orgId: string, workflowId: string, leadIds: string[], requestId?: string): Promise<{ queued: number }> {
  const unique = [...new Set(leadIds)];
  await assertRunnableByHand(tx, orgId, workflowId, unique);
  await enqueueJob(tx, orgId, workflowEventJob, { event: "manual", depth: 0, workflowId, leadIds: unique }, { priority: 1, requestId });
  return { queued: unique.length };
}
