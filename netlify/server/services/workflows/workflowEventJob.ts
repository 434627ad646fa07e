import { defineJob } from "../../jobs/jobDefinition";
import { registerJob } from "../../jobs/jobRegistry";
import { handleWorkflowEvent } from "./startExecutions";
import { workflowEventSchema } from "./workflowEvent";

/** Something happened that workflows may listen for (queued by the database's event triggers, or by the API). */
export const workflowEventJob = defineJob({
  name: "workflow-event",
  queue: "workflow",
  priority: 1,
  chains: true,
  schema: workflowEventSchema,
  handle(event, ctx) {
    return handleWorkflowEvent(ctx.db, ctx.orgId, event, { jobId: ctx.jobId, log: ctx.log });
  },
});
registerJob(workflowEventJob);
