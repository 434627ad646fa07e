import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../db/connect";
import { setDatabase } from "../db/instance";
import { api } from "../testing/apiClient";
import { useTestEnv } from "../testing/env";
import { createLead, signUp, type SignedUp } from "../testing/fixtures";
import { testBackends } from "../testing/testDatabase";

describe.each(testBackends())("leads API on $name", (backend) => {
  let handle: DatabaseHandle;
  let owner: SignedUp;
  beforeAll(async () => {
    useTestEnv();
    handle = await backend.open();
    setDatabase(handle);
    owner = await signUp("Leads Co");
  });
  afterAll(() => handle.close());

  const as = () => ({ token: owner.token, orgId: owner.orgId });

  it("creates a lead, normalising what it can, and reads it back", async () => {
    const res = await api("POST", "/api/leads", {
      ...as(),
      body: {
        firstName: "  Maria ",
        lastName: "Garcia",
        email: " Maria.Garcia@Example.COM ",
        phone: "(512) 555-0134",
        source: "Direct Mail",
        tags: ["Probate", "probate", "vacant"],
        address: { street: "4100 oak street", city: "Austin", state: "texas", zip: "78704" },
      },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      firstName: "Maria",
      email: "maria.garcia@example.com",
      phone: "+15125550134",
      status: "new",
      tags: ["probate", "vacant"],
      address: { street: "4100 Oak St", city: "Austin", state: "TX", zip: "78704" },
      orgId: owner.orgId,
    });
    const got = await api("GET", `/api/leads/${res.body.id}`, as());
    expect(got.status).toBe(200);
    expect(got.body).toEqual(res.body);
  });

  it("pages through every lead exactly once with keyset cursors", async () => {
    const org = await signUp("Paging Co");
    const created = new Set<string>();
    for (let i = 0; i < 23; i++) created.add((await createLead(org.token, org.orgId, { firstName: `L${i}` })).id);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : "";
      const res = await api("GET", `/api/leads?limit=5${query}`, { token: org.token, orgId: org.orgId });
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((l: { id: string }) => l.id));
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(5);
    expect(seen).toHaveLength(23);
    expect(new Set(seen)).toEqual(created);
  });

  it("rejects bad list parameters with 400 naming them", async () => {
    const bad = await api("GET", "/api/leads?limit=0", as());
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toHaveProperty("limit");
    const cursor = await api("GET", "/api/leads?cursor=garbage", as());
    expect(cursor.status).toBe(400);
    expect(cursor.body.error.fields).toHaveProperty("cursor");
  });

  it("patches only the fields sent and deletes", async () => {
    const lead = await createLead(owner.token, owner.orgId, { notes: "keep me" });
    const patched = await api("PATCH", `/api/leads/${lead.id}`, { ...as(), body: { status: "contacted", address: { city: "Dallas" } } });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ status: "contacted", notes: "keep me", address: { city: "Dallas" } });
    expect(new Date(patched.body.updatedAt).getTime()).toBeGreaterThanOrEqual(new Date(patched.body.createdAt).getTime());
    expect((await api("DELETE", `/api/leads/${lead.id}`, as())).status).toBe(204);
    expect((await api("GET", `/api/leads/${lead.id}`, as())).status).toBe(404);
    expect((await api("DELETE", `/api/leads/${lead.id}`, as())).status).toBe(404);
  });

  it("answers bad input with the right 4xx and never a 500", async () => {
    const { token, orgId } = as();
    const h = { token, orgId };
    const malformed = await api("POST", "/api/leads", { ...h, rawBody: "{nope", headers: { "content-type": "application/json" } });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe("malformed_json");
    const wrongType = await api("POST", "/api/leads", { ...h, rawBody: "firstName=x", headers: { "content-type": "application/x-www-form-urlencoded" } });
    expect(wrongType.status).toBe(415);
    const huge = await api("POST", "/api/leads", { ...h, body: { firstName: "Big", notes: "x".repeat(1024 * 1024 + 10) } });
    expect(huge.status).toBe(413);
    const field = await api("POST", "/api/leads", { ...h, body: { firstName: "A", email: "not-an-email", status: "hot" } });
    expect(field.status).toBe(400);
    expect(field.body.error).toMatchObject({ code: "validation_failed", fields: { email: "must be a valid email address" } });
    expect(field.body.error.fields).toHaveProperty("status");
    const unknownField = await api("POST", "/api/leads", { ...h, body: { firstName: "A", orgId: "00000000-0000-0000-0000-000000000000" } });
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.error.fields).toHaveProperty("orgId");
    const empty = await api("POST", "/api/leads", { ...h, body: {} });
    expect(empty.status).toBe(400);
    // Regression: an empty address object used to reach Postgres as an empty UPDATE (500).
    const lead = await api("POST", "/api/leads", { ...h, body: { firstName: "Patchy" } });
    const emptyPatch = await api("PATCH", `/api/leads/${lead.body.id}`, { ...h, body: { address: {} } });
    expect(emptyPatch.status).toBe(400);
    expect(emptyPatch.body.error.fields).toHaveProperty("body");
    const notMember = await api("POST", "/api/leads", { ...h, body: { firstName: "A", assigneeId: "00000000-0000-0000-0000-000000000000" } });
    expect(notMember.status).toBe(400);
    expect(notMember.body.error.fields).toHaveProperty("assigneeId");
    const badId = await api("GET", "/api/leads/not-a-uuid", h);
    expect(badId.status).toBe(404);
    const badOrg = await api("GET", "/api/leads", { token, orgId: "nope" });
    expect(badOrg.status).toBe(400);
    const method = await api("PUT", "/api/leads", h);
    expect(method.status).toBe(405);
    for (const r of [malformed, wrongType, huge, field, notMember, badId, method]) {
      expect(r.body.error.requestId).toBe(r.headers.get("x-request-id"));
      expect(JSON.stringify(r.body)).not.toMatch(/at .*\.ts:\d+/);
    }
  });

  it("keeps the caller's x-request-id and makes one otherwise", async () => {
    const mine = await api("GET", "/api/leads?limit=1", { ...as(), headers: { "x-request-id": "req-abc-123" } });
    expect(mine.headers.get("x-request-id")).toBe("req-abc-123");
    const made = await api("GET", "/api/leads?limit=1", as());
    expect(made.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("records the lead's creation on its timeline", async () => {
    const lead = await createLead(owner.token, owner.orgId, { source: "PPC" });
    const rows = await handle.db.selectFrom("activities").select(["type", "actorId"]).where("leadId", "=", lead.id).execute();
    expect(rows).toEqual([{ type: "lead.created", actorId: owner.userId }]);
  });
});
