import { randomUUID } from "node:crypto";
import { sql, type Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OrgRole } from "../../../src/domain/roles";
import type { DatabaseHandle } from "../db/connect";
import { setDatabase } from "../db/instance";
import { findPolicyGaps } from "../db/policyCoverage";
import type { Database } from "../db/schema";
import { api } from "../testing/apiClient";
import { useTestEnv } from "../testing/env";
import { createOrgFixture, insertRow, ROLES, TABLES, type OrgFixture } from "../testing/tenancyFixtures";
import { testBackends } from "../testing/testDatabase";

type Op = "select" | "insert" | "update" | "delete";
const OPS: Op[] = ["select", "insert", "update", "delete"];
const STAFF: OrgRole[] = ["owner", "admin", "agent"];
const MANAGERS: OrgRole[] = ["owner", "admin"];
const ALL: OrgRole[] = ROLES;
const staffAll = { select: STAFF, insert: STAFF, update: STAFF, delete: STAFF };

/** Who may do what to a row of their OWN org (the fixture's row). Across orgs the answer is always: nobody. */
const OWN_ORG_ACCESS: Record<string, Record<Op, OrgRole[]>> = {
  orgs: { select: ALL, insert: [], update: MANAGERS, delete: [] },
  profiles: { select: ALL, insert: [], update: ["owner"], delete: [] }, // the row is the owner's own profile
  org_members: { select: STAFF, insert: MANAGERS, update: MANAGERS, delete: MANAGERS }, // the agent's membership
  properties: staffAll,
  leads: staffAll,
  pipeline_stages: { select: ALL, insert: MANAGERS, update: MANAGERS, delete: MANAGERS }, // stage names: the portal shows them
  investors: staffAll,
  opportunities: staffAll,
  activities: staffAll,
  tasks: staffAll,
  webhook_sources: { select: MANAGERS, insert: MANAGERS, update: MANAGERS, delete: MANAGERS },
  webhook_events: { select: MANAGERS, insert: [], update: [], delete: [] },
  job_outbox: { select: [], insert: STAFF, update: [], delete: [] },
  audit_log: { select: MANAGERS, insert: [], update: [], delete: [] },
  lead_forms: { select: STAFF, insert: MANAGERS, update: MANAGERS, delete: MANAGERS },
  assignment_rules: { select: STAFF, insert: MANAGERS, update: STAFF, delete: MANAGERS }, // agents advance the round robin
  lead_imports: { select: STAFF, insert: STAFF, update: STAFF, delete: [] },
  lead_import_rejections: { select: STAFF, insert: [], update: [], delete: [] },
  saved_views: { select: STAFF, insert: STAFF, update: MANAGERS, delete: MANAGERS }, // the owner's shared view: agents read it only
  opportunity_stage_moves: { select: STAFF, insert: [], update: [], delete: [] }, // written by a trigger only
  // The fixture's share is with an investor record no user is linked to: the org's investor user sees none.
  opportunity_shares: { select: STAFF, insert: STAFF, update: STAFF, delete: STAFF },
  investments: staffAll,
  notifications: { select: ["owner"], insert: [], update: ["owner"], delete: [] }, // the owner's own notification
  lead_enrichments: { select: STAFF, insert: [], update: [], delete: [] }, // written by the enrichment job only
  message_templates: { select: STAFF, insert: MANAGERS, update: MANAGERS, delete: MANAGERS },
  messages: { select: STAFF, insert: STAFF, update: [], delete: [] }, // queued by staff as themselves; the job and webhooks do the rest
  suppression_list: { select: STAFF, insert: STAFF, update: [], delete: MANAGERS }, // webhooks and unsubscribe links; staff add by hand, managers remove manual entries
  org_sms_numbers: { select: ALL, insert: MANAGERS, update: MANAGERS, delete: MANAGERS }, // texting numbers: members read, managers manage
  workflows: { select: STAFF, insert: MANAGERS, update: MANAGERS, delete: MANAGERS },
  workflow_versions: { select: STAFF, insert: MANAGERS, update: [], delete: [] }, // published versions never change
  workflow_executions: { select: STAFF, insert: [], update: [], delete: [] }, // the engine (service role) writes runs
  workflow_step_runs: { select: STAFF, insert: [], update: [], delete: [] },
  ml_models: { select: STAFF, insert: [], update: [], delete: [] }, // the training job writes; managers activate via private.activate_ml_model
  ml_drift_reports: { select: STAFF, insert: [], update: [], delete: [] }, // the ml-drift job writes them
  lead_score_history: { select: STAFF, insert: STAFF, update: [], delete: [] }, // POST /api/ml/score writes as the caller
};

class Rollback {
  constructor(readonly rows: number) {}
}

/** Runs one statement as `authenticated` with the user's claims, always rolled back: rows touched, or -1 if refused. */
async function probe(db: Kysely<Database>, userId: string, statement: ReturnType<typeof sql>): Promise<number> {
  try {
    await db.transaction().execute(async (tx) => {
      const claims = JSON.stringify({ sub: userId, role: "authenticated", aud: "authenticated" });
      await sql`select set_config('role', 'authenticated', true), set_config('request.jwt.claims', ${claims}, true)`.execute(tx);
      const result = await statement.execute(tx);
      const counted = (result.rows[0] as { n?: number } | undefined)?.n;
      const n = counted !== undefined ? Number(counted) : Number(result.numAffectedRows ?? 0);
      throw new Rollback(n);
    });
  } catch (err) {
    if (err instanceof Rollback) return err.rows;
    return -1; // permission denied or a policy violation
  }
  throw new Error("unreachable");
}

function whereRow(table: string, org: OrgFixture) {
  const id = org.rows[table];
  if (TABLES[table].key === "org_member") return sql`org_id = ${org.orgId}::uuid and user_id = ${id}::uuid`;
  if (table === "audit_log") return sql`id = ${id}::bigint`;
  return sql`id = ${id}::uuid`;
}

function statementFor(op: Op, table: string, target: OrgFixture, actorOrg: OrgFixture) {
  const t = sql.raw(`public.${table}`);
  switch (op) {
    case "select":
      return sql`select count(*)::int as n from ${t} where ${whereRow(table, target)}`;
    case "update": {
      const c = sql.raw(TABLES[table].touch);
      return sql`update ${t} set ${c} = ${c} where ${whereRow(table, target)}`;
    }
    case "delete":
      return sql`delete from ${t} where ${whereRow(table, target)}`;
    case "insert": {
      const outsider = target === actorOrg ? otherOf(actorOrg) : actorOrg;
      const row = insertRow(table, target, outsider);
      const cols = sql.raw(Object.keys(row).join(", "));
      return sql`insert into ${t} (${cols}) values (${sql.join(Object.values(row))})`;
    }
  }
}

let otherOf: (org: OrgFixture) => OrgFixture;

describe.each(testBackends())("tenancy on $name", (backend) => {
  let handle: DatabaseHandle;
  let a: OrgFixture;
  let b: OrgFixture;

  beforeAll(async () => {
    useTestEnv();
    handle = await backend.open();
    setDatabase(handle);
    a = await createOrgFixture(handle.db, "a");
    b = await createOrgFixture(handle.db, "b");
    otherOf = (org) => (org === a ? b : a);
  });
  afterAll(() => handle.close());

  describe("(a) policy coverage", () => {
    it("every table in public has RLS, a policy for each granted operation, and an org_id index", async () => {
      expect(await findPolicyGaps(handle.db)).toEqual([]);
    });

    it("the probes reach every table in public", async () => {
      const tables = await sql<{ t: string }>`select c.relname as t from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p') order by 1`.execute(handle.db);
      expect(tables.rows.map((r) => r.t).sort()).toEqual(Object.keys(TABLES).sort());
    });

    it("notices when any single policy is dropped or RLS is turned off", async () => {
      const policies = await sql<{ tablename: string; policyname: string; cmd: string }>`
        select tablename, policyname, cmd from pg_policies where schemaname = 'public'`.execute(handle.db);
      expect(policies.rows.length).toBeGreaterThan(30);
      const undetected: string[] = [];
      for (const p of [...policies.rows, { tablename: "leads", policyname: "", cmd: "RLS" }]) {
        let gaps: Awaited<ReturnType<typeof findPolicyGaps>> = [];
        await handle.db
          .transaction()
          .execute(async (tx) => {
            if (p.cmd === "RLS") await sql`alter table public.leads disable row level security`.execute(tx);
            else await sql`drop policy ${sql.raw(`"${p.policyname.replace(/"/g, '""')}"`)} on ${sql.raw(`public.${p.tablename}`)}`.execute(tx);
            gaps = await findPolicyGaps(tx);
            throw new Rollback(0); // never keep the damage
          })
          .catch((err) => {
            if (!(err instanceof Rollback)) throw err;
          });
        if (!gaps.some((g) => g.table === p.tablename)) undetected.push(`${p.tablename}: ${p.policyname || "RLS off"}`);
      }
      expect(undetected).toEqual([]);
      expect(await findPolicyGaps(handle.db)).toEqual([]);
    });
  });

  describe("(b) in SQL as authenticated with each user's claims", () => {
    it("no row of one org can be selected, inserted, updated or deleted by any member of the other", async () => {
      const crossed: string[] = [];
      for (const [actorOrg, target] of [[b, a], [a, b]] as const) {
        for (const role of ROLES) {
          for (const table of Object.keys(TABLES)) {
            for (const op of OPS) {
              const n = await probe(handle.db, actorOrg.users[role].id, statementFor(op, table, target, actorOrg));
              if (n > 0) crossed.push(`${role} of ${actorOrg === a ? "A" : "B"} could ${op} ${table} of the other org (${n} rows)`);
            }
          }
        }
      }
      expect(crossed).toEqual([]);
    });

    it("within their own org each role gets exactly the access the policies intend (the probes are not vacuous)", async () => {
      const mismatches: string[] = [];
      for (const role of ROLES) {
        for (const table of Object.keys(TABLES)) {
          for (const op of OPS) {
            const n = await probe(handle.db, a.users[role].id, statementFor(op, table, a, a));
            const allowed = n > 0;
            const expected = OWN_ORG_ACCESS[table][op].includes(role);
            if (allowed !== expected) mismatches.push(`${role} ${op} ${table}: expected ${expected ? "allowed" : "refused"}, got ${n}`);
          }
        }
      }
      expect(mismatches).toEqual([]);
    });

    it("the other org's rows are untouched afterwards", async () => {
      const lead = await handle.db.selectFrom("leads").select(["firstName"]).where("id", "=", a.leadId).executeTakeFirst();
      expect(lead?.firstName).toBe("Lead a");
    });

    it("audit_log is append-only even for the service role", async () => {
      await expect(sql`update public.audit_log set hash = 'x' where org_id = ${a.orgId}`.execute(handle.db)).rejects.toThrow(/append-only/);
      await expect(sql`delete from public.audit_log where org_id = ${a.orgId}`.execute(handle.db)).rejects.toThrow(/append-only/);
    });

    it("the webhook signing secret is not readable by the API roles", async () => {
      const n = await probe(handle.db, a.users.owner.id, sql`select count(signing_secret)::int as n from public.webhook_sources`);
      expect(n).toBe(-1);
    });
  });

  describe("(b) through the API", () => {
    it("every role of the other org gets 404 (staff) or 403 (investor) for a lead, never the lead", async () => {
      for (const role of ROLES) {
        const caller = { token: b.users[role].token, orgId: b.orgId };
        const expected = role === "investor" ? 403 : 404;
        const get = await api("GET", `/api/leads/${a.leadId}`, caller);
        const patch = await api("PATCH", `/api/leads/${a.leadId}`, { ...caller, body: { firstName: "Stolen" } });
        const del = await api("DELETE", `/api/leads/${a.leadId}`, caller);
        expect([get.status, patch.status, del.status]).toEqual([expected, expected, expected]);
        expect(JSON.stringify(get.body)).not.toContain("Lead a");
        const list = await api("GET", "/api/leads?limit=200", caller);
        if (role !== "investor") expect(list.body.items.map((l: { id: string }) => l.id)).toEqual([b.leadId]);
      }
      const still = await handle.db.selectFrom("leads").select("firstName").where("id", "=", a.leadId).executeTakeFirst();
      expect(still?.firstName).toBe("Lead a");
    });

    it("choosing the other org with X-Org-Id is refused for every role and method", async () => {
      for (const role of ROLES) {
        const caller = { token: b.users[role].token, orgId: a.orgId };
        expect((await api("GET", "/api/leads", caller)).status).toBe(403);
        expect((await api("POST", "/api/leads", { ...caller, body: { firstName: "Planted" } })).status).toBe(403);
        expect((await api("GET", "/api/org/members", caller)).status).toBe(403);
        expect((await api("GET", "/api/audit/verify", caller)).status).toBe(403);
      }
      const planted = await handle.db.selectFrom("leads").select("id").where("firstName", "=", "Planted").execute();
      expect(planted).toEqual([]);
    });

    it("members of the other org can't be changed or removed, and aren't listed", async () => {
      const caller = { token: b.users.owner.token, orgId: b.orgId };
      expect((await api("PATCH", `/api/org/members/${a.users.agent.id}`, { ...caller, body: { role: "admin" } })).status).toBe(404);
      expect((await api("DELETE", `/api/org/members/${a.users.agent.id}`, caller)).status).toBe(404);
      const list = await api("GET", "/api/org/members", caller);
      expect(list.body.items.map((m: { userId: string }) => m.userId).sort()).toEqual(Object.values(b.users).map((u) => u.id).sort());
    });

    it("a lead created through the API can't be pointed at another org's user", async () => {
      const caller = { token: b.users.agent.token, orgId: b.orgId };
      const res = await api("POST", "/api/leads", { ...caller, body: { firstName: "X", assigneeId: a.users.agent.id } });
      expect(res.status).toBe(400);
      expect(res.body.error.fields).toHaveProperty("assigneeId");
    });

    it("/api/me shows only the caller's own memberships", async () => {
      const me = await api("GET", "/api/me", { token: b.users.agent.token });
      expect(me.body.memberships).toEqual([{ orgId: b.orgId, orgName: "Org b", role: "agent" }]);
    });

    it("an unknown id and another org's id look the same", async () => {
      const caller = { token: b.users.agent.token, orgId: b.orgId };
      const theirs = await api("GET", `/api/leads/${a.leadId}`, caller);
      const none = await api("GET", `/api/leads/${randomUUID()}`, caller);
      expect(theirs.status).toBe(none.status);
      expect(theirs.body.error.message).toBe(none.body.error.message);
    });
  });
});
