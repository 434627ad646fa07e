import { z } from "zod";
import { TRIGGER_EVENTS, type TriggerConfig } from "../../../../src/domain/workflows";

// The payload of a workflow-event job: what happened, to what, and how deep in a chain of workflow-caused
// changes it happened (loop protection). Database triggers write most of them (private.emit_workflow_event);
// manual runs, inbound webhooks and schedules name their workflow and leads.

const change = z.object({ from: z.unknown(), to: z.unknown() });

export const workflowEventSchema = z.object({
  event: z.enum(TRIGGER_EVENTS),
  depth: z.number().int().min(0).default(0),
  originWorkflowId: z.uuid().nullable().optional(),
  occurredAt: z.string().optional(),
  leadId: z.uuid().optional(),
  opportunityId: z.uuid().optional(),
  taskId: z.uuid().optional(),
  activityId: z.uuid().optional(),
  fromStageId: z.uuid().nullable().optional(),
  toStageId: z.uuid().optional(),
  changes: z.record(z.string(), change).optional(),
  /** Manual, webhook and schedule events start one workflow, on these leads. */
  workflowId: z.uuid().optional(),
  leadIds: z.array(z.uuid()).max(5000).optional(),
  /** What an inbound webhook sent, kept on the execution. */
  data: z.record(z.string(), z.unknown()).optional(),
});
export type WorkflowEvent = z.output<typeof workflowEventSchema>;

const text = (v: unknown) => (v === null || v === undefined ? "" : Array.isArray(v) ? v.join(",") : String(v)).toLowerCase();

/** Whether an event is one the trigger listens for (the trigger's own settings; its conditions come after). */
export function matchesTrigger(config: TriggerConfig, event: WorkflowEvent, workflowId: string): boolean {
  if (config.event !== event.event) return false;
  if (event.workflowId && event.workflowId !== workflowId) return false;
  switch (config.event) {
    case "lead.field_changed": {
      const c = event.changes?.[config.field];
      if (!c) return false;
      if (config.field === "tags") {
        // For tags, "to" is a tag that was added and "from" one that was removed.
        const before = new Set((Array.isArray(c.from) ? c.from : []).map(text));
        const after = new Set((Array.isArray(c.to) ? c.to : []).map(text));
        if (config.to && !(after.has(text(config.to)) && !before.has(text(config.to)))) return false;
        if (config.from && !(before.has(text(config.from)) && !after.has(text(config.from)))) return false;
        return true;
      }
      if (config.from !== undefined && config.from !== "" && text(c.from) !== text(config.from)) return false;
      if (config.to !== undefined && config.to !== "" && text(c.to) !== text(config.to)) return false;
      return true;
    }
    case "opportunity.stage_changed":
      return !config.toStageId || config.toStageId === event.toStageId;
    case "manual":
    case "webhook":
    case "schedule":
      return event.workflowId === workflowId;
    default:
      return true;
  }
}

/** Loop protection: how deep a chain of workflow-caused events may go, and how often one workflow may start on one subject. */
export const MAX_WORKFLOW_DEPTH = 5;
export const MAX_STARTS_PER_SUBJECT_PER_HOUR = 10;
