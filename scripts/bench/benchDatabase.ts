import { CamelCasePlugin, Kysely } from "kysely";
import { PostgresJSDialect } from "kysely-postgres-js";
import postgres from "postgres";
import type { DatabaseHandle } from "../../netlify/server/db/connect";
import { migrate } from "../../netlify/server/db/migrate";
import type { Database } from "../../netlify/server/db/schema";

export const DEFAULT_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/test";

export interface BenchDatabase {
  name: string;
  url: string;
  serverVersion: string;
  drop(): Promise<void>;
}

function withDatabase(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * Creates hk_bench_<pid> beside the admin URL's database and applies every migration with the app's own
 * migrator. drop() removes it (idempotent; safe to call from a signal handler and from finally).
 */
export async function createBenchDatabase(adminUrl: string): Promise<BenchDatabase> {
  const name = `hk_bench_${process.pid}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {}, connect_timeout: 5 });
  let serverVersion = "";
  try {
    serverVersion = (await admin`select current_setting('server_version') as v`)[0].v as string;
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.unsafe(`create database ${name}`);
  } finally {
    await admin.end();
  }
  let dropped = false;
  const db: BenchDatabase = {
    name,
    url: withDatabase(adminUrl, name),
    serverVersion,
    async drop() {
      if (dropped) return;
      dropped = true;
      const cleanup = postgres(adminUrl, { max: 1, onnotice: () => {}, connect_timeout: 5 });
      try {
        await cleanup.unsafe(`drop database if exists ${name} with (force)`);
      } finally {
        await cleanup.end({ timeout: 2 });
      }
    },
  };
  try {
    const handle = scriptHandle(db.url);
    try {
      await migrate(handle);
    } finally {
      await handle.close();
    }
  } catch (err) {
    await db.drop();
    throw err;
  }
  return db;
}

/**
 * A DatabaseHandle on ONE connection for the bench's own scripted work (migrate, seed, EXPLAIN): session()
 * runs on that connection without postgres.js reserve(). openPostgres().session() reserves a connection,
 * and a reserved-then-released connection is not closed by sql.end() (porsager/postgres#925), which would
 * keep this process alive after close().
 */
export function scriptHandle(url: string): DatabaseHandle {
  const sql = postgres(url, { max: 1, onnotice: () => {}, connection: { application_name: "hidden-key-bench" } });
  const db = new Kysely<Database>({ dialect: new PostgresJSDialect({ postgres: sql }), plugins: [new CamelCasePlugin()] });
  return {
    kind: "postgres",
    db,
    async session(fn) {
      return fn({
        exec: async (script) => {
          await sql.unsafe(script).simple();
        },
        query: async <T>(text: string, params: unknown[] = []) =>
          (await sql.unsafe(text, params as postgres.ParameterOrJSON<never>[])) as unknown as T[],
      });
    },
    async close() {
      await db.destroy();
    },
  };
}
