import { sql } from "kysely";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../db/connect";
import { setDatabase } from "../db/instance";
import { drainOutbox } from "../jobs/inlineRunner";
import "../jobs/allJobs";
import { api } from "../testing/apiClient";
import { useTestEnv } from "../testing/env";
import { signUp, type SignedUp } from "../testing/fixtures";
import { testBackends } from "../testing/testDatabase";

const silent = pino({ level: "silent" });

function csvOf(n: number, bad: (i: number) => boolean = () => false, zip = "78704"): string {
  const lines = ["Owner Name,E-mail Address,Phone,Property Address,Zip Code"];
  for (let i = 0; i < n; i++) {
    const email = bad(i) ? "not-an-email" : `person${i}@import.test`;
    lines.push(`Person ${i},${email},,"${100 + i} Oak St",${zip}`);
  }
  return lines.join("\n");
}

describe.each(testBackends())("CSV import on $name", (backend) => {
  let handle: DatabaseHandle;
  let owner: SignedUp;
  const as = () => ({ token: owner.token, orgId: owner.orgId });
  const upload = (csv: string, filename = "list.csv") =>
    api("POST", `/api/imports?filename=${filename}`, { ...as(), rawBody: csv, headers: { "content-type": "text/csv" } });
  const leadCount = async () => Number((await handle.db.selectFrom("leads").select((eb) => eb.fn.countAll().as("n")).where("orgId", "=", owner.orgId).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    useTestEnv();
    handle = await backend.open();
    setDatabase(handle);
    owner = await signUp("Import Co");
  });
  afterAll(() => handle.close());

  it("uploads, guesses the mapping, previews row errors, imports in the background and reports", async () => {
    const up = await upload(csvOf(12, (i) => i === 3));
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({ status: "uploaded", totalRows: 12, headers: ["Owner Name", "E-mail Address", "Phone", "Property Address", "Zip Code"] });
    expect(up.body.guessedMapping).toEqual({ fullName: "Owner Name", email: "E-mail Address", phone: "Phone", street: "Property Address", zip: "Zip Code" });
    expect(up.body.sample).toHaveLength(5);

    const preview = await api("POST", `/api/imports/${up.body.id}/preview`, { ...as(), body: { mapping: up.body.guessedMapping } });
    expect(preview.status).toBe(200);
    expect(preview.body.rows[3]).toMatchObject({ rowNumber: 5, ok: false, errors: { email: "must be a valid email address" } });
    expect(preview.body.rows[0]).toMatchObject({ ok: true, lead: { firstName: "Person", lastName: "0", email: "person0@import.test" } });

    const badMapping = await api("POST", `/api/imports/${up.body.id}/start`, { ...as(), body: { mapping: { email: "Nope" } } });
    expect(badMapping.status).toBe(400);
    expect(badMapping.body.error.fields).toHaveProperty("mapping.email");

    const start = await api("POST", `/api/imports/${up.body.id}/start`, { ...as(), body: { mapping: up.body.guessedMapping } });
    expect(start.status).toBe(202);
    expect(start.body.status).toBe("queued");
    expect((await api("POST", `/api/imports/${up.body.id}/start`, { ...as(), body: { mapping: up.body.guessedMapping } })).status).toBe(409);

    await drainOutbox(handle.db, silent);
    const done = await api("GET", `/api/imports/${up.body.id}`, as());
    expect(done.body).toMatchObject({ status: "done", processedRows: 12, createdCount: 11, mergedCount: 0, rejectedCount: 1 });
  });

  it("offers the rejected rows as a CSV with the reason", async () => {
    const up = await upload(csvOf(4, (i) => i === 1, "28205").replace(/import\.test/g, "rejected.test"));
    await api("POST", `/api/imports/${up.body.id}/start`, { ...as(), body: { mapping: up.body.guessedMapping } });
    await drainOutbox(handle.db, silent);
    const { FunctionRouter } = await import("../local/functionRouter");
    const router = await FunctionRouter.load();
    const res = await router.handle(new Request(`http://x/api/imports/${up.body.id}/rejected`, { headers: { authorization: `Bearer ${owner.token}`, "x-org-id": owner.orgId } }));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/csv/);
    const text = await res.text();
    expect(text.split(/\r?\n/)[0]).toBe("Owner Name,E-mail Address,Phone,Property Address,Zip Code,row,reason");
    expect(text).toContain("not-an-email");
    expect(text).toContain("email: must be a valid email address");
  });

  it("merges rows that match existing leads (and each other)", async () => {
    const before = await leadCount();
    const up = await upload(["Name,Email", "Again,person0@import.test", "Twin,twin@import.test", "Twin Two,twin@import.test"].join("\n"));
    await api("POST", `/api/imports/${up.body.id}/start`, { ...as(), body: { mapping: up.body.guessedMapping } });
    await drainOutbox(handle.db, silent);
    const done = await api("GET", `/api/imports/${up.body.id}`, as());
    expect(done.body).toMatchObject({ createdCount: 1, mergedCount: 2, rejectedCount: 0 });
    expect(await leadCount()).toBe(before + 1);
  });

  it("a row that fails in the database leaves nothing half-written", async () => {
    // A trigger that refuses the timeline entry of one row: its lead insert must roll back with it.
    await sql`create or replace function public.test_refuse_row() returns trigger language plpgsql as $$
      begin if new.data->>'rowNumber' = '3' then raise exception 'refused for the test'; end if; return new; end $$`.execute(handle.db);
    await sql`create trigger test_refuse_row before insert on public.activities for each row execute function public.test_refuse_row()`.execute(handle.db);
    try {
      const up = await upload(["Name,Email", "Row Two,row2@halfwrite.test", "Row Three,row3@halfwrite.test", "Row Four,row4@halfwrite.test"].join("\n"));
      await api("POST", `/api/imports/${up.body.id}/start`, { ...as(), body: { mapping: up.body.guessedMapping } });
      await drainOutbox(handle.db, silent);
      const done = await api("GET", `/api/imports/${up.body.id}`, as());
      expect(done.body).toMatchObject({ status: "done", createdCount: 2, rejectedCount: 1 });
      const three = await handle.db.selectFrom("leads").select("id").where("email", "=", "row3@halfwrite.test").execute();
      expect(three).toEqual([]);
    } finally {
      await sql`drop trigger test_refuse_row on public.activities`.execute(handle.db);
    }
  });

  it("resumes after a crash mid-import without importing a row twice", async () => {
    const up = await upload(csvOf(600, () => false, "33611").replace(/import\.test/g, "resume.test"));
    await api("POST", `/api/imports/${up.body.id}/start`, { ...as(), body: { mapping: up.body.guessedMapping } });
    // Crash while committing the second batch (the whole batch transaction rolls back).
    await sql`create or replace function public.test_crash() returns trigger language plpgsql as $$
      begin if new.processed_rows = 500 then raise exception 'worker died'; end if; return new; end $$`.execute(handle.db);
    await sql`create trigger test_crash before update on public.lead_imports for each row execute function public.test_crash()`.execute(handle.db);
    await drainOutbox(handle.db, silent);
    const crashed = await api("GET", `/api/imports/${up.body.id}`, as());
    expect(crashed.body).toMatchObject({ status: "running", processedRows: 250, createdCount: 250 });
    await sql`drop trigger test_crash on public.lead_imports`.execute(handle.db);
    await handle.db.updateTable("jobOutbox").set({ availableAt: new Date(0) }).execute();
    await drainOutbox(handle.db, silent);
    const done = await api("GET", `/api/imports/${up.body.id}`, as());
    expect(done.body).toMatchObject({ status: "done", processedRows: 600, createdCount: 600, rejectedCount: 0 });
    const n = await handle.db.selectFrom("leads").select((eb) => eb.fn.countAll().as("n")).where("email", "like", "%@resume.test").executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(600);
  }, 120_000);

  it("refuses what isn't a usable CSV, naming why", async () => {
    expect((await api("POST", "/api/imports", { ...as(), rawBody: "{}", headers: { "content-type": "application/json" } })).status).toBe(415);
    const empty = await upload("Name,Email\n");
    expect(empty.status).toBe(400);
    expect(empty.body.error.fields).toHaveProperty("file");
    const dup = await upload("Email,Email\na@b.co,c@d.co");
    expect(dup.status).toBe(400);
    const stranger = await signUp("Other Co");
    const up = await upload(csvOf(2));
    expect((await api("GET", `/api/imports/${up.body.id}`, { token: stranger.token, orgId: stranger.orgId })).status).toBe(404);
  });
});
