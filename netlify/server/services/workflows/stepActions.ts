import { sql } from "kysely";
import {
  describeConditions,
  evaluateConditions,
  waitDurationMs,
  type ActionConfig,
  type ActionType,
} from "../../../../src/domain/workflows";
import type { Tx } from "../../db/transactions";
import { enqueueJob } from "../../jobs/enqueueJob";
import { bodyHash } from "../messaging/compliance";
import { checkCompliance } from "../messaging/complianceCheck";
import { composeForLead } from "../messaging/compose";
import { queueMessage } from "../messaging/messagingService";
import { enrichLeadJob } from "../enrichment/enrichLeadJob";
import { moveOpportunity } from "../pipeline/moveOpportunity";
import type { LoadedSubject } from "./subjectSnapshot";

// What each kind of step does to its subject, inside the step's transaction: the step's record and its effect
// commit together, so a retry after a crash finds the step done and does nothing twice. In a dry run the same
// code works out what it would do and writes nothing.

export interface StepEnv {
  tx: Tx;
  orgId: string;
  workflowId: string;
  executionId: string;
  stepId: string;
  subject: LoadedSubject;
  /** A deal's run (deal triggers) records its tasks and notes on the deal; a lead's run on the lead. */
  subjectKind: "lead" | "opportunity";
  now: Date;
  timeZone: string;
  dryRun: boolean;
}

export interface StepEffect {
  outcome: "done" | "skipped" | "stop";
  summary: string;
  output: Record<string, unknown>;
  /** A branch's result: which edge to follow. */
  branch?: "yes" | "no";
  /** A wait: run the next step this much later. */
  delayMs?: number;
  /** A stop_on step: what ends the run from here on. */
  arm?: { reply: boolean; statusChange: boolean };
}

const skip = (summary: string, output: Record<string, unknown> = {}): StepEffect => ({ outcome: "skipped", summary, output: { reason: summary, ...output } });
const NO_LEAD = "the run has no lead (a deal without a linked lead)";

/** The idempotency key of a step's side effects: execution id + step id. */
export const stepKey = (env: Pick<StepEnv, "executionId" | "stepId">) => `wf:${env.executionId}:${env.stepId}`;

async function timeline(env: StepEnv, type: string, body: string | null, data: Record<string, unknown>) {
  const onDeal = env.subjectKind === "opportunity" && env.subject.opportunity;
  await env.tx
    .insertInto("activities")
    .values({
      orgId: env.orgId,
      leadId: onDeal ? null : (env.subject.lead?.id ?? null),
      opportunityId: onDeal ? env.subject.opportunity!.id : null,
      actorId: null,
      type,
      body,
      data: { ...data, workflowId: env.workflowId, executionId: env.executionId, stepId: env.stepId },
    })
    .execute();
}

async function sendMessageStep(env: StepEnv, channel: "sms" | "email", config: ActionConfig<"send_sms"> | ActionConfig<"send_email">): Promise<StepEffect> {
  const lead = env.subject.lead;
  if (!lead) return skip(NO_LEAD);
  const req = {
    channel,
    ...(config.templateId ? { templateId: config.templateId } : { body: config.body!, ...("subject" in config && config.subject ? { subject: config.subject } : {}) }),
  };
  if (env.dryRun) {
    const template = config.templateId
      ? await env.tx.selectFrom("messageTemplates").select(["channel", "subject", "body", "textBody"]).where("orgId", "=", env.orgId).where("id", "=", config.templateId).executeTakeFirst()
      : { channel, subject: "subject" in config ? (config.subject ?? null) : null, body: config.body!, textBody: null };
    if (!template) return skip("the template no longer exists");
    const { to, rendered } = await composeForLead(env.tx, env.orgId, lead, lead.assigneeId, template);
    if (!to) return skip(channel === "sms" ? "the lead has no phone number" : "the lead has no email address");
    const verdict = await checkCompliance(env.tx, env.orgId, lead, { channel, to, templateId: config.templateId ?? null, bodyHash: bodyHash(channel, rendered.subject, rendered.text) }, env.now);
    const preview = { to, subject: rendered.subject, text: rendered.text };
    if (verdict.verdict !== "ok") return skip(`would not send: ${verdict.reason}`, preview);
    const later = verdict.sendAt.getTime() > env.now.getTime() ? ` at ${verdict.sendAt.toISOString()} (quiet hours)` : "";
    return { outcome: "done", summary: `Would ${channel === "sms" ? "text" : "email"} ${to}${later}: “${rendered.text.slice(0, 80)}${rendered.text.length > 80 ? "…" : ""}”`, output: { ...preview, sendAt: verdict.sendAt.toISOString() } };
  }
  const outcome = await queueMessage(env.tx, env.orgId, lead.assigneeId, lead.id, { ...req, idempotencyKey: stepKey(env) }, { now: env.now });
  if (!outcome.message) return skip(outcome.reason);
  const m = outcome.message;
  const output = { messageId: m.id, to: m.to, status: m.status, ...(m.scheduledFor ? { scheduledFor: m.scheduledFor } : {}) };
  if (m.status === "blocked" || m.status === "suppressed") return skip(m.error ?? `the message was ${m.status}`, output);
  return { outcome: "done", summary: `${channel === "sms" ? "Text" : "Email"} to ${m.to} queued`, output };
}

async function updateLead(env: StepEnv, changes: Record<string, { from: unknown; to: unknown }>, set: Record<string, unknown>, type = "lead.updated"): Promise<void> {
  await env.tx.updateTable("leads").set(set).where("orgId", "=", env.orgId).where("id", "=", env.subject.lead!.id).execute();
  await timeline(env, type, null, { changes });
}

type Handler<T extends ActionType> = (env: StepEnv, config: ActionConfig<T>) => Promise<StepEffect>;

export const STEP_ACTIONS: { [T in ActionType]: Handler<T> } = {
  send_sms: (env, c) => sendMessageStep(env, "sms", c),
  send_email: (env, c) => sendMessageStep(env, "email", c),

  async update_field(env, c) {
    const lead = env.subject.lead;
    if (!lead) return skip(NO_LEAD);
    if (c.field === "addTag" || c.field === "removeTag") {
      const has = lead.tags.some((t) => t.toLowerCase() === c.value.toLowerCase());
      if (c.field === "addTag" ? has : !has) return skip(c.field === "addTag" ? `already tagged “${c.value}”` : `not tagged “${c.value}”`);
      // Tags are stored lowercase, as the lead API and bulk tagging store them (the list's tag filter matches exactly).
      const tags = c.field === "addTag" ? [...lead.tags, c.value.toLowerCase()] : lead.tags.filter((t) => t.toLowerCase() !== c.value.toLowerCase());
      if (!env.dryRun) await updateLead(env, { tags: { from: lead.tags, to: tags } }, { tags });
      return { outcome: "done", summary: `${c.field === "addTag" ? "Tag" : "Untag"} “${c.value}”`, output: { tags } };
    }
    const from = (lead as unknown as Record<string, unknown>)[c.field] ?? null;
    if (from === c.value) return skip(`${c.field} is already “${c.value}”`);
    if (!env.dryRun) await updateLead(env, { [c.field]: { from, to: c.value } }, { [c.field]: c.value });
    return { outcome: "done", summary: `Set ${c.field} to “${c.value}”`, output: { field: c.field, from, to: c.value } };
  },

  async change_status(env, c) {
    const lead = env.subject.lead;
    if (!lead) return skip(NO_LEAD);
    if (lead.status === c.status) return skip(`the status is already ${c.status}`);
    if (!env.dryRun) await updateLead(env, { status: { from: lead.status, to: c.status } }, { status: c.status }, "lead.status_changed");
    return { outcome: "done", summary: `Status ${lead.status} → ${c.status}`, output: { from: lead.status, to: c.status } };
  },

  async move_stage(env, c) {
    const opp = env.subject.opportunity;
    if (!opp) return skip("the lead has no deal");
    if (opp.stageId === c.stageId) return skip("the deal is already in that stage");
    const stage = await env.tx.selectFrom("pipelineStages").select(["name", "kind"]).where("orgId", "=", env.orgId).where("id", "=", c.stageId).executeTakeFirst();
    if (!stage) return skip("that stage no longer exists");
    if (!env.dryRun) {
      const current = await env.tx.selectFrom("opportunities").select("version").where("id", "=", opp.id).executeTakeFirstOrThrow();
      await moveOpportunity(env.tx, env.orgId, opp.id, null, { stageId: c.stageId, position: 0, version: current.version, ...(stage.kind === "lost" ? { lostReason: "Moved by a workflow" } : {}) });
    }
    return { outcome: "done", summary: `Deal moved ${opp.stageName} → ${stage.name}`, output: { opportunityId: opp.id, fromStageId: opp.stageId, toStageId: c.stageId } };
  },

  async assign(env, c) {
    const lead = env.subject.lead;
    if (!lead) return skip(NO_LEAD);
    let userId: string | null;
    if (c.mode === "user") userId = c.userId;
    else if (c.mode === "rules") {
      if (lead.assigneeId) return skip("the lead already has an agent");
      userId = env.dryRun
        ? null
        : ((await sql<{ id: string | null }>`select private.assign_by_rules(${env.orgId}::uuid, ${lead.source}, ${lead.zip}) as id`.execute(env.tx)).rows[0]?.id ?? null);
      if (env.dryRun) return { outcome: "done", summary: "Would assign by the org's assignment rules", output: {} };
      if (!userId) return skip("no assignment rule matches this lead");
    } else {
      // Round robin: the agent after the one this step last chose (serialised per step so two runs don't pick the same one).
      await sql`select pg_advisory_xact_lock(hashtext(${`${env.workflowId}:${env.stepId}`}))`.execute(env.tx);
      const last = await env.tx
        .selectFrom("workflowStepRuns as r")
        .innerJoin("workflowExecutions as e", "e.id", "r.executionId")
        .select(sql<string>`r.output->>'userId'`.as("userId"))
        .where("e.orgId", "=", env.orgId)
        .where("e.workflowId", "=", env.workflowId)
        .where("r.stepId", "=", env.stepId)
        .where("r.status", "=", "done")
        .orderBy("r.finishedAt", "desc")
        .limit(1)
        .executeTakeFirst();
      const start = last ? c.userIds.indexOf(last.userId) + 1 : 0;
      // The next one in the list who is still an agent of the org (someone who left is passed over, not stuck on).
      const members = new Set(
        (await env.tx.selectFrom("orgMembers").select("userId").where("orgId", "=", env.orgId).where("userId", "in", c.userIds).where("role", "in", ["owner", "admin", "agent"]).execute()).map((m) => m.userId),
      );
      userId = null;
      for (let k = 0; k < c.userIds.length; k++) {
        const candidate = c.userIds[(start + k) % c.userIds.length];
        if (members.has(candidate)) {
          userId = candidate;
          break;
        }
      }
      if (!userId) return skip("none of the round robin's agents is a member of the org any more");
    }
    const member = await env.tx.selectFrom("orgMembers as m").innerJoin("profiles as p", "p.id", "m.userId").select(["p.fullName", "p.email"]).where("m.orgId", "=", env.orgId).where("m.userId", "=", userId).where("m.role", "in", ["owner", "admin", "agent"]).executeTakeFirst();
    if (!member) return skip("that agent is no longer a member of the org");
    if (lead.assigneeId === userId) return { outcome: "done", summary: `Already assigned to ${member.fullName ?? member.email}`, output: { userId } };
    if (!env.dryRun) await updateLead(env, { assigneeId: { from: lead.assigneeId, to: userId } }, { assigneeId: userId });
    lead.assigneeId = userId; // later steps ({{agent.name}}) see the new agent
    return { outcome: "done", summary: `Assigned to ${member.fullName ?? member.email}`, output: { userId } };
  },

  async create_task(env, c) {
    const { lead, opportunity } = env.subject;
    if (!lead && !opportunity) return skip("the run has no lead or deal");
    if (env.subjectKind === "lead" && !lead) return skip(NO_LEAD);
    const onDeal = env.subjectKind === "opportunity" && opportunity ? opportunity : null;
    const assigneeId = c.assigneeId ?? (onDeal ? onDeal.ownerId : lead?.assigneeId) ?? opportunity?.ownerId ?? null;
    const dueAt = new Date(env.now.getTime() + c.dueInHours * 3_600_000);
    const output: Record<string, unknown> = { title: c.title, dueAt: dueAt.toISOString(), assigneeId };
    if (!env.dryRun) {
      const task = await env.tx
        .insertInto("tasks")
        .values({ orgId: env.orgId, title: c.title, dueAt, assigneeId, leadId: onDeal ? null : lead!.id, opportunityId: onDeal ? onDeal.id : null })
        .returning("id")
        .executeTakeFirstOrThrow();
      output.taskId = task.id;
      await timeline(env, "task.created", c.title, { taskId: task.id, dueAt: dueAt.toISOString() });
    }
    return { outcome: "done", summary: `Task “${c.title}” due ${dueAt.toISOString()}`, output };
  },

  async add_note(env, c) {
    if (!env.subject.lead && !env.subject.opportunity) return skip("the run has no lead or deal");
    if (!env.dryRun) await timeline(env, "note", c.body, {});
    return { outcome: "done", summary: `Note: “${c.body.slice(0, 80)}”`, output: { body: c.body } };
  },

  async wait(env, c) {
    const delayMs = waitDurationMs(c, env.now, env.timeZone);
    const resumeAt = new Date(env.now.getTime() + delayMs).toISOString();
    return { outcome: "done", summary: c.mode === "duration" ? `Wait ${c.amount} ${c.unit} (until ${resumeAt})` : `Wait until ${c.time} (${resumeAt})`, output: { resumeAt }, delayMs };
  },

  async branch(env, c) {
    const result = evaluateConditions(c.conditions, env.subject.snapshot, env.now);
    return { outcome: "done", summary: `${describeConditions(c.conditions)} → ${result ? "yes" : "no"}`, output: { result: result ? "yes" : "no" }, branch: result ? "yes" : "no" };
  },

  // Outgoing webhooks are called by the runner before the step's transaction (see runStep); here only the dry run.
  async webhook(_env, c) {
    return { outcome: "done", summary: `Would POST the lead to ${c.url} (signed)`, output: { url: c.url } };
  },

  async enrich(env) {
    const lead = env.subject.lead;
    if (!lead) return skip(NO_LEAD);
    if (!env.dryRun) await enqueueJob(env.tx, env.orgId, enrichLeadJob, { leadId: lead.id });
    return { outcome: "done", summary: "Enrichment queued", output: { leadId: lead.id } };
  },

  async stop_on(env, c) {
    if (!env.subject.lead) return skip(NO_LEAD);
    const what = [c.reply && "the lead replies", c.statusChange && "its status changes"].filter(Boolean).join(" or ");
    return { outcome: "done", summary: `From here on, stop when ${what}`, output: { ...c }, arm: c };
  },
};
