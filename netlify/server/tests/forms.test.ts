import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../db/connect";
import { setDatabase } from "../db/instance";
import { api } from "../testing/apiClient";
import { useTestEnv } from "../testing/env";
import { signUp, uniqueEmail, type SignedUp } from "../testing/fixtures";
import { testBackends } from "../testing/testDatabase";

describe.each(testBackends())("public lead forms on $name", (backend) => {
  let handle: DatabaseHandle;
  let owner: SignedUp;
  const asOwner = () => ({ token: owner.token, orgId: owner.orgId });
  const slug = `sell-fast-${Math.random().toString(36).slice(2, 8)}`;
  const started = () => Date.now() - 10_000;
  const post = (body: unknown, ip = "203.0.113.7") =>
    api("POST", `/api/public/forms/${slug}/leads`, { body, ip });

  beforeAll(async () => {
    useTestEnv();
    handle = await backend.open();
    setDatabase(handle);
    owner = await signUp("Forms Co");
    const res = await api("POST", "/api/lead-forms", { ...asOwner(), body: { name: "Sell fast", slug, headline: "Get a cash offer in 24 hours" } });
    expect(res.status).toBe(201);
    expect(res.body.publicPath).toBe(`/f/${slug}`);
  });
  afterAll(() => handle.close());

  it("describes the form publicly, with the org's consent wording", async () => {
    const res = await api("GET", `/api/public/forms/${slug}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ slug, name: "Sell fast", orgName: "Forms Co" });
    expect(res.body.consentText).toMatch(/Forms Co may call and text me/);
    expect((await api("GET", "/api/public/forms/no-such-form")).status).toBe(404);
  });

  it("creates a lead with consent stored verbatim, with time and IP", async () => {
    const email = uniqueEmail("form");
    const res = await post({ firstName: "Fran", email, phone: "(512) 555-0166", street: "7 elm street", zip: "78704", consent: true, startedAt: started(), utm_source: "google" });
    expect(res.status).toBe(201);
    const lead = await handle.db.selectFrom("leads").selectAll().where("orgId", "=", owner.orgId).where("email", "=", email).executeTakeFirstOrThrow();
    expect(lead).toMatchObject({ firstName: "Fran", phone: "+15125550166", street: "7 Elm St", zip: "78704", source: "Form: Sell fast", attribution: { utm_source: "google" } });
    expect(lead.consentText).toMatch(/Reply STOP to opt out/);
    expect(lead.consentAt).toBeInstanceOf(Date);
    expect(lead.consentIp).toBe("203.0.113.7");
  });

  it("drops honeypot posts while answering as if accepted", async () => {
    const email = uniqueEmail("bot");
    const res = await post({ firstName: "Bot", email, website: "http://spam.example", startedAt: started() });
    expect(res.status).toBe(201);
    const leads = await handle.db.selectFrom("leads").select("id").where("email", "=", email).execute();
    expect(leads).toEqual([]);
  });

  it("refuses a post sent faster than a person could fill it", async () => {
    const res = await post({ firstName: "Speedy", email: uniqueEmail(), startedAt: Date.now() });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("too_fast");
  });

  it("names bad fields", async () => {
    const res = await post({ firstName: "A", email: "nope", startedAt: started() });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toHaveProperty("email");
    const missing = await post({ firstName: "A" });
    expect(missing.body.error.fields).toHaveProperty("startedAt");
  });

  it("accepts a plain HTML form post", async () => {
    const email = uniqueEmail("html");
    const res = await api("POST", `/api/public/forms/${slug}/leads`, {
      rawBody: new URLSearchParams({ firstName: "Html", email, consent: "on", startedAt: String(started()) }).toString(),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(res.status).toBe(201);
    const lead = await handle.db.selectFrom("leads").select(["consentAt"]).where("email", "=", email).executeTakeFirstOrThrow();
    expect(lead.consentAt).not.toBeNull();
  });

  it("rate-limits each IP per form with 429 and Retry-After", async () => {
    // A separate form so earlier posts don't count.
    const s = `limit-${Math.random().toString(36).slice(2, 8)}`;
    await api("POST", "/api/lead-forms", { ...asOwner(), body: { name: "Limit", slug: s } });
    const results = [];
    for (let i = 0; i < 25; i++) {
      results.push(await api("POST", `/api/public/forms/${s}/leads`, { body: { firstName: `R${i}`, email: uniqueEmail(), startedAt: started() } }));
    }
    const limited = results.filter((r) => r.status === 429);
    // 25 posts span at most two windows of 10.
    expect(limited.length).toBeGreaterThanOrEqual(5);
    expect(Number(limited[0].headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("refuses a taken slug naming the field, and disabled forms disappear", async () => {
    const other = await signUp("Other Forms Co");
    const taken = await api("POST", "/api/lead-forms", { token: other.token, orgId: other.orgId, body: { name: "Copy", slug } });
    expect(taken.status).toBe(409);
    expect(taken.body.error.fields).toHaveProperty("slug");
    const bad = await api("POST", "/api/lead-forms", { ...asOwner(), body: { name: "Bad", slug: "Not A Slug!" } });
    expect(bad.status).toBe(400);
    const list = await api("GET", "/api/lead-forms", asOwner());
    const id = list.body.items.find((f: { slug: string }) => f.slug === slug).id;
    await api("PATCH", `/api/lead-forms/${id}`, { ...asOwner(), body: { enabled: false } });
    expect((await api("GET", `/api/public/forms/${slug}`)).status).toBe(404);
    expect((await post({ firstName: "Late", email: uniqueEmail(), startedAt: started() })).status).toBe(404);
  });
});
