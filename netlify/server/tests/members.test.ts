import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../db/connect";
import { setDatabase } from "../db/instance";
import { api } from "../testing/apiClient";
import { useTestEnv } from "../testing/env";
import { signUp, type SignedUp } from "../testing/fixtures";
import { testBackends } from "../testing/testDatabase";

describe.each(testBackends())("org members on $name", (backend) => {
  let handle: DatabaseHandle;
  let owner: SignedUp;
  let alice: SignedUp;
  let bob: SignedUp;
  beforeAll(async () => {
    useTestEnv();
    handle = await backend.open();
    setDatabase(handle);
    [owner, alice, bob] = await Promise.all([signUp("Team Co"), signUp("Alice's own"), signUp("Bob's own")]);
  });
  afterAll(() => handle.close());

  const asOwner = () => ({ token: owner.token, orgId: owner.orgId });

  it("an owner adds a member by email, who then sees the org", async () => {
    const res = await api("POST", "/api/org/members", { ...asOwner(), body: { email: alice.email.toUpperCase(), role: "agent" } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ userId: alice.userId, email: alice.email, role: "agent" });
    const me = await api("GET", "/api/me", { token: alice.token });
    expect(me.body.memberships.map((m: { orgId: string; role: string }) => [m.orgId, m.role])).toContainEqual([owner.orgId, "agent"]);
    const leads = await api("GET", "/api/leads", { token: alice.token, orgId: owner.orgId });
    expect(leads.status).toBe(200);
  });

  it("refuses unknown emails, duplicates and bad roles with field errors", async () => {
    const unknown = await api("POST", "/api/org/members", { ...asOwner(), body: { email: "ghost@example.test", role: "agent" } });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.fields).toHaveProperty("email");
    const dup = await api("POST", "/api/org/members", { ...asOwner(), body: { email: alice.email, role: "admin" } });
    expect(dup.status).toBe(409);
    const role = await api("POST", "/api/org/members", { ...asOwner(), body: { email: bob.email, role: "superuser" } });
    expect(role.status).toBe(400);
    expect(role.body.error.fields).toHaveProperty("role");
  });

  it("agents can't manage members; admins can't touch owners; investors don't see leads", async () => {
    const asAlice = { token: alice.token, orgId: owner.orgId };
    expect((await api("POST", "/api/org/members", { ...asAlice, body: { email: bob.email, role: "agent" } })).status).toBe(403);
    expect((await api("PATCH", `/api/org/members/${alice.userId}`, { ...asOwner(), body: { role: "admin" } })).status).toBe(200);
    // alice is now an admin
    expect((await api("POST", "/api/org/members", { ...asAlice, body: { email: bob.email, role: "owner" } })).status).toBe(403);
    expect((await api("PATCH", `/api/org/members/${owner.userId}`, { ...asAlice, body: { role: "agent" } })).status).toBe(403);
    expect((await api("DELETE", `/api/org/members/${owner.userId}`, asAlice)).status).toBe(403);
    const added = await api("POST", "/api/org/members", { ...asAlice, body: { email: bob.email, role: "investor" } });
    expect(added.status).toBe(201);
    const bobLeads = await api("GET", "/api/leads", { token: bob.token, orgId: owner.orgId });
    expect(bobLeads.status).toBe(403);
    expect(bobLeads.body.error.code).toBe("forbidden");
  });

  it("never leaves an org without an owner", async () => {
    const demote = await api("PATCH", `/api/org/members/${owner.userId}`, { ...asOwner(), body: { role: "admin" } });
    expect(demote.status).toBe(409);
    expect(demote.body.error.code).toBe("last_owner");
    expect((await api("DELETE", `/api/org/members/${owner.userId}`, asOwner())).status).toBe(409);
  });

  it("removes a member, who then loses access", async () => {
    expect((await api("DELETE", `/api/org/members/${bob.userId}`, asOwner())).status).toBe(204);
    const after = await api("GET", "/api/leads", { token: bob.token, orgId: owner.orgId });
    expect(after.status).toBe(403);
    expect(after.body.error.code).toBe("not_a_member");
    const list = await api("GET", "/api/org/members", asOwner());
    expect(list.body.items.map((m: { userId: string }) => m.userId).sort()).toEqual([owner.userId, alice.userId].sort());
  });
});
