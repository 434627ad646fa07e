import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../db/connect";
import { setDatabase } from "../db/instance";
import { api } from "../testing/apiClient";
import { useTestEnv } from "../testing/env";
import { createLead, signUp, uniqueEmail, type SignedUp } from "../testing/fixtures";
import { testBackends } from "../testing/testDatabase";

describe.each(testBackends())("working a lead on $name", (backend) => {
  let handle: DatabaseHandle;
  let owner: SignedUp;
  const as = () => ({ token: owner.token, orgId: owner.orgId });

  beforeAll(async () => {
    useTestEnv();
    handle = await backend.open();
    setDatabase(handle);
    owner = await signUp("Work Co");
  });
  afterAll(() => handle.close());

  it("records field changes with before and after, and status changes as such", async () => {
    const lead = await createLead(owner.token, owner.orgId, { firstName: "Before", status: "new" });
    await api("PATCH", `/api/leads/${lead.id}`, { ...as(), body: { firstName: "After" } });
    await api("PATCH", `/api/leads/${lead.id}`, { ...as(), body: { status: "contacted" } });
    await api("PATCH", `/api/leads/${lead.id}`, { ...as(), body: { status: "contacted" } }); // no change, no entry
    const timeline = await api("GET", `/api/leads/${lead.id}/activities`, as());
    expect(timeline.status).toBe(200);
    expect(timeline.body.items.map((a: { type: string }) => a.type)).toEqual(["lead.status_changed", "lead.updated", "lead.created"]);
    expect(timeline.body.items[1].data.changes).toEqual({ firstName: { from: "Before", to: "After" } });
    expect(timeline.body.items[0]).toMatchObject({ actorId: owner.userId, actorName: owner.email, data: { changes: { status: { from: "new", to: "contacted" } } } });
  });

  it("adds notes and tasks, and completing a task lands on the timeline", async () => {
    const lead = await createLead(owner.token, owner.orgId);
    const note = await api("POST", `/api/leads/${lead.id}/notes`, { ...as(), body: { body: "Owner wants 30 days to move out." } });
    expect(note.status).toBe(201);
    expect((await api("POST", `/api/leads/${lead.id}/notes`, { ...as(), body: { body: "  " } })).status).toBe(400);
    const due = new Date(Date.now() + 86_400_000).toISOString();
    const task = await api("POST", `/api/leads/${lead.id}/tasks`, { ...as(), body: { title: "Call back", dueAt: due } });
    expect(task.status).toBe(201);
    expect(task.body).toMatchObject({ title: "Call back", status: "open", assigneeId: owner.userId, dueAt: due });
    const badAssignee = await api("POST", `/api/leads/${lead.id}/tasks`, { ...as(), body: { title: "X", assigneeId: "00000000-0000-0000-0000-000000000000" } });
    expect(badAssignee.body.error.fields).toHaveProperty("assigneeId");
    const done = await api("PATCH", `/api/tasks/${task.body.id}`, { ...as(), body: { status: "done" } });
    expect(done.body.completedAt).not.toBeNull();
    const tasks = await api("GET", `/api/leads/${lead.id}/tasks`, as());
    expect(tasks.body.items).toHaveLength(1);
    const types = (await api("GET", `/api/leads/${lead.id}/activities`, as())).body.items.map((a: { type: string }) => a.type);
    expect(types).toEqual(["task.completed", "task.created", "note", "lead.created"]);
  });

  it("lists a lead's tasks open first, soonest due first, undated last", async () => {
    const lead = await createLead(owner.token, owner.orgId);
    const add = async (title: string, dueInDays: number | null) =>
      (await api("POST", `/api/leads/${lead.id}/tasks`, { ...as(), body: { title, dueAt: dueInDays === null ? null : new Date(Date.now() + dueInDays * 86_400_000).toISOString() } })).body;
    await add("Undated", null);
    await add("Next week", 7);
    const finished = await add("Done already", 1);
    await add("Tomorrow", 1);
    await api("PATCH", `/api/tasks/${finished.id}`, { ...as(), body: { status: "done" } });
    const tasks = await api("GET", `/api/leads/${lead.id}/tasks`, as());
    expect(tasks.body.items.map((t: { title: string }) => t.title)).toEqual(["Tomorrow", "Next week", "Undated", "Done already"]);
  });

  it("pages the timeline with a cursor", async () => {
    const lead = await createLead(owner.token, owner.orgId);
    for (let i = 0; i < 5; i++) await api("POST", `/api/leads/${lead.id}/notes`, { ...as(), body: { body: `n${i}` } });
    const first = await api("GET", `/api/leads/${lead.id}/activities?limit=4`, as());
    const second = await api("GET", `/api/leads/${lead.id}/activities?limit=4&cursor=${first.body.nextCursor}`, as());
    const all = [...first.body.items, ...second.body.items].map((a: { id: string }) => a.id);
    expect(all).toHaveLength(6);
    expect(new Set(all).size).toBe(6);
    expect(second.body.nextCursor).toBeNull();
  });

  it("converts a lead into an opportunity in the first stage, once", async () => {
    const lead = await createLead(owner.token, owner.orgId, { address: { street: "9 Elm Dr", city: "San Antonio", state: "TX", zip: "78209" } });
    const res = await api("POST", `/api/leads/${lead.id}/convert`, { ...as(), body: { value: 185000 } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ title: "9 Elm Dr, San Antonio", leadId: lead.id, value: 185000, propertyId: expect.any(String) });
    const stage = await handle.db.selectFrom("pipelineStages").select(["name"]).where("id", "=", res.body.stageId).executeTakeFirstOrThrow();
    expect(stage.name).toBe("New");
    const after = await api("GET", `/api/leads/${lead.id}`, as());
    expect(after.body.status).toBe("converted");
    const again = await api("POST", `/api/leads/${lead.id}/convert`, { ...as(), body: {} });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("already_converted");
    const types = (await api("GET", `/api/leads/${lead.id}/activities`, as())).body.items.map((a: { type: string }) => a.type);
    expect(types[0]).toBe("lead.converted");
  });

  it("merges a duplicate, choosing surviving values and moving its history", async () => {
    const keep = await createLead(owner.token, owner.orgId, { firstName: "Kim", lastName: null, email: uniqueEmail("kim"), tags: ["probate"] });
    const dupEmail = uniqueEmail("kimberly");
    const dup = await createLead(owner.token, owner.orgId, { firstName: "Kimberly", lastName: "Ng", email: dupEmail, phone: "5125550142", tags: ["vacant"] });
    await api("POST", `/api/leads/${dup.id}/notes`, { ...as(), body: { body: "note on the duplicate" } });
    const res = await api("POST", `/api/leads/${keep.id}/merge`, { ...as(), body: { otherId: dup.id, keep: { firstName: "other", email: "other" } } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: keep.id, firstName: "Kimberly", lastName: "Ng", email: dupEmail, phone: "+15125550142" });
    expect(res.body.tags.sort()).toEqual(["probate", "vacant"]);
    expect((await api("GET", `/api/leads/${dup.id}`, as())).status).toBe(404);
    const timeline = await api("GET", `/api/leads/${keep.id}/activities`, as());
    const types = timeline.body.items.map((a: { type: string }) => a.type);
    expect(types).toContain("note"); // moved over
    expect(types[0]).toBe("lead.merged");
    expect(timeline.body.items[0].data.mergedLead.first_name ?? timeline.body.items[0].data.mergedLead.firstName).toBe("Kimberly");
    expect((await api("POST", `/api/leads/${keep.id}/merge`, { ...as(), body: { otherId: keep.id } })).status).toBe(400);
  });

  it("keeps all of this inside the org", async () => {
    const lead = await createLead(owner.token, owner.orgId);
    const stranger = await signUp("Stranger Co");
    const s = { token: stranger.token, orgId: stranger.orgId };
    expect((await api("GET", `/api/leads/${lead.id}/activities`, s)).status).toBe(404);
    expect((await api("POST", `/api/leads/${lead.id}/notes`, { ...s, body: { body: "hi" } })).status).toBe(404);
    expect((await api("POST", `/api/leads/${lead.id}/convert`, { ...s, body: {} })).status).toBe(404);
    const theirs = await createLead(stranger.token, stranger.orgId);
    const merge = await api("POST", `/api/leads/${theirs.id}/merge`, { ...s, body: { otherId: lead.id } });
    expect(merge.status).toBe(400);
    expect((await api("GET", `/api/leads/${lead.id}`, as())).status).toBe(200);
  });
});
