import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../db/connect";
import { setDatabase } from "../db/instance";
import { signPayload } from "../services/webhooks/signature";
import { api } from "../testing/apiClient";
import { useTestEnv } from "../testing/env";
import { createLead, signUp, uniqueEmail, type SignedUp } from "../testing/fixtures";
import { testBackends } from "../testing/testDatabase";

describe.each(testBackends())("lead assignment on $name", (backend) => {
  let handle: DatabaseHandle;
  let owner: SignedUp;
  let ann: SignedUp;
  let ben: SignedUp;
  let source: { id: string; secret: string };
  const asOwner = () => ({ token: owner.token, orgId: owner.orgId });
  const deliver = (payload: Record<string, unknown>) => {
    const body = JSON.stringify(payload);
    return api("POST", `/api/webhooks/leads/${source.id}`, { rawBody: body, headers: { "content-type": "application/json", "x-hidden-key-signature": signPayload(source.secret, body) } });
  };
  const assigneeOf = async (leadId: string) => (await handle.db.selectFrom("leads").select("assigneeId").where("id", "=", leadId).executeTakeFirstOrThrow()).assigneeId;

  beforeAll(async () => {
    useTestEnv();
    handle = await backend.open();
    setDatabase(handle);
    [owner, ann, ben] = await Promise.all([signUp("Assign Co"), signUp("Ann's"), signUp("Ben's")]);
    for (const agent of [ann, ben]) await api("POST", "/api/org/members", { ...asOwner(), body: { email: agent.email, role: "agent" } });
    source = (await api("POST", "/api/lead-sources", { ...asOwner(), body: { name: "PPC" } })).body;
  });
  afterAll(() => handle.close());

  it("hands new leads to agents round robin, as the rule's first match by source and ZIP", async () => {
    const zipRule = await api("POST", "/api/assignment-rules", { ...asOwner(), body: { name: "Austin 78704", agentIds: [ben.userId], zips: ["78704"], position: 0 } });
    expect(zipRule.status).toBe(201);
    const rr = await api("POST", "/api/assignment-rules", { ...asOwner(), body: { name: "PPC round robin", agentIds: [ann.userId, ben.userId], sources: ["PPC"], position: 1 } });
    expect(rr.status).toBe(201);

    const got: (string | null)[] = [];
    for (let i = 0; i < 4; i++) got.push(await assigneeOf((await deliver({ name: `RR ${i}`, email: uniqueEmail() })).body.leadId));
    expect(got).toEqual([ann.userId, ben.userId, ann.userId, ben.userId]);

    const austin = await deliver({ name: "Austin", email: uniqueEmail(), zip: "78704" });
    expect(await assigneeOf(austin.body.leadId)).toBe(ben.userId);

    // No rule matches a lead from another source: it stays unassigned.
    const manual = await createLead(owner.token, owner.orgId, { source: "Referral" });
    expect(await assigneeOf(manual.id)).toBeNull();
    // An explicit assignee wins over the rules.
    const explicit = await createLead(owner.token, owner.orgId, { source: "PPC", assigneeId: owner.userId });
    expect(await assigneeOf(explicit.id)).toBe(owner.userId);
  });

  it("gives concurrent leads distinct turns", async () => {
    const before = await handle.db.selectFrom("leads").select("assigneeId").where("orgId", "=", owner.orgId).where("source", "=", "PPC").execute();
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => deliver({ name: `Burst ${i}`, email: uniqueEmail() })));
    expect(results.every((r) => r.status === 202)).toBe(true);
    const after = await handle.db.selectFrom("leads").select("assigneeId").where("orgId", "=", owner.orgId).where("source", "=", "PPC").execute();
    const count = (rows: { assigneeId: string | null }[], id: string) => rows.filter((r) => r.assigneeId === id).length;
    expect(count(after, ann.userId) - count(before, ann.userId)).toBe(5);
    expect(count(after, ben.userId) - count(before, ben.userId)).toBe(5);
  });

  it("refuses rules naming people who aren't staff", async () => {
    const res = await api("POST", "/api/assignment-rules", { ...asOwner(), body: { name: "Bad", agentIds: ["00000000-0000-0000-0000-000000000000"] } });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toHaveProperty("agentIds");
    const agentTry = await api("POST", "/api/assignment-rules", { token: ann.token, orgId: owner.orgId, body: { name: "Mine", agentIds: [ann.userId] } });
    expect(agentTry.status).toBe(403);
  });

  it("restricts agents to their own leads when the org says so, in the API and in SQL", async () => {
    const annLead = await createLead(owner.token, owner.orgId, { firstName: "ForAnn", assigneeId: ann.userId });
    const benLead = await createLead(owner.token, owner.orgId, { firstName: "ForBen", assigneeId: ben.userId });
    const asAnn = { token: ann.token, orgId: owner.orgId };
    expect((await api("GET", `/api/leads/${benLead.id}`, asAnn)).status).toBe(200);

    const setting = await api("PATCH", "/api/org", { ...asOwner(), body: { agentsSeeAssignedOnly: true } });
    expect(setting.body.agentsSeeAssignedOnly).toBe(true);
    expect((await api("PATCH", "/api/org", { ...asAnn, body: { agentsSeeAssignedOnly: false } })).status).toBe(403);

    expect((await api("GET", `/api/leads/${benLead.id}`, asAnn)).status).toBe(404);
    expect((await api("PATCH", `/api/leads/${benLead.id}`, { ...asAnn, body: { firstName: "Taken" } })).status).toBe(404);
    expect((await api("GET", `/api/leads/${annLead.id}`, asAnn)).status).toBe(200);
    const list = await api("GET", "/api/leads?limit=200", asAnn);
    expect(list.body.items.every((l: { assigneeId: string }) => l.assigneeId === ann.userId)).toBe(true);
    // The owner still sees everything.
    expect((await api("GET", `/api/leads/${benLead.id}`, asOwner())).status).toBe(200);
    // And in SQL, as Ann with her claims: Ben's lead does not exist.
    const seen = await handle.db.transaction().execute(async (tx) => {
      await sql`select set_config('role', 'authenticated', true), set_config('request.jwt.claims', ${JSON.stringify({ sub: ann.userId, role: "authenticated" })}, true)`.execute(tx);
      return (await sql<{ n: number }>`select count(*)::int as n from public.leads where id = ${benLead.id}`.execute(tx)).rows[0].n;
    });
    expect(seen).toBe(0);
    await api("PATCH", "/api/org", { ...asOwner(), body: { agentsSeeAssignedOnly: false } });
    expect((await api("GET", `/api/leads/${benLead.id}`, asAnn)).status).toBe(200);
  });
});
