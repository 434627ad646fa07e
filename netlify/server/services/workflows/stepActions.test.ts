import { randomUUID } from "node:crypto";
import pino from "pino";
import { sql } from "kysely";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { configSchemaFor, type ActionConfig, type ActionType } from "../../../../src/domain/workflows";
import { resetConfig } from "../../config";
import type { DatabaseHandle } from "../../db/connect";
import { setDatabase } from "../../db/instance";
import { asService } from "../../db/transactions";
import "../../jobs/allJobs";
import { drainOutbox } from "../../jobs/inlineRunner";
import { api } from "../../testing/apiClient";
import { useTestEnv } from "../../testing/env";
import { signUp, uniqueEmail, type SignedUp } from "../../testing/fixtures";
import { testBackends } from "../../testing/testDatabase";
import { enrichLeadJob } from "../enrichment/enrichLeadJob";
import { STEP_ACTIONS, stepKey, type StepEffect, type StepEnv } from "./stepActions";
import { loadSubject, type LoadedSubject } from "./subjectSnapshot";

const silent = pino({ level: "silent" });
const chicagoHour = (at = new Date()) => Number(new Intl.DateTimeFormat("en-US", { timeZone: "America/Chicago", hour: "numeric", hourCycle: "h23" }).format(at));
const hh = (h: number) => `${String(((h % 24) + 24) % 24).padStart(2, "0")}:00`;
const TRACKED_TABLES = ["messages", "activities", "tasks", "job_outbox", "opportunity_stage_moves", "workflow_step_runs"] as const;

describe.each(testBackends())("workflow step actions on $name", (backend) => {
  let handle: DatabaseHandle;
  let owner: SignedUp;
  let agent: SignedUp;
  let other: SignedUp;
  let workflowId: string;
  let versionId: string;
  const asOwner = () => ({ token: owner.token, orgId: owner.orgId });

  let phoneSeq = 0;
  const newLead = async (over: Record<string, unknown> = {}) => {
    phoneSeq++;
    const res = await api("POST", "/api/leads", { ...asOwner(), body: { firstName: "Ana", lastName: "Ruiz", email: uniqueEmail("lead"), phone: `+1 512 842 ${String(7000 + phoneSeq)}`, address: { state: "TX", zip: "78704" }, ...over } });
    expect(res.status).toBe(201);
    return res.body as { id: string; phone: string; email: string };
  };
  const leadRow = (id: string) => handle.db.selectFrom("leads").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
  const convert = async (leadId: string) => {
    const res = await api("POST", `/api/leads/${leadId}/convert`, { ...asOwner(), body: {} });
    expect(res.status).toBe(201);
    return res.body as { id: string; stageId: string };
  };
  const stages = () => handle.db.selectFrom("pipelineStages").select(["id", "name", "kind"]).where("orgId", "=", owner.orgId).orderBy("position").execute();

  const createWorkflow = (name: string) =>
    asService(handle.db, async (tx) => {
      const wf = await tx.insertInto("workflows").values({ orgId: owner.orgId, name, draftGraph: { nodes: [], edges: [] }, signingSecret: "whsec-test", createdBy: owner.userId }).returning("id").executeTakeFirstOrThrow();
      const v = await tx.insertInto("workflowVersions").values({ orgId: owner.orgId, workflowId: wf.id, version: 1, graph: { nodes: [], edges: [] }, triggerEvent: "manual" }).returning("id").executeTakeFirstOrThrow();
      return { workflowId: wf.id, versionId: v.id };
    });
  const createExecution = (wf: { workflowId: string; versionId: string }, ids: { leadId?: string; opportunityId?: string } = {}) =>
    asService(handle.db, async (tx) => {
      const e = await tx
        .insertInto("workflowExecutions")
        .values({ orgId: owner.orgId, workflowId: wf.workflowId, versionId: wf.versionId, triggerEvent: "manual", triggerKey: randomUUID(), leadId: ids.leadId ?? null, opportunityId: ids.opportunityId ?? null })
        .returning("id")
        .executeTakeFirstOrThrow();
      return e.id;
    });
  /** What the engine records after a step: a done step run with its output. */
  const recordDone = (executionId: string, stepId: string, output: Record<string, unknown>, finishedAt: Date) =>
    asService(handle.db, (tx) => tx.insertInto("workflowStepRuns").values({ orgId: owner.orgId, executionId, stepId, nodeType: "assign", seq: 2, status: "done", output, startedAt: finishedAt, finishedAt }).execute());

  interface RunOptions {
    leadId?: string;
    opportunityId?: string;
    subjectKind?: "lead" | "opportunity";
    dryRun?: boolean;
    executionId?: string;
    workflow?: { workflowId: string; versionId: string };
    stepId?: string;
    now?: Date;
  }
  /** Runs one action as the engine does: the subject loaded and the effect applied inside one service transaction. */
  const run = async <T extends ActionType>(type: T, config: ActionConfig<T>, o: RunOptions) => {
    const workflow = o.workflow ?? { workflowId, versionId };
    const executionId = o.executionId ?? (await createExecution(workflow, { leadId: o.leadId, opportunityId: o.opportunityId }));
    const stepId = o.stepId ?? "step";
    const parsed = configSchemaFor(type).parse(config);
    let subject!: LoadedSubject;
    const effect = await asService(handle.db, async (tx) => {
      subject = await loadSubject(tx, owner.orgId, { leadId: o.leadId, opportunityId: o.opportunityId });
      const env: StepEnv = {
        tx,
        orgId: owner.orgId,
        workflowId: workflow.workflowId,
        executionId,
        stepId,
        subject,
        subjectKind: o.subjectKind ?? (o.opportunityId ? "opportunity" : "lead"),
        now: o.now ?? new Date(),
        timeZone: "America/Chicago",
        dryRun: o.dryRun ?? false,
      };
      return (STEP_ACTIONS[type] as (env: StepEnv, c: unknown) => Promise<StepEffect>)(env, parsed);
    });
    return { effect, executionId, stepId, subject };
  };

  /** Row counts of what steps write, and the rows a step changes, to prove a dry run wrote nothing. */
  const stateOf = async (leadId: string, opportunityId?: string) => {
    const counts: Record<string, number> = {};
    for (const t of TRACKED_TABLES) counts[t] = (await sql<{ n: number }>`select count(*)::int as n from ${sql.raw(`public.${t}`)}`.execute(handle.db)).rows[0].n;
    const lead = await leadRow(leadId);
    const opp = opportunityId ? await handle.db.selectFrom("opportunities").selectAll().where("id", "=", opportunityId).executeTakeFirstOrThrow() : null;
    return { counts, lead, opp };
  };

  const messagesOf = (leadId: string) => handle.db.selectFrom("messages").select(["id", "channel", "status", "subject", "bodyText", "toAddress", "idempotencyKey", "scheduledFor"]).where("leadId", "=", leadId).orderBy("createdAt").execute();
  const activitiesOf = (where: { leadId?: string; opportunityId?: string }, type: string) => {
    let q = handle.db.selectFrom("activities").select(["leadId", "opportunityId", "type", "body", "data", "actorId"]).where("orgId", "=", owner.orgId).where("type", "=", type);
    if (where.leadId) q = q.where("leadId", "=", where.leadId);
    if (where.opportunityId) q = q.where("opportunityId", "=", where.opportunityId);
    return q.execute();
  };

  beforeAll(async () => {
    useTestEnv();
    handle = await backend.open();
    setDatabase(handle);
    owner = await signUp("Steps Co");
    agent = await signUp("Agent's own org");
    other = await signUp("Other Org");
    expect((await api("POST", "/api/org/members", { ...asOwner(), body: { email: agent.email, role: "agent" } })).status).toBe(201);
    ({ workflowId, versionId } = await createWorkflow("Steps"));
  });
  beforeEach(() => {
    // Sends are allowed now (a window around the Chicago hour) and go to the in-app outbox (no provider keys).
    for (const k of ["SENDGRID_API_KEY", "SENDGRID_FROM", "TWILIO_ACCOUNT_SID", "TWILIO_FROM"]) delete process.env[k];
    process.env.MESSAGING_SEND_FROM = hh(chicagoHour() - 3);
    process.env.MESSAGING_SEND_UNTIL = hh(chicagoHour() + 3);
    resetConfig();
  });
  afterAll(async () => {
    delete process.env.MESSAGING_SEND_FROM;
    delete process.env.MESSAGING_SEND_UNTIL;
    resetConfig();
    await handle.close();
  });

  describe("send_sms / send_email", () => {
    it("send_sms queues a text keyed by execution and step, which the send job puts in the outbox", async () => {
      const lead = await newLead({ firstName: "Rosa" });
      const { effect, executionId } = await run("send_sms", { body: "Hi {{lead.firstName}}, it's {{org.name}}" }, { leadId: lead.id, stepId: "text" });
      expect(effect.outcome).toBe("done");
      const messages = await messagesOf(lead.id);
      expect(messages).toHaveLength(1);
      expect(messages[0]).toMatchObject({ channel: "sms", status: "queued", bodyText: "Hi Rosa, it's Steps Co", idempotencyKey: `wf:${executionId}:text`, scheduledFor: null });
      expect(stepKey({ executionId, stepId: "text" })).toBe(`wf:${executionId}:text`);
      expect(effect.output).toMatchObject({ messageId: messages[0].id, to: messages[0].toAddress, status: "queued" });
      expect(effect.summary).toBe(`Text to ${messages[0].toAddress} queued`);

      await drainOutbox(handle.db, silent);
      expect((await messagesOf(lead.id))[0].status).toBe("outbox");
    });

    it("a step run again (a retry) finds its message and sends nothing more", async () => {
      const lead = await newLead();
      const first = await run("send_sms", { body: "Once only" }, { leadId: lead.id, stepId: "text" });
      const again = await run("send_sms", { body: "Once only" }, { leadId: lead.id, stepId: "text", executionId: first.executionId });
      expect(again.effect.outcome).toBe("done");
      expect(again.effect.output.messageId).toBe(first.effect.output.messageId);
      expect(await messagesOf(lead.id)).toHaveLength(1);
    });

    it("send_email queues an email with its subject, keyed by execution and step", async () => {
      const lead = await newLead({ firstName: "Eli" });
      const { effect, executionId } = await run("send_email", { subject: "Your place, {{lead.firstName}}", body: "<p>Hi {{lead.firstName}}</p>" }, { leadId: lead.id, stepId: "mail" });
      expect(effect.outcome).toBe("done");
      const messages = await messagesOf(lead.id);
      expect(messages).toEqual([expect.objectContaining({ channel: "email", status: "queued", subject: "Your place, Eli", toAddress: lead.email.toLowerCase(), idempotencyKey: `wf:${executionId}:mail` })]);
      expect(messages[0].bodyText).toContain("Hi Eli");
      expect(effect.summary).toBe(`Email to ${lead.email.toLowerCase()} queued`);
      await drainOutbox(handle.db, silent);
      expect((await messagesOf(lead.id))[0].status).toBe("outbox");
    });

    it("sends with a message template", async () => {
      const template = await api("POST", "/api/message-templates", { ...asOwner(), body: { name: `Tpl ${randomUUID().slice(0, 6)}`, channel: "sms", body: "Template hi {{lead.firstName}}" } });
      expect(template.status).toBe(201);
      const lead = await newLead({ firstName: "Tom" });
      const { effect } = await run("send_sms", { templateId: template.body.id }, { leadId: lead.id });
      expect(effect.outcome).toBe("done");
      expect(await messagesOf(lead.id)).toEqual([expect.objectContaining({ bodyText: "Template hi Tom", status: "queued" })]);
    });

    it("outside the send window the text is queued for later, not refused", async () => {
      const h = chicagoHour();
      process.env.MESSAGING_SEND_FROM = hh(h + 4);
      process.env.MESSAGING_SEND_UNTIL = hh(h + 5);
      resetConfig();
      const lead = await newLead();
      const { effect } = await run("send_sms", { body: "Later please" }, { leadId: lead.id });
      expect(effect.outcome).toBe("done");
      const [message] = await messagesOf(lead.id);
      expect(message.status).toBe("queued");
      expect(message.scheduledFor).not.toBeNull();
      expect(new Date(message.scheduledFor!).getTime()).toBeGreaterThan(Date.now() + 2 * 3_600_000);
      expect(effect.output.scheduledFor).toBe(new Date(message.scheduledFor!).toISOString());
    });

    it("a suppressed number: the message is stored blocked and the step skipped with the reason", async () => {
      const lead = await newLead();
      const row = await leadRow(lead.id);
      await asService(handle.db, (tx) => tx.insertInto("suppressionList").values({ orgId: owner.orgId, channel: "sms", address: row.phone!.toLowerCase(), reason: "stop", source: "manual" }).execute());
      const { effect } = await run("send_sms", { body: "Hello?" }, { leadId: lead.id });
      expect(effect.outcome).toBe("skipped");
      expect(effect.output).toMatchObject({ status: "blocked", reason: expect.stringContaining("suppression list") });
      expect(await messagesOf(lead.id)).toEqual([expect.objectContaining({ status: "blocked" })]);
    });

    it("a lead without an email address: the email step is skipped, nothing stored", async () => {
      const lead = await newLead({ email: undefined });
      expect((await leadRow(lead.id)).email).toBeNull();
      const { effect } = await run("send_email", { subject: "Hi", body: "<p>Hi</p>" }, { leadId: lead.id });
      expect(effect).toMatchObject({ outcome: "skipped", summary: "the lead has no email address" });
      expect(await messagesOf(lead.id)).toEqual([]);
    });
  });

  describe("update_field", () => {
    it("sets the source and records the change on the lead's timeline", async () => {
      const lead = await newLead({ source: "Facebook" });
      const { effect, executionId } = await run("update_field", { field: "source", value: "Mailer" }, { leadId: lead.id, stepId: "set" });
      expect(effect).toMatchObject({ outcome: "done", output: { field: "source", from: "Facebook", to: "Mailer" } });
      expect((await leadRow(lead.id)).source).toBe("Mailer");
      const [activity] = await activitiesOf({ leadId: lead.id }, "lead.updated");
      expect(activity).toMatchObject({ actorId: null, opportunityId: null, data: { changes: { source: { from: "Facebook", to: "Mailer" } }, workflowId, executionId, stepId: "set" } });
    });

    it("a field already at the value is skipped", async () => {
      const lead = await newLead({ source: "Mailer" });
      const before = await leadRow(lead.id);
      const { effect } = await run("update_field", { field: "source", value: "Mailer" }, { leadId: lead.id });
      expect(effect).toMatchObject({ outcome: "skipped", summary: "source is already “Mailer”" });
      expect((await leadRow(lead.id)).updatedAt).toEqual(before.updatedAt);
    });

    it("addTag adds; a tag already there (any case) is skipped; removeTag removes (any case)", async () => {
      const lead = await newLead({ tags: ["probate"] });
      const added = await run("update_field", { field: "addTag", value: "hot" }, { leadId: lead.id });
      expect(added.effect).toMatchObject({ outcome: "done", summary: "Tag “hot”", output: { tags: ["probate", "hot"] } });
      expect((await leadRow(lead.id)).tags).toEqual(["probate", "hot"]);

      const again = await run("update_field", { field: "addTag", value: "HOT" }, { leadId: lead.id });
      expect(again.effect).toMatchObject({ outcome: "skipped", summary: "already tagged “HOT”" });
      expect((await leadRow(lead.id)).tags).toEqual(["probate", "hot"]);

      const removed = await run("update_field", { field: "removeTag", value: "PROBATE" }, { leadId: lead.id });
      expect(removed.effect).toMatchObject({ outcome: "done", summary: "Untag “PROBATE”" });
      expect((await leadRow(lead.id)).tags).toEqual(["hot"]);

      const notThere = await run("update_field", { field: "removeTag", value: "probate" }, { leadId: lead.id });
      expect(notThere.effect).toMatchObject({ outcome: "skipped", summary: "not tagged “probate”" });
      const changes = await activitiesOf({ leadId: lead.id }, "lead.updated");
      expect(changes.map((c) => (c.data as { changes: unknown }).changes)).toEqual(
        expect.arrayContaining([{ tags: { from: ["probate"], to: ["probate", "hot"] } }, { tags: { from: ["probate", "hot"], to: ["hot"] } }]),
      );
      expect(changes).toHaveLength(2);
    });

    // Tags are lowercase everywhere (the lead API, bulk tagging, the list's exact-match tag filter).
    it("addTag stores the tag lowercase, as the lead API does", async () => {
      const lead = await newLead({ tags: [] });
      await run("update_field", { field: "addTag", value: "Hot" }, { leadId: lead.id });
      expect((await leadRow(lead.id)).tags).toEqual(["hot"]);
    });

    it("update_field on notes compares with, and records, the lead's current notes", async () => {
      const lead = await newLead({ notes: "Call after 5" });
      const same = await run("update_field", { field: "notes", value: "Call after 5" }, { leadId: lead.id });
      expect(same.effect.outcome).toBe("skipped");
      const changed = await run("update_field", { field: "notes", value: "Call mornings" }, { leadId: lead.id });
      expect(changed.effect.output).toMatchObject({ from: "Call after 5", to: "Call mornings" });
    });

    it("sets notes and names too", async () => {
      const lead = await newLead();
      await run("update_field", { field: "notes", value: "Motivated seller" }, { leadId: lead.id });
      await run("update_field", { field: "lastName", value: "Lopez" }, { leadId: lead.id });
      expect(await leadRow(lead.id)).toMatchObject({ notes: "Motivated seller", lastName: "Lopez", firstName: "Ana" });
    });
  });

  describe("change_status", () => {
    it("changes the status and records a status change; the same status is skipped", async () => {
      const lead = await newLead();
      const { effect } = await run("change_status", { status: "contacted" }, { leadId: lead.id });
      expect(effect).toMatchObject({ outcome: "done", summary: "Status new → contacted", output: { from: "new", to: "contacted" } });
      expect((await leadRow(lead.id)).status).toBe("contacted");
      expect(await activitiesOf({ leadId: lead.id }, "lead.status_changed")).toEqual([expect.objectContaining({ data: expect.objectContaining({ changes: { status: { from: "new", to: "contacted" } } }) })]);

      const same = await run("change_status", { status: "contacted" }, { leadId: lead.id });
      expect(same.effect).toMatchObject({ outcome: "skipped", summary: "the status is already contacted" });
      expect(await activitiesOf({ leadId: lead.id }, "lead.status_changed")).toHaveLength(1);
    });
  });

  describe("assign", () => {
    it("to a user: sets the agent; again is a no-op; a non-member is skipped", async () => {
      const lead = await newLead();
      const { effect, subject } = await run("assign", { mode: "user", userId: agent.userId }, { leadId: lead.id });
      expect(effect).toMatchObject({ outcome: "done", output: { userId: agent.userId } });
      expect(effect.summary).toMatch(/^Assigned to /);
      expect(subject.lead!.assigneeId).toBe(agent.userId); // later steps see the new agent
      expect((await leadRow(lead.id)).assigneeId).toBe(agent.userId);
      expect(await activitiesOf({ leadId: lead.id }, "lead.updated")).toHaveLength(1);

      const again = await run("assign", { mode: "user", userId: agent.userId }, { leadId: lead.id });
      expect(again.effect).toMatchObject({ outcome: "done", output: { userId: agent.userId } });
      expect(again.effect.summary).toMatch(/^Already assigned to /);
      expect(await activitiesOf({ leadId: lead.id }, "lead.updated")).toHaveLength(1);

      const outsider = await run("assign", { mode: "user", userId: other.userId }, { leadId: lead.id });
      expect(outsider.effect).toMatchObject({ outcome: "skipped", summary: "that agent is no longer a member of the org" });
      expect((await leadRow(lead.id)).assigneeId).toBe(agent.userId);
    });

    it("round robin: each run picks the agent after the one this step picked last", async () => {
      const wf = await createWorkflow("Round robin");
      const userIds = [owner.userId, agent.userId];
      const picks: string[] = [];
      const base = Date.now() - 60_000;
      for (let i = 0; i < 4; i++) {
        const lead = await newLead();
        const { effect, executionId } = await run("assign", { mode: "round_robin", userIds }, { leadId: lead.id, workflow: wf, stepId: "rr" });
        expect(effect.outcome).toBe("done");
        const userId = effect.output.userId as string;
        expect((await leadRow(lead.id)).assigneeId).toBe(userId);
        picks.push(userId);
        await recordDone(executionId, "rr", { userId, summary: effect.summary }, new Date(base + i * 1000)); // as the engine records it
      }
      expect(picks).toEqual([owner.userId, agent.userId, owner.userId, agent.userId]);
    });

    it("round robin counts only this workflow's step, not another step or workflow", async () => {
      const wf = await createWorkflow("Round robin 2");
      const userIds = [owner.userId, agent.userId];
      // Another workflow's and another step's picks of the first agent don't move this step's turn.
      const elsewhere = await createWorkflow("Elsewhere");
      await recordDone(await createExecution(elsewhere), "rr", { userId: owner.userId }, new Date());
      await recordDone(await createExecution(wf), "other-step", { userId: owner.userId }, new Date());
      const lead = await newLead();
      const { effect } = await run("assign", { mode: "round_robin", userIds }, { leadId: lead.id, workflow: wf, stepId: "rr" });
      expect(effect.output.userId).toBe(owner.userId);
    });

    // A pick who left the org is passed over, so the rotation never sticks on them.
    it("round robin moves past an agent who is no longer a member instead of sticking on them", async () => {
      const wf = await createWorkflow("Round robin with a leaver");
      const userIds = [owner.userId, other.userId, agent.userId]; // other is not a member of this org
      const outcomes: string[] = [];
      const base = Date.now() - 60_000;
      for (let i = 0; i < 4; i++) {
        const lead = await newLead();
        const { effect, executionId } = await run("assign", { mode: "round_robin", userIds }, { leadId: lead.id, workflow: wf, stepId: "rr" });
        outcomes.push(effect.outcome === "done" ? String(effect.output.userId) : "skipped");
        // Recorded as the engine does: a done step with its output, a skipped step with its reason.
        await asService(handle.db, (tx) =>
          tx.insertInto("workflowStepRuns").values({ orgId: owner.orgId, executionId, stepId: "rr", nodeType: "assign", seq: 2, status: effect.outcome === "skipped" ? "skipped" : "done", output: effect.output, startedAt: new Date(base + i * 1000), finishedAt: new Date(base + i * 1000) }).execute(),
        );
      }
      expect(outcomes.filter((o) => o === agent.userId).length).toBeGreaterThan(0);
    });

    it("by the org's rules: the matching rule's agent; a lead with an agent, or no rule matching, is skipped", async () => {
      const lead = await newLead({ source: "wf-rules" });
      const stranger = await newLead({ source: "no-rule-for-this" });
      expect((await leadRow(lead.id)).assigneeId).toBeNull();
      const rule = await api("POST", "/api/assignment-rules", { ...asOwner(), body: { name: "Workflow rule", agentIds: [agent.userId], sources: ["wf-rules"] } });
      expect(rule.status).toBe(201);
      try {
        const { effect } = await run("assign", { mode: "rules" }, { leadId: lead.id });
        expect(effect).toMatchObject({ outcome: "done", output: { userId: agent.userId } });
        expect((await leadRow(lead.id)).assigneeId).toBe(agent.userId);

        const already = await run("assign", { mode: "rules" }, { leadId: lead.id });
        expect(already.effect).toMatchObject({ outcome: "skipped", summary: "the lead already has an agent" });

        const unmatched = await run("assign", { mode: "rules" }, { leadId: stranger.id });
        expect(unmatched.effect).toMatchObject({ outcome: "skipped", summary: "no assignment rule matches this lead" });
        expect((await leadRow(stranger.id)).assigneeId).toBeNull();
      } finally {
        await api("DELETE", `/api/assignment-rules/${rule.body.id}`, asOwner());
      }
    });
  });

  describe("create_task / add_note", () => {
    it("a lead's run: a task on the lead for its agent, due in the hours given, on its timeline", async () => {
      const lead = await newLead();
      await run("assign", { mode: "user", userId: agent.userId }, { leadId: lead.id });
      const now = new Date("2026-06-01T15:00:00.000Z");
      const { effect } = await run("create_task", { title: "Call back", dueInHours: 2 }, { leadId: lead.id, now });
      expect(effect).toMatchObject({ outcome: "done", output: { title: "Call back", dueAt: "2026-06-01T17:00:00.000Z", assigneeId: agent.userId, taskId: expect.any(String) } });
      const tasks = await handle.db.selectFrom("tasks").select(["id", "title", "assigneeId", "leadId", "opportunityId", "dueAt"]).where("leadId", "=", lead.id).execute();
      expect(tasks).toEqual([{ id: effect.output.taskId, title: "Call back", assigneeId: agent.userId, leadId: lead.id, opportunityId: null, dueAt: expect.anything() }]);
      expect(new Date(tasks[0].dueAt!).toISOString()).toBe("2026-06-01T17:00:00.000Z");
      expect(await activitiesOf({ leadId: lead.id }, "task.created")).toEqual([expect.objectContaining({ body: "Call back", data: expect.objectContaining({ taskId: effect.output.taskId }) })]);
    });

    it("a task's own assignee wins over the lead's agent", async () => {
      const lead = await newLead();
      await run("assign", { mode: "user", userId: agent.userId }, { leadId: lead.id });
      const { effect } = await run("create_task", { title: "Owner look", dueInHours: 0, assigneeId: owner.userId }, { leadId: lead.id });
      expect(effect.output.assigneeId).toBe(owner.userId);
    });

    it("a deal's run: the task and the note go on the deal, the task to the deal's owner", async () => {
      const lead = await newLead();
      await run("assign", { mode: "user", userId: agent.userId }, { leadId: lead.id }); // the lead's agent is not the deal's owner
      const deal = await convert(lead.id);
      const task = await run("create_task", { title: "Move the deal", dueInHours: 24 }, { opportunityId: deal.id, subjectKind: "opportunity" });
      expect(task.subject.lead?.id).toBe(lead.id);
      expect(task.effect.output.assigneeId).toBe(owner.userId);
      const rows = await handle.db.selectFrom("tasks").select(["title", "leadId", "opportunityId", "assigneeId"]).where("id", "=", task.effect.output.taskId as string).execute();
      expect(rows).toEqual([{ title: "Move the deal", leadId: null, opportunityId: deal.id, assigneeId: owner.userId }]);

      const note = await run("add_note", { body: "Deal note" }, { opportunityId: deal.id, subjectKind: "opportunity" });
      expect(note.effect).toMatchObject({ outcome: "done", output: { body: "Deal note" } });
      expect(await activitiesOf({ opportunityId: deal.id }, "note")).toEqual([expect.objectContaining({ leadId: null, opportunityId: deal.id, body: "Deal note" })]);
      expect(await activitiesOf({ leadId: lead.id }, "note")).toEqual([]);

      // The same lead's run puts them on the lead, with the lead's agent.
      const leadTask = await run("create_task", { title: "Lead task", dueInHours: 1 }, { leadId: lead.id });
      expect(leadTask.effect.output.assigneeId).toBe(agent.userId);
      expect(await handle.db.selectFrom("tasks").select(["leadId", "opportunityId"]).where("id", "=", leadTask.effect.output.taskId as string).execute()).toEqual([{ leadId: lead.id, opportunityId: null }]);
    });

    it("add_note on a lead's run writes a note on the lead's timeline, marked with the run", async () => {
      const lead = await newLead();
      const { executionId } = await run("add_note", { body: "Welcome aboard" }, { leadId: lead.id, stepId: "note" });
      expect(await activitiesOf({ leadId: lead.id }, "note")).toEqual([{ leadId: lead.id, opportunityId: null, type: "note", body: "Welcome aboard", actorId: null, data: { workflowId, executionId, stepId: "note" } }]);
    });
  });

  describe("move_stage", () => {
    it("moves the lead's deal to the stage, recording the move; the same stage again is skipped", async () => {
      const lead = await newLead();
      const deal = await convert(lead.id);
      const target = (await stages()).find((s) => s.kind === "open" && s.id !== deal.stageId)!;
      const { effect } = await run("move_stage", { stageId: target.id }, { leadId: lead.id });
      expect(effect).toMatchObject({ outcome: "done", output: { opportunityId: deal.id, fromStageId: deal.stageId, toStageId: target.id } });
      expect(effect.summary).toContain(`→ ${target.name}`);
      expect((await handle.db.selectFrom("opportunities").select("stageId").where("id", "=", deal.id).executeTakeFirstOrThrow()).stageId).toBe(target.id);
      const moves = await handle.db.selectFrom("opportunityStageMoves").select(["toStageId"]).where("opportunityId", "=", deal.id).execute();
      expect(moves.map((m) => m.toStageId)).toContain(target.id);

      const again = await run("move_stage", { stageId: target.id }, { leadId: lead.id });
      expect(again.effect).toMatchObject({ outcome: "skipped", summary: "the deal is already in that stage" });
    });

    it("into a lost stage, with the workflow's reason", async () => {
      const lead = await newLead();
      const deal = await convert(lead.id);
      const lost = (await stages()).find((s) => s.kind === "lost")!;
      const { effect } = await run("move_stage", { stageId: lost.id }, { opportunityId: deal.id });
      expect(effect.outcome).toBe("done");
      expect(await handle.db.selectFrom("opportunities").select(["stageId", "lostReason"]).where("id", "=", deal.id).executeTakeFirstOrThrow()).toEqual({ stageId: lost.id, lostReason: "Moved by a workflow" });
    });

    it("a lead with no deal, or a stage that doesn't exist, is skipped", async () => {
      const lead = await newLead();
      const target = (await stages())[1];
      const { effect } = await run("move_stage", { stageId: target.id }, { leadId: lead.id });
      expect(effect).toMatchObject({ outcome: "skipped", summary: "the lead has no deal" });

      await convert(lead.id);
      const gone = await run("move_stage", { stageId: randomUUID() }, { leadId: lead.id });
      expect(gone.effect).toMatchObject({ outcome: "skipped", summary: "that stage no longer exists" });
    });
  });

  describe("enrich, wait, branch, stop_on, webhook", () => {
    it("enrich queues the lead's enrichment job", async () => {
      const lead = await newLead();
      const jobs = () => handle.db.selectFrom("jobOutbox").select(["payload"]).where("name", "=", enrichLeadJob.name).where("orgId", "=", owner.orgId).execute();
      const before = (await jobs()).filter((j) => (j.payload as { leadId?: string }).leadId === lead.id).length;
      const { effect } = await run("enrich", {}, { leadId: lead.id });
      expect(effect).toMatchObject({ outcome: "done", summary: "Enrichment queued", output: { leadId: lead.id } });
      expect(enrichLeadJob.name).toBe("enrich-lead");
      expect((await jobs()).filter((j) => (j.payload as { leadId?: string }).leadId === lead.id)).toHaveLength(before + 1);
    });

    it("wait: a duration or until a time, as a delay and a resume time", async () => {
      const lead = await newLead();
      const now = new Date("2026-11-30T14:00:00Z"); // 08:00 in Chicago
      const days = await run("wait", { mode: "duration", amount: 2, unit: "days" }, { leadId: lead.id, now });
      expect(days.effect).toMatchObject({ outcome: "done", delayMs: 2 * 86_400_000, output: { resumeAt: "2026-12-02T14:00:00.000Z" } });
      const until = await run("wait", { mode: "until_time", time: "09:00" }, { leadId: lead.id, now });
      expect(until.effect).toMatchObject({ outcome: "done", delayMs: 3_600_000, output: { resumeAt: "2026-11-30T15:00:00.000Z" } });
      expect(until.effect.summary).toBe("Wait until 09:00 (2026-11-30T15:00:00.000Z)");
    });

    it("branch: yes or no from the lead as it is now", async () => {
      const lead = await newLead();
      const conditions = { op: "and" as const, rules: [{ field: "lead.state" as const, operator: "equals" as const, value: "tx" }, { field: "lead.status" as const, operator: "equals" as const, value: "new" }] };
      const yes = await run("branch", { conditions }, { leadId: lead.id });
      expect(yes.effect).toMatchObject({ outcome: "done", branch: "yes", output: { result: "yes" }, summary: "State is tx AND Lead status is new → yes" });
      await run("change_status", { status: "contacted" }, { leadId: lead.id });
      const no = await run("branch", { conditions }, { leadId: lead.id });
      expect(no.effect).toMatchObject({ branch: "no", output: { result: "no" } });
    });

    it("branch on deal fields sees the lead's deal", async () => {
      const lead = await newLead();
      const conditions = { op: "and" as const, rules: [{ field: "opportunity.status" as const, operator: "equals" as const, value: "open" }] };
      expect((await run("branch", { conditions }, { leadId: lead.id })).effect.branch).toBe("no");
      await convert(lead.id);
      expect((await run("branch", { conditions }, { leadId: lead.id })).effect.branch).toBe("yes");
    });

    it("stop_on arms the run with what ends it", async () => {
      const lead = await newLead();
      const { effect } = await run("stop_on", { reply: true, statusChange: false }, { leadId: lead.id });
      expect(effect).toMatchObject({ outcome: "done", arm: { reply: true, statusChange: false }, output: { reply: true, statusChange: false }, summary: "From here on, stop when the lead replies" });
      const both = await run("stop_on", { reply: true, statusChange: true }, { leadId: lead.id });
      expect(both.effect.summary).toBe("From here on, stop when the lead replies or its status changes");
    });

    it("webhook: only says what it would post (the runner makes the call)", async () => {
      const lead = await newLead();
      const before = await stateOf(lead.id);
      const { effect } = await run("webhook", { url: "https://example.test/hook" }, { leadId: lead.id, dryRun: true });
      expect(effect).toMatchObject({ outcome: "done", summary: "Would POST the lead to https://example.test/hook (signed)", output: { url: "https://example.test/hook" } });
      expect(await stateOf(lead.id)).toEqual(before);
    });
  });

  describe("a deal without a linked lead", () => {
    it("skips every lead-only step; tasks and notes go on the deal", async () => {
      const [stage] = await stages();
      const deal = await asService(handle.db, (tx) => tx.insertInto("opportunities").values({ orgId: owner.orgId, title: "Lead-less", stageId: stage.id, ownerId: agent.userId }).returning("id").executeTakeFirstOrThrow());
      const o = { opportunityId: deal.id, subjectKind: "opportunity" as const };
      const NO_LEAD = "the run has no lead (a deal without a linked lead)";
      expect((await run("send_sms", { body: "Hi" }, o)).effect).toMatchObject({ outcome: "skipped", summary: NO_LEAD });
      expect((await run("send_email", { subject: "Hi", body: "Hi" }, o)).effect).toMatchObject({ outcome: "skipped", summary: NO_LEAD });
      expect((await run("update_field", { field: "addTag", value: "x" }, o)).effect).toMatchObject({ outcome: "skipped", summary: NO_LEAD });
      expect((await run("change_status", { status: "dead" }, o)).effect).toMatchObject({ outcome: "skipped", summary: NO_LEAD });
      expect((await run("assign", { mode: "user", userId: agent.userId }, o)).effect).toMatchObject({ outcome: "skipped", summary: NO_LEAD });
      expect((await run("enrich", {}, o)).effect).toMatchObject({ outcome: "skipped", summary: NO_LEAD });
      expect((await run("stop_on", { reply: true, statusChange: true }, o)).effect).toMatchObject({ outcome: "skipped", summary: NO_LEAD });
      const task = await run("create_task", { title: "Deal only", dueInHours: 1 }, o);
      expect(task.effect).toMatchObject({ outcome: "done", output: { assigneeId: agent.userId } });
      expect(await handle.db.selectFrom("tasks").select(["opportunityId", "leadId"]).where("id", "=", task.effect.output.taskId as string).execute()).toEqual([{ opportunityId: deal.id, leadId: null }]);
    });
  });

  describe("dry run", () => {
    it("works out each action and writes nothing", async () => {
      const lead = await newLead({ firstName: "Dora", source: "Facebook", tags: ["probate"] });
      const deal = await convert(lead.id);
      const target = (await stages()).find((s) => s.kind === "open" && s.id !== deal.stageId)!;
      const rule = await api("POST", "/api/assignment-rules", { ...asOwner(), body: { name: "Dry rule", agentIds: [agent.userId], sources: ["Facebook"] } });
      expect(rule.status).toBe(201);
      try {
        const executionId = await createExecution({ workflowId, versionId }, { leadId: lead.id });
        const before = await stateOf(lead.id, deal.id);
        const dry = { leadId: lead.id, dryRun: true, executionId };

        const sms = await run("send_sms", { body: "Hi {{lead.firstName}} from {{org.name}}" }, { ...dry, stepId: "sms" });
        expect(sms.effect.outcome).toBe("done");
        expect(sms.effect.summary).toMatch(/^Would text \+1512842\d{4}: “Hi Dora from Steps Co”$/);
        expect(sms.effect.output).toMatchObject({ text: "Hi Dora from Steps Co", sendAt: expect.any(String) });
        const email = await run("send_email", { subject: "For {{lead.firstName}}", body: "<p>Hello</p>" }, { ...dry, stepId: "email" });
        expect(email.effect).toMatchObject({ outcome: "done", output: { subject: "For Dora", to: lead.email } });
        expect((await run("update_field", { field: "source", value: "Mailer" }, { ...dry, stepId: "s1" })).effect).toMatchObject({ outcome: "done", output: { from: "Facebook", to: "Mailer" } });
        expect((await run("update_field", { field: "addTag", value: "hot" }, { ...dry, stepId: "s2" })).effect).toMatchObject({ outcome: "done", output: { tags: ["probate", "hot"] } });
        expect((await run("update_field", { field: "removeTag", value: "probate" }, { ...dry, stepId: "s3" })).effect).toMatchObject({ outcome: "done", output: { tags: [] } });
        expect((await run("change_status", { status: "dead" }, { ...dry, stepId: "s4" })).effect).toMatchObject({ outcome: "done", output: { from: "converted", to: "dead" } });
        expect((await run("assign", { mode: "user", userId: agent.userId }, { ...dry, stepId: "s5" })).effect).toMatchObject({ outcome: "done", output: { userId: agent.userId } });
        expect((await run("assign", { mode: "round_robin", userIds: [agent.userId] }, { ...dry, stepId: "s6" })).effect).toMatchObject({ outcome: "done", output: { userId: agent.userId } });
        expect((await run("assign", { mode: "rules" }, { ...dry, stepId: "s7" })).effect).toMatchObject({ outcome: "done", summary: "Would assign by the org's assignment rules" });
        expect((await run("create_task", { title: "Dry task", dueInHours: 3 }, { ...dry, stepId: "s8" })).effect).toMatchObject({ outcome: "done", output: { title: "Dry task" } });
        expect((await run("create_task", { title: "Dry task", dueInHours: 3 }, { ...dry, stepId: "s8" })).effect.output.taskId).toBeUndefined();
        expect((await run("add_note", { body: "Dry note" }, { ...dry, stepId: "s9" })).effect.outcome).toBe("done");
        expect((await run("move_stage", { stageId: target.id }, { ...dry, stepId: "s10" })).effect).toMatchObject({ outcome: "done", output: { toStageId: target.id } });
        expect((await run("enrich", {}, { ...dry, stepId: "s11" })).effect.outcome).toBe("done");
        expect((await run("wait", { mode: "duration", amount: 1, unit: "hours" }, { ...dry, stepId: "s12" })).effect.delayMs).toBe(3_600_000);
        expect((await run("branch", { conditions: { op: "and", rules: [] } }, { ...dry, stepId: "s13" })).effect.branch).toBe("yes");
        expect((await run("stop_on", { reply: true, statusChange: false }, { ...dry, stepId: "s14" })).effect.arm).toEqual({ reply: true, statusChange: false });
        expect((await run("webhook", { url: "https://example.test/x" }, { ...dry, stepId: "s15" })).effect.outcome).toBe("done");

        const after = await stateOf(lead.id, deal.id);
        expect(after).toEqual(before);
        expect(after.lead.assigneeId).toBeNull();
        // The rule's turn wasn't taken either.
        expect((await handle.db.selectFrom("assignmentRules").select("nextIndex").where("id", "=", rule.body.id).executeTakeFirstOrThrow()).nextIndex).toBe(0);
      } finally {
        await api("DELETE", `/api/assignment-rules/${rule.body.id}`, asOwner());
      }
    });

    it("and the same steps for real do write (the dry-run comparison can fail)", async () => {
      const lead = await newLead({ tags: [] });
      const before = await stateOf(lead.id);
      await run("update_field", { field: "addTag", value: "real" }, { leadId: lead.id });
      await run("add_note", { body: "Real note" }, { leadId: lead.id });
      const after = await stateOf(lead.id);
      expect(after.lead.tags).toEqual(["real"]);
      expect(after.counts.activities).toBe(before.counts.activities + 2);
    });
  });
});
