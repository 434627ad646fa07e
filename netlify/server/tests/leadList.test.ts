import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../db/connect";
import { setDatabase } from "../db/instance";
import { api } from "../testing/apiClient";
import { useTestEnv } from "../testing/env";
import { signUp, type SignedUp } from "../testing/fixtures";
import { testBackends } from "../testing/testDatabase";

const PEOPLE = [
  { firstName: "Rosa", lastName: "Hall", email: "rosa.hall@example.com", phone: "(704) 555-0199", status: "new", tags: ["probate"], address: { street: "12 Oak St", city: "Charlotte", state: "NC", zip: "28205" }, score: 91 },
  { firstName: "James", lastName: "Mitchell", email: "jm@yahoo.com", phone: "214-555-0123", status: "contacted", tags: ["vacant", "probate"], address: { city: "Dallas", state: "TX", zip: "75204" }, score: 40 },
  { firstName: "Priya", lastName: "Turner", email: "priya@outlook.com", status: "qualified", tags: ["tax lien"], address: { city: "Atlanta", state: "GA", zip: "30310" }, score: 75 },
  { firstName: "Mei", lastName: "Phillips", phone: "214-555-0188", status: "new", tags: [], address: { city: "Dallas", state: "TX", zip: "75214" }, score: null },
  { firstName: "José", lastName: "Avila", email: "jose@aol.com", status: "dead", tags: ["vacant"], address: { city: "Austin", state: "TX", zip: "78704" }, score: 12 },
] as const;

describe.each(testBackends())("lead list filters, search and sort on $name", (backend) => {
  let handle: DatabaseHandle;
  let owner: SignedUp;
  const ids: Record<string, string> = {};
  const list = (qs: string) => api("GET", `/api/leads?${qs}`, { token: owner.token, orgId: owner.orgId });
  const names = (res: { body: { items: { firstName: string }[] } }) => res.body.items.map((l) => l.firstName);

  beforeAll(async () => {
    useTestEnv();
    handle = await backend.open();
    setDatabase(handle);
    owner = await signUp("Search Co");
    for (const { score, ...p } of PEOPLE) {
      const res = await api("POST", "/api/leads", { token: owner.token, orgId: owner.orgId, body: p });
      expect(res.status).toBe(201);
      ids[p.firstName] = res.body.id;
      if (score !== null) await sql`update leads set score = ${score} where id = ${res.body.id}`.execute(handle.db);
    }
    await api("PATCH", `/api/leads/${ids.Priya}`, { token: owner.token, orgId: owner.orgId, body: { assigneeId: owner.userId } });
  });
  afterAll(() => handle.close());

  it("searches names, email parts, phone digits and places, every word a prefix", async () => {
    expect(names(await list("q=ros"))).toEqual(["Rosa"]);
    expect(names(await list("q=rosa%20char"))).toEqual(["Rosa"]);
    expect(names(await list("q=yahoo"))).toEqual(["James"]);
    expect(names(await list("q=" + encodeURIComponent("(214) 555-01")))).toEqual(["Mei", "James"]);
    expect(names(await list("q=78704"))).toEqual(["José"]);
    expect(names(await list("q=jos%C3%A9"))).toEqual(["José"]);
    expect(names(await list("q=zzz"))).toEqual([]);
    expect(names(await list("q=" + encodeURIComponent("'&|")))).toEqual([]);
  });

  it("filters by status, tags, assignee, score range, place and created range", async () => {
    expect(names(await list("status=new&sort=name"))).toEqual(["Rosa", "Mei"]);
    expect(names(await list("status=new,dead&state=TX&sort=name"))).toEqual(["José", "Mei"]);
    expect(names(await list("tags=vacant&sort=name"))).toEqual(["José", "James"]);
    expect(names(await list("tags=probate&tags=tax%20lien&sort=name"))).toEqual(["Rosa", "James", "Priya"]); // Hall, Mitchell, Turner
    expect(names(await list("assigneeId=me"))).toEqual(["Priya"]);
    expect(names(await list(`assigneeId=${owner.userId}`))).toEqual(["Priya"]);
    expect((await list("assigneeId=unassigned")).body.items).toHaveLength(4);
    expect(names(await list("scoreMin=40&scoreMax=80&sort=score"))).toEqual(["Priya", "James"]);
    expect(names(await list("city=dallas&sort=name"))).toEqual(["James", "Mei"]);
    expect(names(await list("zip=28205"))).toEqual(["Rosa"]);
    const today = new Date().toISOString().slice(0, 10);
    expect((await list(`createdFrom=${today}&createdTo=${today}`)).body.items).toHaveLength(5);
    expect((await list("createdTo=2020-01-01")).body.items).toHaveLength(0);
    expect(names(await list("q=dallas&status=contacted"))).toEqual(["James"]);
  });

  it("sorts by score (unscored last), name and update time, both ways", async () => {
    expect(names(await list("sort=score"))).toEqual(["Rosa", "Priya", "James", "José", "Mei"]);
    expect(names(await list("sort=score&order=asc"))).toEqual(["Mei", "José", "James", "Priya", "Rosa"]);
    expect(names(await list("sort=name"))).toEqual(["José", "Rosa", "James", "Mei", "Priya"]); // Avila, Hall, Mitchell, Phillips, Turner
    expect(names(await list("sort=updated"))[0]).toBe("Priya"); // the last one patched
  });

  it("pages through each sort with keyset cursors, every lead exactly once and in order", async () => {
    for (const qs of ["sort=created", "sort=score", "sort=score&order=asc", "sort=name", "sort=updated&order=asc", "status=new,dead,contacted&sort=name"]) {
      const whole = names(await list(`${qs}&limit=200`));
      const paged: string[] = [];
      let cursor: string | null = null;
      do {
        const res: { body: { items: { firstName: string }[]; nextCursor: string | null } } = await list(`${qs}&limit=2${cursor ? `&cursor=${cursor}` : ""}`);
        paged.push(...names(res));
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(paged, qs).toEqual(whole);
    }
  });

  it("refuses a cursor from another sort and bad parameters, naming them", async () => {
    const page = await list("sort=score&limit=1");
    const wrong = await list(`sort=name&cursor=${page.body.nextCursor}`);
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.fields).toHaveProperty("cursor");
    const bad = await list("status=hot&scoreMin=x&state=Texas&zip=1&sort=random&createdFrom=yesterday&assigneeId=bob");
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(["assigneeId", "createdFrom", "scoreMin", "sort", "state", "status.0", "zip"].sort());
    const inverted = await list("scoreMin=80&scoreMax=10");
    expect(inverted.body.error.fields).toHaveProperty("scoreMin");
  });
});
