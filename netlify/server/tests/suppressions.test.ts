import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Suppression } from "../../../src/domain/suppressions";
import type { DatabaseHandle } from "../db/connect";
import { setDatabase } from "../db/instance";
import { api } from "../testing/apiClient";
import { useTestEnv } from "../testing/env";
import { signUp, uniqueEmail, type SignedUp } from "../testing/fixtures";
import { testBackends } from "../testing/testDatabase";

// The do-not-contact list through the API: staff add addresses by hand (normalised), the list pages and filters,
// only owners/admins remove, and only what was added by hand; a manual entry stops the next send.

describe.each(testBackends())("suppression list on $name", (backend) => {
  let handle: DatabaseHandle;
  let owner: SignedUp;
  let agent: SignedUp;
  let other: SignedUp;
  const asOwner = () => ({ token: owner.token, orgId: owner.orgId });
  const asAgent = () => ({ token: agent.token, orgId: owner.orgId });
  const add = (body: unknown, who = asOwner()) => api<Suppression & { error?: { code: string; fields?: Record<string, string> } }>("POST", "/api/suppressions", { ...who, body });

  beforeAll(async () => {
    useTestEnv();
    handle = await backend.open();
    setDatabase(handle);
    owner = await signUp("Do Not Contact Co");
    agent = await signUp("Agent's own org");
    other = await signUp("Other DNC Co");
    expect((await api("POST", "/api/org/members", { ...asOwner(), body: { email: agent.email, role: "agent" } })).status).toBe(201);
  });
  afterAll(() => handle.close());

  it("staff add a phone or an email by hand, normalised; adding it again answers 200 with the same entry", async () => {
    const phone = await add({ channel: "sms", address: "(512) 842-7001" }, asAgent());
    expect(phone.status).toBe(201);
    expect(phone.body).toMatchObject({ channel: "sms", address: "+15128427001", reason: "manual", source: "manual" });
    const email = await add({ channel: "email", address: "  Someone@Example.COM " });
    expect(email.status).toBe(201);
    expect(email.body.address).toBe("someone@example.com");
    const again = await add({ channel: "sms", address: "+1 512 842 7001" });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(phone.body.id);
  });

  it("names the field it refuses", async () => {
    expect((await add({ channel: "sms", address: "555" })).body.error?.fields).toMatchObject({ address: expect.any(String) });
    expect((await add({ channel: "email", address: "not-an-email" })).body.error?.fields).toEqual({ address: "must be a valid email address" });
    const channel = await add({ channel: "fax", address: "x" });
    expect(channel.status).toBe(400);
    expect(channel.body.error?.fields).toHaveProperty("channel");
    expect((await add({ channel: "sms", address: "+15128427002", reason: "stop" })).status).toBe(400); // no other fields
  });

  it("lists newest first, filters by channel and by part of the address, and pages with a cursor", async () => {
    for (let i = 0; i < 3; i++) expect((await add({ channel: "sms", address: `+1512842710${i}` })).status).toBe(201);
    const sms = await api("GET", "/api/suppressions?channel=sms&limit=2", asAgent());
    expect(sms.status).toBe(200);
    expect(sms.body.items.map((s: Suppression) => s.address)).toEqual(["+15128427102", "+15128427101"]);
    const next = await api("GET", `/api/suppressions?channel=sms&limit=2&cursor=${sms.body.nextCursor}`, asAgent());
    expect(next.body.items.map((s: Suppression) => s.address)).toEqual(["+15128427100", "+15128427001"]);
    expect(next.body.nextCursor).toBeNull();
    const found = await api("GET", "/api/suppressions?q=EXAMPLE.com", asOwner());
    expect(found.body.items.map((s: Suppression) => s.address)).toEqual(["someone@example.com"]);
    expect((await api("GET", "/api/suppressions?cursor=nope", asOwner())).status).toBe(400);
    // Another org sees none of it.
    expect((await api("GET", "/api/suppressions", { token: other.token, orgId: other.orgId })).body.items).toEqual([]);
  });

  it("pages entries of the same millisecond without skipping one (the cursor keeps microseconds)", async () => {
    const org = await signUp("Same Millisecond Co");
    const at = "2026-11-30T10:00:00.123";
    // As text cast in SQL: a driver's Date would drop the microseconds this test is about.
    for (const [i, us] of ["400", "250", "100"].entries()) {
      await sql`insert into public.suppression_list (org_id, channel, address, reason, source, created_at)
        values (${org.orgId}::uuid, 'email', ${`same${i}@example.com`}, 'manual', 'manual', cast(${`${at}${us}Z`} as text)::timestamptz)`.execute(handle.db);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: { items: Suppression[]; nextCursor: string | null } } = await api("GET", `/api/suppressions?limit=1${cursor ? `&cursor=${cursor}` : ""}`, { token: org.token, orgId: org.orgId });
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((s) => s.address));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(["same0@example.com", "same1@example.com", "same2@example.com"]);
  });

  it("only owners and admins remove, and only entries added by hand; a STOP stays", async () => {
    const manual = (await add({ channel: "sms", address: "+15128427200" })).body;
    expect((await api("DELETE", `/api/suppressions/${manual.id}`, asAgent())).status).toBe(403);
    const removed = await api("DELETE", `/api/suppressions/${manual.id}`, asOwner());
    expect(removed.body ?? null).toBeNull();
    expect(removed.status).toBe(204);
    expect((await api("DELETE", `/api/suppressions/${manual.id}`, asOwner())).status).toBe(404);
    const stop = await handle.db
      .insertInto("suppressionList")
      .values({ orgId: owner.orgId, channel: "sms", address: "+15128427300", reason: "stop", source: "twilio_inbound" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const refused = await api("DELETE", `/api/suppressions/${stop.id}`, asOwner());
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("not_removable");
    // Adding the STOP'd number by hand does not turn it into a removable entry.
    expect((await add({ channel: "sms", address: "+15128427300" })).body).toMatchObject({ id: stop.id, reason: "stop" });
    // Another org's entry is a 404.
    expect((await api("DELETE", `/api/suppressions/${stop.id}`, { token: other.token, orgId: other.orgId })).status).toBe(404);
  });

  it("a manual entry blocks the next text to that lead", async () => {
    const lead = await api("POST", "/api/leads", { ...asOwner(), body: { firstName: "Quiet", email: uniqueEmail("quiet"), phone: "+15128427400", address: { state: "TX", zip: "78704" } } });
    expect(lead.status).toBe(201);
    await add({ channel: "sms", address: "512-842-7400" }, asAgent());
    const sent = await api("POST", `/api/leads/${lead.body.id}/messages`, { ...asOwner(), body: { channel: "sms", body: "Still interested in selling?" } });
    expect(sent.body).toMatchObject({ status: "blocked", error: expect.stringContaining("suppression list (manual") });
  });
});
