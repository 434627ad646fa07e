import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../db/connect";
import { setDatabase } from "../db/instance";
import { api } from "../testing/apiClient";
import { sealAuditLog } from "../jobs/auditSealer";
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
  /** What the worker's sealer does every two seconds. */
  const seal = () => sealAuditLog(handle.db);

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
    expect(res.body).toMatchObject({ intact: true, pending: 0 });
  });

  it("writes entries unsealed and links them into the chain at sealing, in order, once", async () => {
    const org = await signUp("Sealing Co");
    const lead = await createLead(org.token, org.orgId, { firstName: "Fresh" });
    const entry = await handle.db.selectFrom("auditLog").select(["id", "seq", "hash", "prevHash"]).where("recordId", "=", lead.id).executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ seq: null, hash: null, prevHash: null }); // the write path took no chain lock
    expect(await seal()).toBeGreaterThanOrEqual(1);
    expect(await seal()).toBe(0); // nothing twice
    const chain = await handle.db.selectFrom("auditLog").select(["id", "seq", "hash", "prevHash"]).where("orgId", "=", org.orgId).orderBy("seq").execute();
    expect(chain.map((e) => Number(e.seq))).toEqual(chain.map((_, i) => i + 1));
    expect(chain[0].prevHash).toBeNull();
    for (let i = 1; i < chain.length; i++) expect(chain[i].prevHash).toBe(chain[i - 1].hash);
    expect(chain.find((e) => e.id === entry.id)?.hash).toMatch(/^[0-9a-f]{64}$/);
    const res = await api("GET", "/api/audit/verify", { token: org.token, orgId: org.orgId });
    expect(res.body).toMatchObject({ intact: true, entries: chain.length, pending: 0 });
  });

  it("lets the sealer fill an entry's place once and nothing else, even as the owner of the table", async () => {
    const org = await signUp("Guarded Co");
    await createLead(org.token, org.orgId);
    const unsealed = await handle.db.selectFrom("auditLog").select("id").where("orgId", "=", org.orgId).where("seq", "is", null).orderBy("id").executeTakeFirstOrThrow();
    // Changing what an unsealed entry records, even while filling its seal columns, is refused.
    await expect(sql`update public.audit_log set seq = 1, hash = 'x', new_data = '{}'::jsonb where id = ${unsealed.id}`.execute(handle.db)).rejects.toThrow(/append-only/);
    await seal();
    // A sealed entry can't be re-sealed (moved in the chain) or edited.
    await expect(sql`update public.audit_log set seq = 99 where id = ${unsealed.id}`.execute(handle.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from public.audit_log where id = ${unsealed.id}`.execute(handle.db)).rejects.toThrow(/append-only/);
  });

  it("reports entries written after the sealing as pending, not as broken", async () => {
    const org = await signUp("Pending Co");
    await seal();
    await createLead(org.token, org.orgId);
    const [row] = (await sql<{ entries: string; firstBrokenId: string | null; pending: string }>`select * from private.audit_verify(${org.orgId}::uuid)`.execute(handle.db)).rows;
    expect(row.firstBrokenId).toBeNull();
    expect(Number(row.pending)).toBeGreaterThanOrEqual(1);
  });

  it("detects an entry edited behind its back", async () => {
    const other = await signUp("Tampered Co");
    await createLead(other.token, other.orgId);
    await seal();
    const target = await handle.db.selectFrom("auditLog").select("id").where("orgId", "=", other.orgId).orderBy("seq").executeTakeFirstOrThrow();
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
    await seal();
    const rows = await handle.db.selectFrom("auditLog").select("id").where("orgId", "=", other.orgId).orderBy("seq").execute();
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
