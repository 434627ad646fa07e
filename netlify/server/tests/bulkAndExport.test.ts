import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../db/connect";
import { setDatabase } from "../db/instance";
import { FunctionRouter } from "../local/functionRouter";
import { api } from "../testing/apiClient";
import { useTestEnv } from "../testing/env";
import { createLead, signUp, uniqueEmail, type SignedUp } from "../testing/fixtures";
import { testBackends } from "../testing/testDatabase";

describe.each(testBackends())("bulk actions, trash and export on $name", (backend) => {
  let handle: DatabaseHandle;
  let owner: SignedUp;
  const as = () => ({ token: owner.token, orgId: owner.orgId });
  const bulk = (body: unknown) => api("POST", "/api/leads/bulk", { ...as(), body });

  beforeAll(async () => {
    useTestEnv();
    handle = await backend.open();
    setDatabase(handle);
    owner = await signUp("Bulk Co");
  });
  afterAll(() => handle.close());

  it("changes status, assignee and tags of many leads, recording each change", async () => {
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await createLead(owner.token, owner.orgId, { firstName: `Bulk${i}`, tags: ["a"] })).id);
    const status = await bulk({ action: "status", ids, status: "contacted" });
    expect(status.status).toBe(200);
    expect(status.body.affected.sort()).toEqual([...ids].sort());
    const assign = await bulk({ action: "assign", ids, assigneeId: owner.userId });
    expect(assign.body.affected).toHaveLength(3);
    await bulk({ action: "tag", ids, tags: ["Probate", "a"] });
    await bulk({ action: "untag", ids: [ids[0]], tags: ["a"] });
    const lead0 = (await api("GET", `/api/leads/${ids[0]}`, as())).body;
    const lead1 = (await api("GET", `/api/leads/${ids[1]}`, as())).body;
    expect(lead0).toMatchObject({ status: "contacted", assigneeId: owner.userId, tags: ["probate"] });
    expect(lead1.tags).toEqual(["a", "probate"]);
    const timeline = (await api("GET", `/api/leads/${ids[1]}/activities`, as())).body.items.map((a: { type: string }) => a.type);
    expect(timeline).toContain("lead.status_changed");
    expect(timeline).toContain("lead.updated");
  });

  it("deletes into a trash and undoes it; a lead taken over meanwhile stays deleted", async () => {
    const email = uniqueEmail("trash");
    const a = await createLead(owner.token, owner.orgId, { firstName: "Trash", email });
    const b = await createLead(owner.token, owner.orgId, { firstName: "Keep" });
    const del = await bulk({ action: "delete", ids: [a.id, b.id] });
    expect(del.body.affected).toHaveLength(2);
    expect((await api("GET", `/api/leads/${a.id}`, as())).status).toBe(404);
    const list = await api("GET", "/api/leads?limit=200", as());
    expect(list.body.items.map((l: { id: string }) => l.id)).not.toContain(a.id);
    // The same person arrives again while a is in the trash: a new lead, not a merge into the deleted one.
    const again = await api("POST", "/api/leads", { ...as(), body: { firstName: "Again", email } });
    expect(again.status).toBe(201);
    const undo = await bulk({ action: "restore", ids: [a.id, b.id] });
    expect(undo.body.affected).toEqual([b.id]);
    expect(undo.body.skipped).toEqual([{ id: a.id, reason: "a newer lead has the same email, phone or address" }]);
    expect((await api("GET", `/api/leads/${b.id}`, as())).status).toBe(200);
  });

  it("reports ids it could not touch, and names bad input", async () => {
    const res = await bulk({ action: "status", ids: ["00000000-0000-0000-0000-000000000000"], status: "dead" });
    expect(res.body).toEqual({ action: "status", affected: [], skipped: [{ id: "00000000-0000-0000-0000-000000000000", reason: "not found" }] });
    const bad = await bulk({ action: "explode", ids: [] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toHaveProperty("action");
    const tooMany = await bulk({ action: "delete", ids: Array.from({ length: 1001 }, () => "00000000-0000-0000-0000-000000000000") });
    expect(tooMany.body.error.fields).toHaveProperty("ids");
    const stranger = await signUp("Stranger");
    const mine = await createLead(owner.token, owner.orgId, { firstName: "Mine" });
    const theirs = await api("POST", "/api/leads/bulk", { token: stranger.token, orgId: stranger.orgId, body: { action: "delete", ids: [mine.id] } });
    expect(theirs.body.affected).toEqual([]);
    expect((await api("GET", `/api/leads/${mine.id}`, as())).status).toBe(200);
  });

  it("exports the filtered list as streamed CSV", async () => {
    const org = await signUp("Export Co");
    for (let i = 0; i < 5; i++) await createLead(org.token, org.orgId, { firstName: `Exp${i}`, lastName: "Orter", status: i < 3 ? "qualified" : "new", address: { city: "Austin", state: "TX" } });
    const router = await FunctionRouter.load();
    const res = await router.handle(new Request("http://x/api/leads/export?status=qualified", { headers: { authorization: `Bearer ${org.token}`, "x-org-id": org.orgId } }));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/attachment; filename="leads-\d{4}-\d{2}-\d{2}\.csv"/);
    const lines = (await res.text()).trim().split(/\r?\n/);
    expect(lines[0]).toBe("id,firstName,lastName,email,phone,status,source,tags,score,street,city,state,zip,assigneeId,createdAt,updatedAt");
    expect(lines).toHaveLength(4);
    expect(lines.slice(1).every((l) => l.includes(",qualified,") && l.includes("Austin"))).toBe(true);
    const unauth = await router.handle(new Request("http://x/api/leads/export"));
    expect(unauth.status).toBe(401);
  });
});
