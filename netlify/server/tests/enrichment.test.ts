import { sql } from "kysely";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetConfig } from "../config";
import type { DatabaseHandle } from "../db/connect";
import { setDatabase } from "../db/instance";
import { executeJob } from "../jobs/executeJob";
import { claimDueJobs, type OutboxRow } from "../jobs/outboxStore";
import { asService } from "../db/transactions";
import { queueStaleEnrichment } from "../services/enrichment/staleEnrichment";
import "../jobs/allJobs";
import { api } from "../testing/apiClient";
import { useTestEnv } from "../testing/env";
import { attomProperty, startFakeAttom, type FakeAttom } from "../testing/fakeAttom";
import { signUp, type SignedUp } from "../testing/fixtures";
import { testBackends } from "../testing/testDatabase";

const silent = pino({ level: "silent" });

describe.each(testBackends())("lead enrichment on $name", (backend) => {
  let handle: DatabaseHandle;
  let owner: SignedUp;
  let attom: FakeAttom;
  const asOwner = () => ({ token: owner.token, orgId: owner.orgId });
  const configure = (key: string | null) => {
    if (key) {
      process.env.ATTOM_API_KEY = key;
      process.env.ATTOM_BASE_URL = attom.url;
    } else {
      delete process.env.ATTOM_API_KEY;
      delete process.env.ATTOM_BASE_URL;
    }
    resetConfig();
  };
  /** The enrichment jobs queued for a lead, oldest first. */
  const jobsFor = async (leadId: string): Promise<OutboxRow[]> =>
    (await handle.db.selectFrom("jobOutbox").select(["id", "orgId", "queue", "name", "payload", "attempts", "availableAt"]).where("name", "=", "enrich-lead").orderBy("createdAt").execute()).filter(
      (j) => (j.payload as { leadId: string }).leadId === leadId,
    );
  const run = (job: OutboxRow) => executeJob(handle.db, silent, job);
  const enrichmentRows = (leadId: string) => handle.db.selectFrom("leadEnrichments").selectAll().where("leadId", "=", leadId).execute();
  const newLead = async (body: Record<string, unknown>) => {
    const res = await api("POST", "/api/leads", { ...asOwner(), body });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };

  beforeAll(async () => {
    useTestEnv();
    attom = await startFakeAttom();
    attom.addProperty("4100 Oak St", "Austin, TX 78704", attomProperty({ beds: 4, baths: 2.5, sqft: 2100, market: 612_000, owner: "HALL, ROSA" }));
    handle = await backend.open();
    setDatabase(handle);
    owner = await signUp("Enrich Co");
  });
  afterAll(async () => {
    configure(null);
    await handle.close();
    await attom.close();
  });

  it("every new lead is queued for enrichment in the same transaction", async () => {
    const id = await newLead({ firstName: "Queued", phone: "+1 512 842 7311" });
    expect(await jobsFor(id)).toHaveLength(1);
  });

  it("checks contact details offline and looks the property up, with provider, cost and time; the timeline says so", async () => {
    configure(attom.apiKey);
    const id = await newLead({ firstName: "Rosa", lastName: "Hall", email: "rosa@gmial.com", phone: "(512) 842-7320", address: { street: "4100 Oak St", zip: "78704" } });
    const [job] = await jobsFor(id);
    expect(await run(job)).toMatchObject({ status: "done" });

    const res = await api("GET", `/api/leads/${id}/enrichment`, asOwner());
    expect(res.status).toBe(200);
    expect(res.body.propertyProviderConfigured).toBe(true);
    expect(res.body.contact).toMatchObject({ provider: "offline", status: "done", result: { email: { suggestion: "rosa@gmail.com", freeProvider: false }, phone: { valid: true, e164: "+15128427320" }, address: { county: "Travis", city: "Austin", state: "TX" } } });
    expect(res.body.property).toMatchObject({ provider: "attom", status: "done", costCents: 10, result: { beds: 4, baths: 2.5, sqft: 2100, marketValue: 612_000, ownerName: "HALL, ROSA" } });

    const lead = (await api("GET", `/api/leads/${id}`, asOwner())).body;
    expect(lead.address).toMatchObject({ city: "Austin", state: "TX" }); // filled in from the ZIP
    const property = await handle.db.selectFrom("properties").selectAll().where("id", "=", (await handle.db.selectFrom("leads").select("propertyId").where("id", "=", id).executeTakeFirstOrThrow()).propertyId!).executeTakeFirstOrThrow();
    expect([Number(property.beds), property.sqft, Number(property.estimatedValue)]).toEqual([4, 2100, 612_000]);
    const timeline = (await api("GET", `/api/leads/${id}/activities`, asOwner())).body.items.filter((a: { type: string }) => a.type === "lead.enriched");
    expect(timeline.map((a: { data: { kind: string } }) => a.data.kind).sort()).toEqual(["contact", "property"]);

    const monitor = await api("GET", "/api/enrichment/monitor", asOwner());
    expect(monitor.body).toMatchObject({ propertyProviderConfigured: true, costTodayCents: 10, propertyLookupsToday: 1 });
    expect(monitor.body.doneToday).toBeGreaterThanOrEqual(1);
    expect(monitor.body.queued).toBeGreaterThanOrEqual(1); // the first test's lead still waits
  });

  it("running the same job again writes nothing twice and doesn't pay twice", async () => {
    attom.addProperty("77 Pine St", "Austin, TX 78704", attomProperty({ beds: 2 }));
    const id = await newLead({ firstName: "Twice", phone: "+1 512 842 7312", address: { street: "77 Pine St", city: "Austin", state: "TX", zip: "78704" } });
    const [job] = await jobsFor(id);
    const calls = attom.requests.length;
    expect(await run(job)).toMatchObject({ status: "done", result: "done" });
    expect(await run(job)).toMatchObject({ status: "done", result: "skipped" });
    expect((await enrichmentRows(id)).map((r) => r.kind).sort()).toEqual(["contact", "property"]);
    expect(attom.requests.length - calls).toBe(1);
    const entries = (await api("GET", `/api/leads/${id}/activities`, asOwner())).body.items.filter((a: { type: string }) => a.type === "lead.enriched");
    expect(entries).toHaveLength(2);
  });

  it("a provider outage is retried: the contact checks stay, the lookup runs again and succeeds", async () => {
    const id = await newLead({ firstName: "Retry", phone: "+1 512 842 7313", address: { street: "4100 Oak St", city: "Round Rock", state: "TX", zip: "78664" } });
    attom.addProperty("4100 Oak St", "Round Rock, TX 78664", attomProperty({ beds: 3 }));
    const [job] = await jobsFor(id);
    attom.failNext(1, 503);
    expect(await run(job)).toMatchObject({ status: "retry" });
    expect((await enrichmentRows(id)).map((r) => r.kind)).toEqual(["contact"]);
    expect(await run(job)).toMatchObject({ status: "done" });
    const rows = await enrichmentRows(id);
    expect(rows.map((r) => `${r.kind}:${r.status}`).sort()).toEqual(["contact:done", "property:done"]);
  });

  it("a refused key is recorded as failed, not retried; without a key the property card says not configured", async () => {
    configure("wrong-key-12345");
    const id = await newLead({ firstName: "Badkey", phone: "+1 512 842 7314", address: { street: "9 Elm St", zip: "78704" } });
    expect(await run((await jobsFor(id))[0])).toMatchObject({ status: "done" });
    expect((await enrichmentRows(id)).find((r) => r.kind === "property")).toMatchObject({ status: "failed", error: expect.stringContaining("API key") });

    configure(null);
    const plain = await newLead({ firstName: "Nokey", phone: "+1 512 842 7315", address: { street: "10 Elm St", zip: "78704" } });
    await run((await jobsFor(plain))[0]);
    const res = await api("GET", `/api/leads/${plain}/enrichment`, asOwner());
    expect(res.body).toMatchObject({ propertyProviderConfigured: false, property: { status: "not_configured", provider: "none", costCents: 0 } });
  });

  it("bulk enrichment queues a job per visible lead and skips the rest", async () => {
    const a = await newLead({ firstName: "Bulk A", phone: "+1 512 842 7316" });
    const res = await api("POST", "/api/leads/bulk", { ...asOwner(), body: { action: "enrich", ids: [a, "00000000-0000-4000-8000-000000000000"] } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ action: "enrich", affected: [a], skipped: [{ reason: "not found" }] });
    expect(await jobsFor(a)).toHaveLength(2);
    expect((await api("POST", `/api/leads/${a}/enrich`, asOwner())).status).toBe(202);
    expect(await jobsFor(a)).toHaveLength(3);
    // New leads queue at 5, bulk batches at 10, a lead someone asked about just now at 1 — and the runner takes
    // due jobs by priority: the single request goes before the older bulk one.
    const priorities = await handle.db.selectFrom("jobOutbox").select(["id", "priority"]).where("name", "=", "enrich-lead").where("status", "=", "pending").execute();
    const mine = (await jobsFor(a)).map((j) => priorities.find((p) => p.id === j.id)!.priority);
    expect(mine).toEqual([5, 10, 1]);
    const [first] = await claimDueJobs(handle.db, 1, ["enrichment"]);
    expect(first.id).toBe((await jobsFor(a))[2].id);
  });

  it("the nightly batch queues leads never enriched or enriched long ago, once, and not those already waiting", async () => {
    const fresh = await newLead({ firstName: "Fresh", phone: "+1 512 842 7330" });
    await run((await jobsFor(fresh))[0]); // enriched just now
    const old = await newLead({ firstName: "Old", phone: "+1 512 842 7331" });
    await run((await jobsFor(old))[0]);
    await sql`update public.lead_enrichments set created_at = now() - interval '100 days' where lead_id = ${old}`.execute(handle.db);
    const never = await newLead({ firstName: "Never", phone: "+1 512 842 7332" });
    await handle.db.deleteFrom("jobOutbox").where("id", "in", (await jobsFor(never)).map((j) => j.id)).execute(); // as if seeded directly

    const before = { fresh: (await jobsFor(fresh)).length, old: (await jobsFor(old)).length, never: (await jobsFor(never)).length };
    const queued = await asService(handle.db, (tx) => queueStaleEnrichment(tx));
    expect(queued).toBeGreaterThanOrEqual(2);
    expect((await jobsFor(fresh)).length).toBe(before.fresh);
    expect((await jobsFor(old)).length).toBe(before.old + 1);
    expect((await jobsFor(never)).length).toBe(before.never + 1);
    // Run again: they are waiting in the queue already, nothing more is queued for them.
    await asService(handle.db, (tx) => queueStaleEnrichment(tx));
    expect((await jobsFor(old)).length).toBe(before.old + 1);
    expect((await jobsFor(never)).length).toBe(before.never + 1);
  });
});
