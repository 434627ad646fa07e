import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { DatabaseHandle, RawSession } from "./connect";

export interface MigrateResult {
  supabase: boolean;
  applied: string[];
}

const MIGRATIONS_DIR = join(process.cwd(), "supabase", "migrations");
const LOCAL_SHIM_DIR = join(process.cwd(), "supabase", "local");
const LOCK_KEY = 7_311_426_001; // arbitrary, constant: one migrator at a time per database

async function sqlFiles(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((f) => f.endsWith(".sql")).sort();
}

async function isSupabase(s: RawSession): Promise<boolean> {
  const rows = await s.query<{ yes: boolean }>("select exists (select 1 from pg_roles where rolname = 'supabase_admin') as yes");
  return rows[0].yes;
}

/**
 * Applies supabase/local (the auth shim, not on Supabase) and then every pending file of supabase/migrations,
 * each in its own transaction, recorded in supabase_migrations.schema_migrations — the table the Supabase
 * CLI keeps, so `supabase db push` and this runner agree on what has been applied.
 */
export async function migrate(handle: DatabaseHandle, dirs = { migrations: MIGRATIONS_DIR, shim: LOCAL_SHIM_DIR }): Promise<MigrateResult> {
  return handle.session(async (s) => {
    await s.query("select pg_advisory_lock($1)", [LOCK_KEY]);
    try {
      const supabase = await isSupabase(s);
      if (!supabase) {
        for (const file of await sqlFiles(dirs.shim)) {
          await s.exec(await readFile(join(dirs.shim, file), "utf8"));
        }
      }
      await s.exec(`
        create schema if not exists supabase_migrations;
        create table if not exists supabase_migrations.schema_migrations (version text primary key, statements text[], name text);
      `);
      const done = new Set(
        (await s.query<{ version: string }>("select version from supabase_migrations.schema_migrations")).map((r) => r.version),
      );
      const applied: string[] = [];
      for (const file of await sqlFiles(dirs.migrations)) {
        const [version, ...rest] = file.replace(/\.sql$/, "").split("_");
        if (done.has(version)) continue;
        const script = await readFile(join(dirs.migrations, file), "utf8");
        const name = rest.join("_").replace(/'/g, "''");
        await s.exec(`begin;\n${script}\n;insert into supabase_migrations.schema_migrations (version, name) values ('${version}', '${name}');\ncommit;`).catch(async (err: unknown) => {
          await s.exec("rollback").catch(() => {});
          throw new Error(`Migration ${file} failed: ${(err as Error).message}`);
        });
        applied.push(file);
      }
      return { supabase, applied };
    } finally {
      await s.query("select pg_advisory_unlock($1)", [LOCK_KEY]);
    }
  });
}
