import { sql, type Kysely } from "kysely";
import type { Database } from "./schema";

export interface PolicyGap {
  table: string;
  problem: string;
}

/** Tables that are not owned by one org: the tenant itself and per-user profiles. */
const NOT_ORG_SCOPED = new Set(["orgs", "profiles"]);

interface TableFacts {
  table: string;
  rls: boolean;
  authSelect: boolean;
  authInsert: boolean;
  authUpdate: boolean;
  authDelete: boolean;
  anonAny: boolean;
  orgIdNotNull: boolean | null;
  orgIdIndexed: boolean;
}

/**
 * Finds what would let a tenant's rows leak or make an operation silently unusable: a table in public without
 * RLS, an operation the API roles are granted with no policy for it, any grant to anon, a business table
 * without `org_id not null` or without an index leading with org_id. Empty means covered.
 */
export async function findPolicyGaps(db: Kysely<Database>): Promise<PolicyGap[]> {
  const tables = await sql<TableFacts>`
    select c.relname as "table",
           c.relrowsecurity as rls,
           has_any_column_privilege('authenticated', c.oid, 'SELECT') as "authSelect",
           has_any_column_privilege('authenticated', c.oid, 'INSERT') as "authInsert",
           has_any_column_privilege('authenticated', c.oid, 'UPDATE') as "authUpdate",
           has_table_privilege('authenticated', c.oid, 'DELETE') as "authDelete",
           (has_any_column_privilege('anon', c.oid, 'SELECT') or has_any_column_privilege('anon', c.oid, 'INSERT')
             or has_any_column_privilege('anon', c.oid, 'UPDATE') or has_table_privilege('anon', c.oid, 'DELETE')) as "anonAny",
           (select a.attnotnull from pg_attribute a where a.attrelid = c.oid and a.attname = 'org_id' and not a.attisdropped) as "orgIdNotNull",
           exists (
             select 1 from pg_index i
             join pg_attribute a on a.attrelid = c.oid and a.attnum = i.indkey[0]
             where i.indrelid = c.oid and a.attname = 'org_id'
           ) as "orgIdIndexed"
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'p')
    order by c.relname`.execute(db);

  const policies = await sql<{ table: string; cmd: string; roles: string[] | string }>`
    select tablename as "table", cmd, roles::text[] as roles from pg_policies where schemaname = 'public'`.execute(db);

  const covers = (table: string, op: string) =>
    policies.rows.some((p) => {
      const roles = Array.isArray(p.roles) ? p.roles : String(p.roles).replace(/[{}]/g, "").split(",");
      return p.table === table && (p.cmd === op || p.cmd === "ALL") && roles.some((r) => r === "authenticated" || r === "public");
    });

  const gaps: PolicyGap[] = [];
  for (const t of tables.rows) {
    if (!t.rls) gaps.push({ table: t.table, problem: "row level security is not enabled" });
    if (t.anonAny) gaps.push({ table: t.table, problem: "anon holds a privilege" });
    const granted: [string, boolean][] = [
      ["SELECT", t.authSelect],
      ["INSERT", t.authInsert],
      ["UPDATE", t.authUpdate],
      ["DELETE", t.authDelete],
    ];
    for (const [op, yes] of granted) {
      if (yes && !covers(t.table, op)) gaps.push({ table: t.table, problem: `authenticated may ${op} but no policy covers ${op}` });
    }
    if (!NOT_ORG_SCOPED.has(t.table)) {
      if (t.orgIdNotNull !== true) gaps.push({ table: t.table, problem: "business table without org_id not null" });
      if (!t.orgIdIndexed) gaps.push({ table: t.table, problem: "no index leads with org_id" });
    }
  }
  return gaps;
}
