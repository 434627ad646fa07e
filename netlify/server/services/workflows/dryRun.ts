import {
  configSchemaFor,
  evaluateConditions,
  nextNodeIds,
  triggerConfigSchema,
  triggerNode,
  workflowGraphSchema,
  type ActionType,
  type DryRunResult,
  type DryRunStep,
} from "../../../../src/domain/workflows";
import type { Tx } from "../../db/transactions";
import { notFound } from "../../http/errors";
import { STEP_ACTIONS, type StepEffect, type StepEnv } from "./stepActions";
import { loadSubject } from "./subjectSnapshot";
import { issuesOf } from "./workflowsService";

// Test mode: the workflow's draft walked against one lead, each step saying what it would do — the same step
// code the engine runs, with nothing written and nothing sent. Waits are passed over (their length is said).

const MAX_STEPS = 200;

export async function dryRunWorkflow(tx: Tx, orgId: string, workflowId: string, leadId: string, now = new Date()): Promise<DryRunResult> {
  const wf = await tx.selectFrom("workflows").select(["draftGraph"]).where("orgId", "=", orgId).where("id", "=", workflowId).executeTakeFirst();
  if (!wf) throw notFound("Workflow");
  const subject = await loadSubject(tx, orgId, { leadId });
  if (!subject.lead) throw notFound("Lead");
  const org = await tx.selectFrom("orgs").select("timeZone").where("id", "=", orgId).executeTakeFirstOrThrow();
  const graph = workflowGraphSchema.parse(wf.draftGraph);
  const issues = await issuesOf(tx, orgId, graph);
  const trigger = triggerNode(graph);
  const parsedTrigger = triggerConfigSchema.safeParse(trigger?.config);
  const matchesTrigger = parsedTrigger.success && (!parsedTrigger.data.conditions || evaluateConditions(parsedTrigger.data.conditions, subject.snapshot, now));
  const steps: DryRunStep[] = [];
  if (!trigger) return { leadId, matchesTrigger: false, steps, issues };

  const env: StepEnv = { tx, orgId, workflowId, executionId: "dry-run", stepId: "", subject, subjectKind: "lead", now, timeZone: org.timeZone, dryRun: true };
  const queue = [...nextNodeIds(graph, trigger.id)];
  const seen = new Set<string>();
  while (queue.length && steps.length < MAX_STEPS) {
    const id = queue.shift()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const node = graph.nodes.find((n) => n.id === id);
    if (!node || node.type === "trigger") continue;
    const parsed = configSchemaFor(node.type).safeParse(node.config);
    if (!parsed.success) {
      steps.push({ stepId: id, type: node.type, outcome: "would_stop", summary: `The step's settings are incomplete: ${parsed.error.issues[0]?.message}`, detail: {} });
      break;
    }
    env.stepId = id;
    const effect: StepEffect = await (STEP_ACTIONS[node.type as ActionType] as (e: StepEnv, c: unknown) => Promise<StepEffect>)(env, parsed.data);
    steps.push({ stepId: id, type: node.type, outcome: effect.outcome === "skipped" ? "would_skip" : effect.outcome === "stop" ? "would_stop" : "would_run", summary: effect.summary, detail: effect.output });
    if (effect.outcome === "stop") break;
    queue.push(...nextNodeIds(graph, id, node.type === "branch" ? effect.branch : undefined));
  }
  return { leadId, matchesTrigger, steps, issues };
}
