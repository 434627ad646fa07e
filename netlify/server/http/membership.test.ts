import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../db/connect";
import { setDatabase } from "../db/instance";
import { asService } from "../db/transactions";
import { useTestEnv } from "../testing/env";
import { signUp, type SignedUp } from "../testing/fixtures";
import { testBackends } from "../testing/testDatabase";
import { becomeUserAndListMemberships, pickActiveOrg } from "./membership";

describe.each(testBackends())("the caller's memberships, read as the transaction becomes theirs, on $name", (backend) => {
  let handle: DatabaseHandle;
  let alice: SignedUp;
  let bob: SignedUp;
  const claimsOf = (user: SignedUp) => ({ sub: user.userId, role: "authenticated", email: user.email });

  beforeAll(async () => {
    useTestEnv();
    handle = await backend.open();
    setDatabase(handle);
    alice = await signUp("Alice Homes");
    bob = await signUp("Bob Capital");
    // Alice is also an agent in Bob's org.
    await asService(handle.db, (tx) => tx.insertInto("orgMembers").values({ orgId: bob.orgId, userId: alice.userId, role: "agent" }).execute());
  });
  afterAll(() => handle.close());

  it("returns exactly the caller's memberships, oldest first, and the rest of the transaction runs as them under RLS", async () => {
    const seen = await handle.db.transaction().execute(async (tx) => {
      const memberships = await becomeUserAndListMemberships(tx, claimsOf(alice));
      const who = await sql<{ role: string; uid: string }>`select current_user as role, auth.uid()::text as uid`.execute(tx);
      const orgs = await tx.selectFrom("orgs").select("id").execute();
      return { memberships, who: who.rows[0], orgs: orgs.map((o) => o.id).sort() };
    });
    expect(seen.memberships).toEqual([
      { id: alice.orgId, name: "Alice Homes", role: "owner" },
      { id: bob.orgId, name: "Bob Capital", role: "agent" },
    ]);
    expect(seen.who).toEqual({ role: "authenticated", uid: alice.userId });
    expect(seen.orgs).toEqual([alice.orgId, bob.orgId].sort());

    const bobs = await handle.db.transaction().execute(async (tx) => {
      const memberships = await becomeUserAndListMemberships(tx, claimsOf(bob));
      return { memberships, orgs: (await tx.selectFrom("orgs").select("id").execute()).map((o) => o.id) };
    });
    expect(bobs).toEqual({ memberships: [{ id: bob.orgId, name: "Bob Capital", role: "owner" }], orgs: [bob.orgId] });
  });

  it("a subject that is no user's id (not even a uuid) has no memberships rather than an error", async () => {
    const memberships = await handle.db.transaction().execute((tx) => becomeUserAndListMemberships(tx, { sub: "not-a-uuid", role: "authenticated" }));
    expect(memberships).toEqual([]);
  });

  it("picks the org asked for, else the first; refuses a malformed header, another org, or a role not allowed", () => {
    const memberships = [
      { id: alice.orgId, name: "Alice Homes", role: "owner" as const },
      { id: bob.orgId, name: "Bob Capital", role: "agent" as const },
    ];
    expect(pickActiveOrg(memberships, null)).toEqual(memberships[0]);
    expect(pickActiveOrg(memberships, bob.orgId)).toEqual(memberships[1]);
    expect(() => pickActiveOrg(memberships, "nope")).toThrow(expect.objectContaining({ status: 400 }));
    expect(() => pickActiveOrg(memberships, "00000000-0000-4000-8000-000000000000")).toThrow(expect.objectContaining({ status: 403, code: "not_a_member" }));
    expect(() => pickActiveOrg([], null)).toThrow(expect.objectContaining({ status: 403, code: "no_org" }));
    expect(() => pickActiveOrg(memberships, bob.orgId, ["owner", "admin"])).toThrow(expect.objectContaining({ status: 403 }));
  });
});
