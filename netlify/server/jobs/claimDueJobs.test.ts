import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../db/connect";
import { asService } from "../db/transactions";
import { testBackends } from "../testing/testDatabase";
import { claimDueJobs, JOB_LEASE_SECONDS } from "./outboxStore";

describe.each(testBackends())("claiming due jobs on $name", (backend) => {
  let handle: DatabaseHandle;
  let orgId: string;
  const ago = (seconds: number) => new Date(Date.now() - seconds * 1000);
  const queue = (rows: { name: string; queue?: string; priority?: number; availableAt?: Date; status?: "pending" | "relayed" | "done"; relayedAt?: Date }[]) =>
    handle.db
      .insertInto("jobOutbox")
      .values(rows.map((r) => ({ orgId, queue: r.queue ?? "enrichment", name: r.name, payload: {}, priority: r.priority ?? 5, availableAt: r.availableAt ?? ago(60), status: r.status ?? "pending", relayedAt: r.relayedAt ?? null })))
      .execute();

  beforeAll(async () => {
    handle = await backend.open();
    orgId = (await asService(handle.db, (tx) => tx.insertInto("orgs").values({ name: "Claims Co" }).returning("id").executeTakeFirstOrThrow())).id;
  });
  beforeEach(async () => {
    await handle.db.deleteFrom("jobOutbox").execute();
  });
  afterAll(() => handle.close());

  it("takes a job whose lease ran out first, then pending jobs by priority and age, up to the limit", async () => {
    await queue([
      { name: "bulk-old", priority: 10, availableAt: ago(600) },
      { name: "normal-new", priority: 5, availableAt: ago(10) },
      { name: "normal-old", priority: 5, availableAt: ago(300) },
      { name: "urgent", priority: 1, availableAt: ago(5) },
      { name: "later", priority: 1, availableAt: new Date(Date.now() + 60_000) },
      { name: "crashed", status: "relayed", relayedAt: ago(JOB_LEASE_SECONDS + 60) },
      { name: "running", status: "relayed", relayedAt: ago(30) },
      { name: "finished", status: "done" },
    ]);
    const first = await claimDueJobs(handle.db, 3);
    expect(first.map((r) => r.name).sort()).toEqual(["crashed", "normal-old", "urgent"]);
    const rest = await claimDueJobs(handle.db, 10);
    expect(rest.map((r) => r.name).sort()).toEqual(["bulk-old", "normal-new"]);
    expect(await claimDueJobs(handle.db, 10)).toEqual([]);
    const statuses = await handle.db.selectFrom("jobOutbox").select(["name", "status", "attempts"]).orderBy("name").execute();
    expect(statuses).toEqual([
      { name: "bulk-old", status: "relayed", attempts: 1 },
      { name: "crashed", status: "relayed", attempts: 1 },
      { name: "finished", status: "done", attempts: 0 },
      { name: "later", status: "pending", attempts: 0 },
      { name: "normal-new", status: "relayed", attempts: 1 },
      { name: "normal-old", status: "relayed", attempts: 1 },
      { name: "running", status: "relayed", attempts: 0 },
      { name: "urgent", status: "relayed", attempts: 1 },
    ]);
  });

  it("takes only the queues asked for", async () => {
    await queue([{ name: "text", queue: "messaging" }, { name: "enrich", queue: "enrichment" }, { name: "crashed-text", queue: "messaging", status: "relayed", relayedAt: ago(JOB_LEASE_SECONDS + 1) }]);
    expect((await claimDueJobs(handle.db, 10, ["enrichment"])).map((r) => r.name)).toEqual(["enrich"]);
    expect((await claimDueJobs(handle.db, 10, ["messaging"])).map((r) => r.name).sort()).toEqual(["crashed-text", "text"]);
  });

  it("two claims at once never take the same job", async () => {
    await queue(Array.from({ length: 40 }, (_, i) => ({ name: `job-${i}` })));
    const [a, b] = await Promise.all([claimDueJobs(handle.db, 25), claimDueJobs(handle.db, 25)]);
    const ids = [...a, ...b].map((r) => r.id);
    expect(ids).toHaveLength(40);
    expect(new Set(ids).size).toBe(40);
  });
});
