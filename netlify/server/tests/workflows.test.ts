import { createServer, type IncomingHttpHeaders } from "node:http";
import pino from "pino";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { WorkflowGraph } from "../../../src/domain/workflows";
import { resetConfig } from "../config";
import type { DatabaseHandle } from "../db/connect";
import { setDatabase } from "../db/instance";
import { asService } from "../db/transactions";
import "../jobs/allJobs";
import { drainOutbox } from "../jobs/inlineRunner";
import { signPayload, verifySignature } from "../services/webhooks/signature";
import { runWorkflowClock } from "../services/workflows/workflowClock";
import { MAX_WORKFLOW_DEPTH } from "../services/workflows/workflowEvent";
import { api } from "../testing/apiClient";
import { useTestEnv } from "../testing/env";
import { signUp, uniqueEmail, type SignedUp } from "../testing/fixtures";
import { listenOnLoopback } from "../testing/loopbackServer";
import { testBackends } from "../testing/testDatabase";

const silent = pino({ level: "silent" });
const chicagoHour = (at = new Date()) => Number(new Intl.DateTimeFormat("en-US", { timeZone: "America/Chicago", hour: "numeric", hourCycle: "h23" }).format(at));
const hh = (h: number) => `${String(((h % 24) + 24) % 24).padStart(2, "0")}:00`;

/** A straight line of steps after a trigger. */
function line(trigger: Record<string, unknown>, steps: Array<{ id: string; type: string; config: Record<string, unknown> }>): WorkflowGraph {
  const nodes = [{ id: "trigger", type: "trigger", position: { x: 0, y: 0 }, config: trigger }, ...steps.map((s, i) => ({ ...s, position: { x: 0, y: (i + 1) * 100 } }))] as WorkflowGraph["nodes"];
  const edges = nodes.slice(1).map((n, i) => ({ id: `e${i}`, source: nodes[i].id, target: n.id }));
  return { nodes, edges };
}

describe.each(testBackends())("workflows on $name", (backend) => {
  let handle: DatabaseHandle;
  let owner: SignedUp;
  let agent: SignedUp;
  let other: SignedUp;
  const asOwner = () => ({ token: owner.token, orgId: owner.orgId });
  const asAgent = () => ({ token: agent.token, orgId: owner.orgId });

  let phoneSeq = 200;
  const newLead = async (over: Record<string, unknown> = {}) => {
    phoneSeq++;
    const res = await api("POST", "/api/leads", { ...asOwner(), body: { firstName: "Ana", lastName: "Ruiz", email: uniqueEmail("lead"), phone: `+1 512 842 ${String(7000 + phoneSeq)}`, address: { state: "TX", zip: "78704" }, ...over } });
    expect(res.status).toBe(201);
    return res.body as { id: string; phone: string };
  };
  const drain = () => drainOutbox(handle.db, silent);
  /** Everything waiting in the outbox (waits, retries) becomes due now: the tests' fast-forward. */
  const fastForward = () => handle.db.updateTable("jobOutbox").set({ availableAt: new Date() }).where("status", "=", "pending").execute();
  const publish = async (name: string, graph: WorkflowGraph) => {
    const created = await api("POST", "/api/workflows", { ...asOwner(), body: { name, graph } });
    expect(created.status).toBe(201);
    const published = await api("POST", `/api/workflows/${created.body.id}/publish`, asOwner());
    expect(published.status).toBe(200);
    return published.body as { id: string; version: number };
  };
  const disableAll = () => handle.db.updateTable("workflows").set({ enabled: false }).where("orgId", "=", owner.orgId).execute();
  const runsOf = (workflowId: string) => handle.db.selectFrom("workflowExecutions").selectAll().where("workflowId", "=", workflowId).orderBy("startedAt").execute();
  const stepsOf = async (executionId: string) => (await api("GET", `/api/executions/${executionId}`, asOwner())).body.steps as Array<{ stepId: string; status: string; output: Record<string, unknown> | null; error: string | null }>;
  const messagesTo = (leadId: string) => handle.db.selectFrom("messages").select(["id", "channel", "status", "bodyText", "idempotencyKey"]).where("leadId", "=", leadId).orderBy("createdAt").execute();

  beforeAll(async () => {
    useTestEnv();
    handle = await backend.open();
    setDatabase(handle);
    owner = await signUp("Workflow Co");
    agent = await signUp("Agent's own org");
    other = await signUp("Other Org");
    expect((await api("POST", "/api/org/members", { ...asOwner(), body: { email: agent.email, role: "agent" } })).status).toBe(201);
  });
  beforeEach(async () => {
    // Sends are allowed now (a window around the Chicago hour) and go to the in-app outbox (no provider keys).
    for (const k of ["SENDGRID_API_KEY", "TWILIO_ACCOUNT_SID"]) delete process.env[k];
    process.env.MESSAGING_SEND_FROM = hh(chicagoHour() - 3);
    process.env.MESSAGING_SEND_UNTIL = hh(chicagoHour() + 3);
    resetConfig();
    await disableAll();
    await drain();
  });
  afterAll(async () => {
    delete process.env.MESSAGING_SEND_FROM;
    delete process.env.MESSAGING_SEND_UNTIL;
    resetConfig();
    await handle.close();
  });

  describe("the API", () => {
    it("managers create, edit and publish; agents read; another org sees nothing", async () => {
      expect((await api("POST", "/api/workflows", { ...asAgent(), body: { name: "Mine" } })).status).toBe(403);
      const created = await api("POST", "/api/workflows", { ...asOwner(), body: { name: "Speed to lead" } });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ name: "Speed to lead", enabled: false, version: null, triggerEvent: "lead.created", hasUnpublishedChanges: true });
      expect(created.body.webhook.secret).toMatch(/^whsec_/);
      const id = created.body.id as string;

      const list = await api("GET", "/api/workflows", asAgent());
      expect(list.status).toBe(200);
      expect(list.body.items.map((w: { id: string }) => w.id)).toContain(id);
      const asAgentDetail = await api("GET", `/api/workflows/${id}`, asAgent());
      expect(asAgentDetail.body.webhook).toBeNull(); // the secret is for managers only
      expect((await api("GET", `/api/workflows/${id}`, { token: other.token, orgId: other.orgId })).status).toBe(404);
      expect((await api("PUT", `/api/workflows/${id}`, { ...asAgent(), body: { name: "x" } })).status).toBe(403);

      // Turning on an unpublished workflow is refused; so is publishing a draft with errors, each issue on its node.
      expect((await api("PUT", `/api/workflows/${id}`, { ...asOwner(), body: { enabled: true } })).status).toBe(409);
      const broken = line({ event: "lead.created" }, [{ id: "text", type: "send_sms", config: { body: "Hi {{lead.nickname}}" } }]);
      broken.nodes.push({ id: "orphan", type: "add_note", position: { x: 0, y: 500 }, config: { body: "" } });
      expect((await api("PUT", `/api/workflows/${id}`, { ...asOwner(), body: { graph: broken } })).status).toBe(200);
      const refused = await api("POST", `/api/workflows/${id}/publish`, asOwner());
      expect(refused.status).toBe(422);
      expect(refused.body.error.code).toBe("workflow_invalid");
      const issues = refused.body.error.issues as Array<{ nodeId?: string; severity: string; message: string }>;
      expect(issues).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ nodeId: "text", severity: "error", message: expect.stringContaining("{{lead.nickname}}") }),
          expect.objectContaining({ nodeId: "orphan", severity: "error", message: expect.stringContaining("Unreachable") }),
          expect.objectContaining({ nodeId: "orphan", severity: "error", message: expect.stringContaining("body") }),
        ]),
      );

      // A bad graph shape is a 400 naming the field.
      const malformed = await api("PUT", `/api/workflows/${id}`, { ...asOwner(), body: { graph: { nodes: [{ id: "a b", type: "nope" }], edges: [] } } });
      expect(malformed.status).toBe(400);
      expect(Object.keys(malformed.body.error.fields)).toEqual(expect.arrayContaining(["graph.nodes.0.id", "graph.nodes.0.type"]));

      const good = line({ event: "lead.created" }, [{ id: "note", type: "add_note", config: { body: "Welcome" } }]);
      await api("PUT", `/api/workflows/${id}`, { ...asOwner(), body: { graph: good } });
      const v1 = await api("POST", `/api/workflows/${id}/publish`, asOwner());
      expect(v1.body).toMatchObject({ version: 1, enabled: true, hasUnpublishedChanges: false });
      const edited = await api("PUT", `/api/workflows/${id}`, { ...asOwner(), body: { graph: line({ event: "lead.created" }, [{ id: "note", type: "add_note", config: { body: "Welcome (v2)" } }]) } });
      expect(edited.body).toMatchObject({ version: 1, hasUnpublishedChanges: true });
      expect((await api("DELETE", `/api/workflows/${id}`, asOwner())).status).toBe(204);
      expect((await api("GET", `/api/workflows/${id}`, asOwner())).status).toBe(404);
    });

    it("lists the three starter templates and instantiates one by id", async () => {
      const templates = await api("GET", "/api/workflows/templates", asAgent());
      expect(templates.body.items.map((t: { id: string }) => t.id)).toEqual(["new-lead-instant-text", "no-answer-drip", "stale-deal-reminder"]);
      const made = await api("POST", "/api/workflows/templates/stale-deal-reminder/instantiate", { ...asOwner(), body: { publish: true } });
      expect(made.status).toBe(201);
      expect(made.body).toMatchObject({ version: 1, enabled: true, triggerEvent: "opportunity.stage_changed" });
      expect((await api("POST", "/api/workflows/templates/nope/instantiate", { ...asOwner(), body: {} })).status).toBe(404);
      expect((await api("POST", "/api/workflows/templates/no-answer-drip/instantiate", { ...asAgent(), body: {} })).status).toBe(403);
    });
  });

  describe("running", () => {
    it("a lead that arrives by signed webhook gets the instant text (outbox), an agent and a call-back task", async () => {
      const wf = await api("POST", "/api/workflows/templates/new-lead-instant-text/instantiate", { ...asOwner(), body: { publish: true } });
      const rule = await api("POST", "/api/assignment-rules", { ...asOwner(), body: { name: "Everyone", agentIds: [agent.userId] } });
      expect(rule.status).toBe(201);
      const source = await api("POST", "/api/lead-sources", { ...asOwner(), body: { name: "PPC page", type: "generic" } });
      const raw = JSON.stringify({ first_name: "Rosa", last_name: "Hall", email: uniqueEmail("rosa"), phone: "(512) 555-0142", address: "12 Oak St, Austin, TX 78704" });
      const delivered = await api("POST", `/api/webhooks/leads/${source.body.id}`, { rawBody: raw, headers: { "content-type": "application/json", "x-hidden-key-signature": signPayload(source.body.secret, raw) } });
      expect(delivered.status).toBe(202);
      const leadId = delivered.body.leadId as string;

      await drain();
      const [run] = await runsOf(wf.body.id);
      expect(run).toMatchObject({ leadId, status: "completed", triggerEvent: "lead.created" });
      const steps = await stepsOf(run.id);
      expect(steps.map((s) => [s.stepId, s.status])).toEqual([
        ["trigger", "done"],
        ["assign", expect.stringMatching(/done|skipped/)],
        ["text", "done"],
        ["task", "done"],
      ]);
      const messages = await messagesTo(leadId);
      expect(messages).toHaveLength(1);
      expect(messages[0]).toMatchObject({ channel: "sms", status: "outbox", idempotencyKey: `wf:${run.id}:text` });
      expect(messages[0].bodyText).toContain("Hi Rosa");
      const lead = await handle.db.selectFrom("leads").select("assigneeId").where("id", "=", leadId).executeTakeFirstOrThrow();
      expect(lead.assigneeId).toBe(agent.userId);
      const tasks = await handle.db.selectFrom("tasks").select(["title", "assigneeId", "dueAt"]).where("leadId", "=", leadId).execute();
      expect(tasks).toEqual([expect.objectContaining({ title: "Call the new lead back", assigneeId: agent.userId })]);
      // Assigned first, so the text is signed by the lead's new agent.
      const profile = await handle.db.selectFrom("profiles").select(["fullName", "email"]).where("id", "=", agent.userId).executeTakeFirstOrThrow();
      expect(messages[0].bodyText).toContain(`this is ${profile.fullName ?? profile.email} with Workflow Co`);
      await api("DELETE", `/api/assignment-rules/${rule.body.id}`, asOwner());
    });

    it("a step run twice (a retry, a duplicate job) acts once; an event handled twice starts one run", async () => {
      const wf = await publish("Twice", line({ event: "lead.created" }, [{ id: "text", type: "send_sms", config: { body: "Hello {{lead.firstName}}" } }]));
      const lead = await newLead();
      // Handle the event job twice by hand, then each step job twice.
      const events = await handle.db.selectFrom("jobOutbox").select(["id", "orgId", "queue", "name", "payload", "attempts", "availableAt"]).where("name", "=", "workflow-event").where("status", "=", "pending").execute();
      const { executeJob } = await import("../jobs/executeJob");
      for (const e of events) {
        await executeJob(handle.db, silent, { ...e, attempts: 1 });
        await executeJob(handle.db, silent, { ...e, attempts: 2 });
      }
      expect(await runsOf(wf.id)).toHaveLength(1);
      const steps = await handle.db.selectFrom("jobOutbox").select(["id", "orgId", "queue", "name", "payload", "attempts", "availableAt"]).where("name", "=", "workflow-step").where("status", "=", "pending").execute();
      for (const s of steps) {
        expect(await executeJob(handle.db, silent, { ...s, attempts: 1 })).toMatchObject({ status: "done", result: "done" });
        // The copy finds the step recorded (or the run already over) and does nothing.
        expect(await executeJob(handle.db, silent, { ...s, attempts: 2 })).toMatchObject({ status: "done", result: expect.stringMatching(/^(duplicate|not_running)$/) });
      }
      await drain();
      expect(await messagesTo(lead.id)).toHaveLength(1);
    });

    it("the drip waits between touches, and a reply stops it at once", async () => {
      const wf = await api("POST", "/api/workflows/templates/no-answer-drip/instantiate", { ...asOwner(), body: { publish: true } });
      const lead = await newLead({ firstName: "Drip" });
      await drain();
      let [run] = await runsOf(wf.body.id);
      expect(run).toMatchObject({ status: "waiting", currentStepId: "touch1" });
      expect(new Date(run.resumeAt!).getTime() - Date.now()).toBeGreaterThan(23 * 3600_000);
      expect(await messagesTo(lead.id)).toHaveLength(0);

      await fastForward(); // a day passes
      await drain();
      [run] = await runsOf(wf.body.id);
      expect(run).toMatchObject({ status: "waiting", currentStepId: "touch2" });
      expect((await messagesTo(lead.id)).map((m) => m.channel)).toEqual(["sms"]);

      // The lead texts back: the run stops now, not when its next step comes due.
      await asService(handle.db, (tx) => tx.insertInto("activities").values({ orgId: owner.orgId, leadId: lead.id, type: "message.received", body: "Who is this?", data: {} }).execute());
      [run] = await runsOf(wf.body.id);
      expect(run).toMatchObject({ status: "stopped", error: "stopped: the lead replied" });
      await fastForward();
      await drain();
      await fastForward();
      await drain();
      expect(await messagesTo(lead.id)).toHaveLength(1);
      expect((await stepsOf(run.id)).map((s) => s.stepId)).toEqual(["trigger", "guard", "wait1", "touch1", "wait2"]);
    });

    it("executions finish on the version they started with", async () => {
      const created = await api("POST", "/api/workflows", { ...asOwner(), body: { name: "Versions", graph: line({ event: "lead.created" }, [{ id: "wait", type: "wait", config: { mode: "duration", amount: 1, unit: "hours" } }, { id: "note", type: "add_note", config: { body: "from v1" } }]) } });
      const id = created.body.id as string;
      await api("POST", `/api/workflows/${id}/publish`, asOwner());
      const lead = await newLead();
      await drain();
      await api("PUT", `/api/workflows/${id}`, { ...asOwner(), body: { graph: line({ event: "lead.created" }, [{ id: "wait", type: "wait", config: { mode: "duration", amount: 1, unit: "hours" } }, { id: "note", type: "add_note", config: { body: "from v2" } }]) } });
      expect((await api("POST", `/api/workflows/${id}/publish`, asOwner())).body.version).toBe(2);
      await fastForward();
      await drain();
      const notes = await handle.db.selectFrom("activities").select("body").where("leadId", "=", lead.id).where("type", "=", "note").execute();
      expect(notes.map((n) => n.body)).toEqual(["from v1"]);
      const [run] = await runsOf(id);
      expect((await api("GET", `/api/executions/${run.id}`, asOwner())).body).toMatchObject({ version: 1, status: "completed" });
    });

    it("a branch follows its yes or no path", async () => {
      const graph: WorkflowGraph = {
        nodes: [
          { id: "trigger", type: "trigger", position: { x: 0, y: 0 }, config: { event: "lead.created" } },
          { id: "check", type: "branch", position: { x: 0, y: 100 }, config: { conditions: { op: "and", rules: [{ field: "lead.state", operator: "equals", value: "TX" }] } } },
          { id: "texan", type: "update_field", position: { x: -100, y: 200 }, config: { field: "addTag", value: "texas" } },
          { id: "elsewhere", type: "update_field", position: { x: 100, y: 200 }, config: { field: "addTag", value: "out-of-state" } },
        ],
        edges: [
          { id: "a", source: "trigger", target: "check" },
          { id: "y", source: "check", target: "texan", branch: "yes" },
          { id: "n", source: "check", target: "elsewhere", branch: "no" },
        ],
      };
      const branchWf = await publish("Branch", graph);
      const tx = await newLead({ address: { state: "TX", zip: "78704" } });
      const fl = await newLead({ address: { state: "FL", zip: "33101" } });
      await drain();
      const tags = async (id: string) => (await handle.db.selectFrom("leads").select("tags").where("id", "=", id).executeTakeFirstOrThrow()).tags;
      expect(await tags(tx.id)).toEqual(["texas"]);
      expect(await tags(fl.id)).toEqual(["out-of-state"]);
      expect((await api("GET", `/api/workflows/${branchWf.id}`, asAgent())).body.executions).toEqual({ running: 0, completed: 2, failed: 0 });
    });

    it("two workflows that keep retriggering each other stop at the depth cap", async () => {
      await publish("Ping", line({ event: "lead.field_changed", field: "source", to: "ping" }, [{ id: "set", type: "update_field", config: { field: "source", value: "pong" } }]));
      await publish("Pong", line({ event: "lead.field_changed", field: "source", to: "pong" }, [{ id: "set", type: "update_field", config: { field: "source", value: "ping" } }]));
      const lead = await newLead();
      await api("PATCH", `/api/leads/${lead.id}`, { ...asOwner(), body: { source: "ping" } });
      for (let i = 0; i < 20; i++) if ((await drain()) === 0) break;
      const runs = await handle.db.selectFrom("workflowExecutions").select(["depth"]).where("leadId", "=", lead.id).execute();
      expect(runs.length).toBe(MAX_WORKFLOW_DEPTH);
      expect(Math.max(...runs.map((r) => r.depth))).toBe(MAX_WORKFLOW_DEPTH - 1);
      expect(await drain()).toBe(0); // it has ended
    });

    it("test mode says what each step would do and sends nothing", async () => {
      const wf = await publish("Dry", line({ event: "lead.created" }, [
        { id: "text", type: "send_sms", config: { body: "Hi {{lead.firstName}}, it's {{org.name}}" } },
        { id: "wait", type: "wait", config: { mode: "duration", amount: 2, unit: "days" } },
        { id: "status", type: "change_status", config: { status: "contacted" } },
      ]));
      await disableAll();
      const lead = await newLead({ firstName: "Tess" });
      const result = await api("POST", `/api/workflows/${wf.id}/test`, { ...asAgent(), body: { leadId: lead.id } });
      expect(result.status).toBe(200);
      expect(result.body.matchesTrigger).toBe(true);
      expect(result.body.steps.map((s: { stepId: string; outcome: string }) => [s.stepId, s.outcome])).toEqual([["text", "would_run"], ["wait", "would_run"], ["status", "would_run"]]);
      expect(result.body.steps[0].summary).toContain("Hi Tess, it's Workflow Co");
      expect(await messagesTo(lead.id)).toHaveLength(0);
      expect((await handle.db.selectFrom("leads").select("status").where("id", "=", lead.id).executeTakeFirstOrThrow()).status).toBe("new");
      expect((await api("POST", `/api/workflows/${wf.id}/test`, { ...asOwner(), body: { leadId: "not-a-uuid" } })).status).toBe(400);
    });

    it("runs by hand on chosen leads, and only workflows triggered by hand", async () => {
      const wf = await publish("By hand", line({ event: "manual" }, [{ id: "tag", type: "update_field", config: { field: "addTag", value: "hand-picked" } }]));
      const [a, b] = [await newLead(), await newLead()];
      const res = await api("POST", `/api/workflows/${wf.id}/run`, { ...asAgent(), body: { leadIds: [a.id, b.id] } });
      expect(res.status).toBe(202);
      expect(res.body).toEqual({ queued: 2 });
      await drain();
      for (const l of [a, b]) expect((await handle.db.selectFrom("leads").select("tags").where("id", "=", l.id).executeTakeFirstOrThrow()).tags).toContain("hand-picked");
      const notManual = await publish("Automatic", line({ event: "lead.created" }, [{ id: "n", type: "add_note", config: { body: "x" } }]));
      expect((await api("POST", `/api/workflows/${notManual.id}/run`, { ...asOwner(), body: { leadIds: [a.id] } })).status).toBe(409);
      const unknown = await api("POST", `/api/workflows/${wf.id}/run`, { ...asOwner(), body: { leadIds: ["00000000-0000-4000-8000-000000000000"] } });
      expect(unknown.status).toBe(400);
      expect(unknown.body.error.fields.leadIds).toMatch(/not found/);
    });

    it("an inbound webhook starts its workflow on the lead it names; bad signatures and unknown leads are refused", async () => {
      const wf = await publish("Inbound", line({ event: "webhook" }, [{ id: "note", type: "add_note", config: { body: "Hooked" } }]));
      const detail = await api("GET", `/api/workflows/${wf.id}`, asOwner());
      const secret = detail.body.webhook.secret as string;
      const lead = await newLead();
      const post = (body: unknown, sig?: string, key?: string) => {
        const raw = JSON.stringify(body);
        return api("POST", `/api/webhooks/workflows/${wf.id}`, { rawBody: raw, headers: { "content-type": "application/json", "x-hidden-key-signature": sig ?? signPayload(secret, raw), ...(key ? { "idempotency-key": key } : {}) } });
      };
      const ok = await post({ phone: lead.phone, data: { campaign: "spring" } }, undefined, "k-1");
      expect(ok.status).toBe(202);
      expect(ok.body.leadId).toBe(lead.id);
      expect((await post({ phone: lead.phone }, undefined, "k-1")).body.executionId).toBeNull(); // the same key again
      expect((await post({ leadId: lead.id }, "t=1,v1=00")).status).toBe(401);
      const missing = await post({ email: "nobody@example.test" });
      expect(missing.status).toBe(404);
      expect(missing.body.error.fields).toEqual({ email: "matches no lead" });
      expect((await post({})).status).toBe(400);
      await drain();
      expect(await handle.db.selectFrom("activities").select("body").where("leadId", "=", lead.id).where("type", "=", "note").execute()).toEqual([{ body: "Hooked" }]);
    });

    it("a webhook step posts signed, with the step's idempotency key; a receiver error fails the run naming the step", async () => {
      const received: Array<{ headers: IncomingHttpHeaders; body: string }> = [];
      let answer = 200;
      const server = createServer((req, res) => {
        let body = "";
        req.on("data", (c) => (body += c));
        req.on("end", () => {
          received.push({ headers: req.headers, body });
          res.writeHead(answer).end();
        });
      });
      const { url, close } = await listenOnLoopback(server);
      try {
        const wf = await publish("Hook out", line({ event: "lead.created" }, [{ id: "hook", type: "webhook", config: { url: `${url}/crm` } }]));
        const secret = (await api("GET", `/api/workflows/${wf.id}`, asOwner())).body.webhook.secret as string;
        const lead = await newLead();
        await drain();
        const [run] = await runsOf(wf.id);
        expect(run.status).toBe("completed");
        expect(received).toHaveLength(1);
        expect(received[0].headers["idempotency-key"]).toBe(`wf:${run.id}:hook`);
        expect(verifySignature(String(received[0].headers["x-hidden-key-signature"]), received[0].body, secret)).toEqual({ ok: true });
        expect(JSON.parse(received[0].body).lead.id).toBe(lead.id);

        answer = 400; // refused outright: no retry
        await newLead();
        await drain();
        const failed = (await runsOf(wf.id))[1];
        expect(failed).toMatchObject({ status: "failed", failedStepId: "hook", error: "the webhook answered 400" });
        expect(received).toHaveLength(2);

        answer = 503; // retried with backoff, then failed once the attempts are used up
        await newLead();
        for (let i = 0; i < 8; i++) {
          await drain();
          await fastForward();
        }
        const third = (await runsOf(wf.id))[2];
        expect(third).toMatchObject({ status: "failed", failedStepId: "hook", error: "the webhook answered 503" });
        const listed = (await api("GET", "/api/workflows", asOwner())).body.items.find((w: { id: string }) => w.id === wf.id);
        expect(listed.executions).toEqual({ running: 0, completed: 1, failed: 2 });
        expect(received).toHaveLength(2 + 5);
        expect((await stepsOf(third.id)).at(-1)).toMatchObject({ stepId: "hook", status: "failed" });
      } finally {
        await close();
      }
    });

    it("stale deal: a reminder task for the owner when the deal sat 7 days in its stage", async () => {
      const wf = await api("POST", "/api/workflows/templates/stale-deal-reminder/instantiate", { ...asOwner(), body: { publish: true } });
      const lead = await newLead();
      const converted = await api("POST", `/api/leads/${lead.id}/convert`, { ...asOwner(), body: {} });
      expect(converted.status).toBe(201);
      const opportunityId = converted.body.opportunityId ?? converted.body.id;
      await drain();
      let [run] = await runsOf(wf.body.id);
      expect(run).toMatchObject({ status: "waiting", currentStepId: "stale", opportunityId });
      // Seven days pass with the deal where it was.
      await handle.db.updateTable("opportunities").set({ stageEnteredAt: new Date(Date.now() - 8 * 86_400_000) }).where("id", "=", opportunityId).execute();
      await fastForward();
      await drain();
      [run] = await runsOf(wf.body.id);
      expect(run.status).toBe("completed");
      const tasks = await handle.db.selectFrom("tasks").select(["title", "assigneeId", "opportunityId"]).where("opportunityId", "=", opportunityId).execute();
      expect(tasks).toEqual([expect.objectContaining({ title: expect.stringContaining("7 days"), assigneeId: owner.userId })]);
    });

    it("the clock starts scheduled workflows on the leads their conditions pick, and emits overdue tasks once", async () => {
      const scheduled = await publish("Mondays", line({ event: "schedule", cron: "0 9 * * 1", conditions: { op: "and", rules: [{ field: "lead.tags", operator: "contains", value: "weekly" }] } }, [{ id: "n", type: "add_note", config: { body: "Weekly check-in" } }]));
      const picked = await newLead({ tags: ["weekly"] });
      await newLead();
      const next = await handle.db.selectFrom("workflows").select("nextRunAt").where("id", "=", scheduled.id).executeTakeFirstOrThrow();
      expect(next.nextRunAt!.getTime()).toBeGreaterThan(Date.now());
      await handle.db.updateTable("workflows").set({ nextRunAt: new Date(Date.now() - 1000) }).where("id", "=", scheduled.id).execute();
      expect((await runWorkflowClock(handle.db)).schedules).toBe(1);
      await drain();
      const runs = await runsOf(scheduled.id);
      expect(runs.map((r) => r.leadId)).toEqual([picked.id]);
      expect((await handle.db.selectFrom("workflows").select("nextRunAt").where("id", "=", scheduled.id).executeTakeFirstOrThrow()).nextRunAt!.getTime()).toBeGreaterThan(Date.now());

      const overdue = await publish("Overdue", line({ event: "task.overdue" }, [{ id: "n", type: "add_note", config: { body: "A task is overdue" } }]));
      const task = await api("POST", `/api/leads/${picked.id}/tasks`, { ...asOwner(), body: { title: "Call", dueAt: new Date(Date.now() - 60_000).toISOString() } });
      expect(task.status).toBe(201);
      await runWorkflowClock(handle.db);
      await runWorkflowClock(handle.db);
      await drain();
      expect((await runsOf(overdue.id)).map((r) => r.leadId)).toEqual([picked.id]);
    });
  });
});
