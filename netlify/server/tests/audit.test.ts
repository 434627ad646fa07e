import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../db/connect";
import { setDatabase } from "../db/instance";
import { api } from "../testing/apiClient";
import { useTestEnv } from "../testing/env";
import { createLead, signUp, type SignedUp } from "../testing/fixtures";
import { testBackends } from "../testing/testDatabase";

describe.each(testBackends())("audit log on $name", (backend) => {
  let handle: DatabaseHandle;
  let owner: SignedUp;
  beforeAll(async () => {
    useTestEnv();
    handle = await backend.open();
    setDatabase(handle);
    owner = await signUp("Audit Co");
  });
  afterAll(() => handle.close());
  const asOwner = () => ({ token: owner.token, orgId: owner.orgId });

  it("records who changed what, with before and after", async () => {
    const lead = await createLead(owner.token, owner.orgId, { firstName: "Before" });
    await api("PATCH", `/api/leads/${lead.id}`, { ...asOwner(), body: { firstName: "After" } });
    const entries = await handle.db
      .selectFrom("auditLog")
      .select(["action", "actorId", "oldData", "newData"])
      .where("recordId", "=", lead.id)
      .orderBy("id")
      .execute();
    expect(entries.map((e) => e.action)).toEqual(["insert", "update"]);
    expect(entries.every((e) => e.actorId === owner.userId)).toBe(true);
    expect((entries[1].oldData as { first_name: string }).first_name).toBe("Before");
    expect((entries[1].newData as { first_name: string }).first_name).toBe("After");
  });

  it("chains entries per org and reports the chain intact", async () => {
    const res = await api("GET", "/api/audit/verify", asOwner());
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ orgId: owner.orgId, intact: true, firstBrokenId: null });
    expect(res.body.entries).toBeGreaterThan(5);
  });

  it("keeps concurrent writers on one unbroken chain", async () => {
    await Promise.all(Array.from({ length: 12 }, (_, i) => createLead(owner.token, owner.orgId, { firstName: `Racer ${i}` })));
    const res = await api("GET", "/api/audit/verify", asOwner());
    expect(res.body.intact).toBe(true);
  });

  it("detects an entry edited behind its back", async () => {
    const other = await signUp("Tampered Co");
    await createLead(other.token, other.orgId);
    const target = await handle.db.selectFrom("auditLog").select("id").where("orgId", "=", other.orgId).orderBy("id").executeTakeFirstOrThrow();
    // Only a superuser who disables the guard trigger can do this; the chain still tells.
    await handle.db.transaction().execute(async (tx) => {
      await sql`alter table public.audit_log disable trigger audit_log_no_update_or_delete`.execute(tx);
      await sql`update public.audit_log set new_data = jsonb_set(new_data, '{name}', '"Evil Co"') where id = ${target.id}`.execute(tx);
      await sql`alter table public.audit_log enable trigger audit_log_no_update_or_delete`.execute(tx);
    });
    const res = await api("GET", "/api/audit/verify", { token: other.token, orgId: other.orgId });
    expect(res.body).toMatchObject({ intact: false, firstBrokenId: String(target.id), reason: "hash does not match the entry's contents" });
    // Other orgs' chains are unaffected.
    expect((await api("GET", "/api/audit/verify", asOwner())).body.intact).toBe(true);
  });

  it("detects a deleted entry", async () => {
    const other = await signUp("Deleted Co");
    await createLead(other.token, other.orgId);
    const rows = await handle.db.selectFrom("auditLog").select("id").where("orgId", "=", other.orgId).orderBy("id").execute();
    await handle.db.transaction().execute(async (tx) => {
      await sql`alter table public.audit_log disable trigger audit_log_no_update_or_delete`.execute(tx);
      await sql`delete from public.audit_log where id = ${rows[1].id}`.execute(tx);
      await sql`alter table public.audit_log enable trigger audit_log_no_update_or_delete`.execute(tx);
    });
    const res = await api("GET", "/api/audit/verify", { token: other.token, orgId: other.orgId });
    expect(res.body).toMatchObject({ intact: false, firstBrokenId: String(rows[2].id), reason: "link to the previous entry is broken" });
  });

  it("refuses, in SQL, an API caller asking about an org they don't manage", async () => {
    const stranger = await signUp("Nosy Co");
    const attempt = handle.db.transaction().execute(async (tx) => {
      const claims = JSON.stringify({ sub: stranger.userId, role: "authenticated" });
      await sql`select set_config('role', 'authenticated', true), set_config('request.jwt.claims', ${claims}, true)`.execute(tx);
      return sql`select * from private.audit_verify(${owner.orgId}::uuid)`.execute(tx);
    });
    await expect(attempt).rejects.toThrow(/only owners and admins/);
  });

  it("is for owners and admins only", async () => {
    const agent = await signUp("Someone else");
    await api("POST", "/api/org/members", { ...asOwner(), body: { email: agent.email, role: "agent" } });
    expect((await api("GET", "/api/audit/verify", { token: agent.token, orgId: owner.orgId })).status).toBe(403);
  });
});
