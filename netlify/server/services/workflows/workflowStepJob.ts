import { z } from "zod";
import { defineJob, type JobDefinition } from "../../jobs/jobDefinition";
import { registerJob } from "../../jobs/jobRegistry";
import { runWorkflowStep, type StepRunResult } from "./runStep";

const MAX_ATTEMPTS = 5;

/** One step of one workflow execution; its idempotency key is execution id + step id (see runStep). */
const schema = z.object({ executionId: z.uuid(), stepId: z.string().min(1).max(64) }).strict();

export const workflowStepJob: JobDefinition<typeof schema> = defineJob({
  name: "workflow-step",
  queue: "workflow",
  maxAttempts: MAX_ATTEMPTS,
  priority: 1,
  chains: true,
  schema,
  handle({ executionId, stepId }, ctx): Promise<StepRunResult> {
    return runWorkflowStep(ctx.db, executionId, stepId, { attempt: ctx.attempt, maxAttempts: MAX_ATTEMPTS, stepJob: workflowStepJob });
  },
});
registerJob(workflowStepJob);
