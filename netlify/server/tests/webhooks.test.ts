import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../db/connect";
import { setDatabase } from "../db/instance";
import { signPayload } from "../services/webhooks/signature";
import { api } from "../testing/apiClient";
import { useTestEnv } from "../testing/env";
import { signUp, uniqueEmail, type SignedUp } from "../testing/fixtures";
import { testBackends } from "../testing/testDatabase";

interface Delivery {
  secret: string;
  body: string;
  contentType?: string;
  timestamp?: number;
  headers?: Record<string, string>;
  signature?: string;
}

function deliver(sourceId: string, d: Delivery) {
  const headers: Record<string, string> = {
    "content-type": d.contentType ?? "application/json",
    "x-hidden-key-signature": d.signature ?? signPayload(d.secret, d.body, d.timestamp),
    ...d.headers,
  };
  return api("POST", `/api/webhooks/leads/${sourceId}`, { rawBody: d.body, headers });
}

describe.each(testBackends())("lead webhooks on $name", (backend) => {
  let handle: DatabaseHandle;
  let owner: SignedUp;
  let source: { id: string; secret: string };
  const asOwner = () => ({ token: owner.token, orgId: owner.orgId });
  const leadCount = async () => Number((await handle.db.selectFrom("leads").select((eb) => eb.fn.countAll().as("n")).where("orgId", "=", owner.orgId).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    useTestEnv();
    handle = await backend.open();
    setDatabase(handle);
    owner = await signUp("Webhook Co");
    const created = await api("POST", "/api/lead-sources", { ...asOwner(), body: { name: "Landing page", type: "generic" } });
    expect(created.status).toBe(201);
    source = created.body;
  });
  afterAll(() => handle.close());

  it("creates a source whose secret is shown once", async () => {
    expect(source.secret).toMatch(/^whsec_/);
    const list = await api("GET", "/api/lead-sources", asOwner());
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({ id: source.id, webhookPath: `/api/webhooks/leads/${source.id}` });
    expect(JSON.stringify(list.body)).not.toContain(source.secret);
  });

  it("accepts a signed delivery: 202 with the lead, normalised, attributed and on the timeline", async () => {
    const body = JSON.stringify({ first_name: "Rosa", last_name: "Hall", email: "ROSA@Example.com", phone: "(704) 555-0199", address: "12 north oak street, Charlotte, NC 28205", utm_source: "google", utm_campaign: "probate" });
    const res = await deliver(source.id, { secret: source.secret, body });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ leadId: expect.any(String), duplicate: false });
    const lead = await api("GET", `/api/leads/${res.body.leadId}`, asOwner());
    expect(lead.body).toMatchObject({
      email: "rosa@example.com",
      phone: "+17045550199",
      source: "Landing page",
      address: { street: "12 N Oak St", city: "Charlotte", state: "NC", zip: "28205" },
      attribution: { utm_source: "google", utm_campaign: "probate" },
    });
  });

  it("merges the same person arriving again (by phone) instead of duplicating", async () => {
    const before = await leadCount();
    const res = await deliver(source.id, { secret: source.secret, body: JSON.stringify({ name: "Rosa H", phone: "+1 704 555 0199", notes: "second form" }) });
    expect(res.status).toBe(202);
    expect(res.body.duplicate).toBe(true);
    expect(await leadCount()).toBe(before);
    const touches = await handle.db.selectFrom("activities").select("type").where("leadId", "=", res.body.leadId).orderBy("occurredAt").execute();
    expect(touches.map((t) => t.type)).toEqual(["lead.created", "lead.touched"]);
  });

  it("accepts form posts", async () => {
    const res = await deliver(source.id, { secret: source.secret, body: "first_name=Form&email=form%40example.com", contentType: "application/x-www-form-urlencoded" });
    expect(res.status).toBe(202);
  });

  it("answers a repeated Idempotency-Key with the first answer and creates nothing", async () => {
    const body = JSON.stringify({ name: "Idem Potent", email: uniqueEmail("idem") });
    const first = await deliver(source.id, { secret: source.secret, body, headers: { "idempotency-key": "delivery-1" } });
    const count = await leadCount();
    // Even a different body under the same key gets the first answer.
    const again = await deliver(source.id, { secret: source.secret, body: JSON.stringify({ name: "Other", email: uniqueEmail() }), headers: { "idempotency-key": "delivery-1" } });
    expect(again.status).toBe(first.status);
    expect(again.body).toEqual(first.body);
    expect(await leadCount()).toBe(count);
  });

  it("uses the payload's own event id when there is no header", async () => {
    const body = JSON.stringify({ id: "evt-42", name: "Event Id", email: uniqueEmail() });
    const a = await deliver(source.id, { secret: source.secret, body });
    const b = await deliver(source.id, { secret: source.secret, body });
    expect(b.body).toEqual(a.body);
    expect(b.body.duplicate).toBe(false);
  });

  it("100 concurrent deliveries of one event make exactly one lead", async () => {
    const email = uniqueEmail("race");
    const body = JSON.stringify({ name: "Race Condition", email });
    const results = await Promise.all(
      Array.from({ length: 100 }, () => deliver(source.id, { secret: source.secret, body, headers: { "idempotency-key": "race-1" } })),
    );
    expect(new Set(results.map((r) => r.status))).toEqual(new Set([202]));
    expect(new Set(results.map((r) => r.body.leadId)).size).toBe(1);
    const leads = await handle.db.selectFrom("leads").select("id").where("orgId", "=", owner.orgId).where("email", "=", email).execute();
    expect(leads).toHaveLength(1);
    const accepted = await handle.db.selectFrom("webhookEvents").select("id").where("idempotencyKey", "=", "race-1").where("status", "=", "accepted").execute();
    expect(accepted).toHaveLength(1);
  });

  it("100 concurrent different deliveries of one person make exactly one lead", async () => {
    const phone = "+15125550177";
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) => deliver(source.id, { secret: source.secret, body: JSON.stringify({ name: `Caller ${i}`, phone }) })),
    );
    expect(results.every((r) => r.status === 202)).toBe(true);
    expect(results.filter((r) => r.body.duplicate === false)).toHaveLength(1);
    const leads = await handle.db.selectFrom("leads").select("id").where("orgId", "=", owner.orgId).where("phone", "=", phone).execute();
    expect(leads).toHaveLength(1);
  });

  it("refuses bad deliveries with the right status, and keeps each one", async () => {
    const good = JSON.stringify({ name: "Ok", email: uniqueEmail() });
    const forged = await deliver(source.id, { secret: "whsec_wrong", body: good });
    expect(forged.status).toBe(401);
    const stale = await deliver(source.id, { secret: source.secret, body: good, timestamp: Math.floor(Date.now() / 1000) - 600 });
    expect(stale.status).toBe(401);
    expect(stale.body.error.message).toMatch(/5 minute/);
    const unsigned = await api("POST", `/api/webhooks/leads/${source.id}`, { rawBody: good, headers: { "content-type": "application/json" } });
    expect(unsigned.status).toBe(401);
    const text = await deliver(source.id, { secret: source.secret, body: good, contentType: "text/plain" });
    expect(text.status).toBe(415);
    const big = JSON.stringify({ name: "Big", notes: "x".repeat(300 * 1024) });
    expect((await deliver(source.id, { secret: source.secret, body: big })).status).toBe(413);
    const malformed = await deliver(source.id, { secret: source.secret, body: "{oops" });
    expect(malformed.status).toBe(400);
    const fields = await deliver(source.id, { secret: source.secret, body: JSON.stringify({ name: "Bad", email: "not-an-email", zip: "123" }) });
    expect(fields.status).toBe(400);
    expect(fields.body.error.fields).toMatchObject({ email: expect.any(String), "address.zip": expect.any(String) });
    const nobody = await deliver(source.id, { secret: source.secret, body: JSON.stringify({ hello: "world" }) });
    expect(nobody.status).toBe(400);
    expect((await deliver("00000000-0000-0000-0000-000000000000", { secret: source.secret, body: good })).status).toBe(404);
    expect((await deliver("not-a-uuid", { secret: source.secret, body: good })).status).toBe(404);

    const events = await api("GET", `/api/webhook-events?sourceId=${source.id}&status=rejected&limit=200`, asOwner());
    const statuses = events.body.items.map((e: { httpStatus: number }) => e.httpStatus);
    for (const s of [401, 415, 413, 400]) expect(statuses).toContain(s);
    const tooBig = events.body.items.find((e: { httpStatus: number }) => e.httpStatus === 413);
    expect(tooBig.body).toBeNull();
    const bad = events.body.items.find((e: { httpStatus: number; reason: string }) => e.httpStatus === 400 && e.reason.includes("email"));
    expect(bad).toMatchObject({ replayable: true });
    expect(events.body.items.find((e: { httpStatus: number }) => e.httpStatus === 401).replayable).toBe(false);
  });

  it("rate-limits per source with 429 and Retry-After", async () => {
    const limited = await api("POST", "/api/lead-sources", { ...asOwner(), body: { name: "Tiny", rateLimitPerMinute: 2 } });
    const send = () => deliver(limited.body.id, { secret: limited.body.secret, body: JSON.stringify({ name: "Rate", email: uniqueEmail() }) });
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await send());
    // Five calls span at most two one-minute windows of two each, so at least one is refused.
    const refused = results.filter((r) => r.status === 429);
    expect(refused.length).toBeGreaterThanOrEqual(1);
    expect(results.filter((r) => r.status === 202).length).toBeLessThanOrEqual(4);
    expect(Number(refused[0].headers.get("retry-after"))).toBeGreaterThan(0);
    expect(refused[0].body.error.code).toBe("rate_limited");
    const kept = await api("GET", `/api/webhook-events?sourceId=${limited.body.id}&status=rejected`, asOwner());
    expect(kept.body.items.map((e: { httpStatus: number }) => e.httpStatus)).toContain(429);
  });

  it("disabled sources answer 404; rotation retires the old secret", async () => {
    const s = await api("POST", "/api/lead-sources", { ...asOwner(), body: { name: "Rotating" } });
    const body = JSON.stringify({ name: "Rot", email: uniqueEmail() });
    const rotated = await api("POST", `/api/lead-sources/${s.body.id}/rotate-secret`, asOwner());
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).not.toBe(s.body.secret);
    expect((await deliver(s.body.id, { secret: s.body.secret, body })).status).toBe(401);
    expect((await deliver(s.body.id, { secret: rotated.body.secret, body })).status).toBe(202);
    await api("PATCH", `/api/lead-sources/${s.body.id}`, { ...asOwner(), body: { enabled: false } });
    expect((await deliver(s.body.id, { secret: rotated.body.secret, body })).status).toBe(404);
  });

  it("a source read from the in-process cache is never trusted stale: rotation, re-mapping and disabling apply at once", async () => {
    const s = await api("POST", "/api/lead-sources", { ...asOwner(), body: { name: "Cached", type: "custom", mapping: { email: "who.mail", fullName: "who.name" } } });
    const first = await deliver(s.body.id, { secret: s.body.secret, body: JSON.stringify({ who: { mail: uniqueEmail("c1"), name: "Cal One" } }) });
    expect(first.status).toBe(202); // the source is cached now

    const rotated = await api("POST", `/api/lead-sources/${s.body.id}/rotate-secret`, asOwner());
    const withNew = await deliver(s.body.id, { secret: rotated.body.secret, body: JSON.stringify({ who: { mail: uniqueEmail("c2"), name: "Cal Two" } }) });
    expect(withNew.status).toBe(202);
    const before = await leadCount();
    expect((await deliver(s.body.id, { secret: s.body.secret, body: JSON.stringify({ who: { mail: uniqueEmail("c3"), name: "Cal Old" } }) })).status).toBe(401);

    // Re-mapped after the cache was filled: the delivery is read with the new mapping.
    await api("PATCH", `/api/lead-sources/${s.body.id}`, { ...asOwner(), body: { mapping: { email: "contact.mail", fullName: "contact.name" } } });
    const email = uniqueEmail("c4");
    const remapped = await deliver(s.body.id, { secret: rotated.body.secret, body: JSON.stringify({ contact: { mail: email, name: "Cal Four" } }) });
    expect(remapped.status).toBe(202);
    expect((await api("GET", `/api/leads/${remapped.body.leadId}`, asOwner())).body).toMatchObject({ email, firstName: "Cal", lastName: "Four" });

    await api("PATCH", `/api/lead-sources/${s.body.id}`, { ...asOwner(), body: { enabled: false } });
    expect((await deliver(s.body.id, { secret: rotated.body.secret, body: JSON.stringify({ contact: { mail: uniqueEmail("c5"), name: "Cal Five" } }) })).status).toBe(404);
    expect(await leadCount()).toBe(before + 1); // only the re-mapped delivery added a lead
  });

  it("the database refuses a delivery judged on an outdated source version (HKS01) and writes nothing", async () => {
    const s = await api("POST", "/api/lead-sources", { ...asOwner(), body: { name: "Versioned" } });
    const events = async () => Number((await handle.db.selectFrom("webhookEvents").select((eb) => eb.fn.countAll().as("n")).where("sourceId", "=", s.body.id).executeTakeFirstOrThrow()).n);
    const before = await leadCount();
    const call = handle.db.executeQuery(
      sql`select private.accept_webhook_delivery(${s.body.id}::uuid, ${"2000-01-01 00:00:00+00"}::text, ${owner.orgId}::uuid, null, ${{ first_name: "Stale" }}::jsonb, ${{ channel: "webhook" }}::jsonb, ${{}}::jsonb, 600)`.compile(handle.db),
    );
    await expect(call).rejects.toMatchObject({ code: "HKS01" });
    expect(await leadCount()).toBe(before);
    expect(await events()).toBe(0);
  });

  it("maps Facebook Lead Ads and custom paths; a fixed mapping makes a rejected delivery replayable", async () => {
    const fb = await api("POST", "/api/lead-sources", { ...asOwner(), body: { name: "Facebook", type: "facebook" } });
    const payload = { entry: [{ changes: [{ value: { leadgen_id: "fb-1", field_data: [{ name: "full_name", values: ["Fay Book"] }, { name: "email", values: [uniqueEmail("fb")] }] } }] }] };
    const ok = await deliver(fb.body.id, { secret: fb.body.secret, body: JSON.stringify(payload) });
    expect(ok.status).toBe(202);

    const custom = await api("POST", "/api/lead-sources", { ...asOwner(), body: { name: "Vendor", type: "custom", mapping: { email: "contact.primary_email" } } });
    const vendorBody = JSON.stringify({ contact: { mail: uniqueEmail("vendor"), who: "Val Vendor" } });
    const rejected = await deliver(custom.body.id, { secret: custom.body.secret, body: vendorBody });
    expect(rejected.status).toBe(400);
    const fixed = await api("PATCH", `/api/lead-sources/${custom.body.id}`, { ...asOwner(), body: { mapping: { email: "contact.mail", fullName: "contact.who" } } });
    expect(fixed.status).toBe(200);
    const events = await api("GET", `/api/webhook-events?sourceId=${custom.body.id}`, asOwner());
    const replay = await api("POST", `/api/webhook-events/${events.body.items[0].id}/replay`, asOwner());
    expect(replay.status).toBe(202);
    const lead = await api("GET", `/api/leads/${replay.body.leadId}`, asOwner());
    expect(lead.body).toMatchObject({ firstName: "Val", lastName: "Vendor" });
  });

  it("agents can't see or manage lead sources; other orgs can't replay our deliveries", async () => {
    const agent = await signUp("Agent's own");
    await api("POST", "/api/org/members", { ...asOwner(), body: { email: agent.email, role: "agent" } });
    expect((await api("GET", "/api/lead-sources", { token: agent.token, orgId: owner.orgId })).status).toBe(403);
    expect((await api("POST", "/api/lead-sources", { token: agent.token, orgId: owner.orgId, body: { name: "x" } })).status).toBe(403);
    const events = await api("GET", "/api/webhook-events?status=rejected", asOwner());
    const mine = events.body.items.find((e: { replayable: boolean }) => e.replayable);
    const stranger = await signUp("Stranger");
    expect((await api("POST", `/api/webhook-events/${mine.id}/replay`, { token: stranger.token, orgId: stranger.orgId })).status).toBe(404);
  });

  it("the API merges too: a lead with a known email answers 200 with the existing lead", async () => {
    const email = uniqueEmail("api");
    const first = await api("POST", "/api/leads", { ...asOwner(), body: { firstName: "Api", email } });
    const second = await api("POST", "/api/leads", { ...asOwner(), body: { lastName: "Person", email: email.toUpperCase(), phone: "2145550111" } });
    expect([first.status, second.status]).toEqual([201, 200]);
    expect(second.body).toMatchObject({ id: first.body.id, firstName: "Api", lastName: "Person", phone: "+12145550111" });
    const patch = await api("PATCH", `/api/leads/${first.body.id}`, { ...asOwner(), body: { email: "rosa@example.com" } });
    expect(patch.status).toBe(409);
    expect(patch.body.error.fields).toHaveProperty("email");
  });
});
