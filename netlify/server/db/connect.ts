import { mkdirSync } from "node:fs";
import type { PGlite } from "@electric-sql/pglite";
import { CamelCasePlugin, Kysely } from "kysely";
import { PostgresJSDialect } from "kysely-postgres-js";
import postgres from "postgres";
import { lockDataDir } from "./dataDirLock";
import { PGliteDialect } from "./pgliteDialect";
import type { Database } from "./schema";

/** A raw session for scripts (migrations, seeds): multi-statement SQL and plain queries on one connection. */
export interface RawSession {
  exec(script: string): Promise<void>;
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
}

export interface DatabaseHandle {
  kind: "postgres" | "pglite";
  db: Kysely<Database>;
  /** Runs fn on one dedicated connection (held for its whole duration). */
  session<T>(fn: (s: RawSession) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

// Nested keys (jsonb documents such as audit_log.new_data) are left as stored.
const plugins = [new CamelCasePlugin({ maintainNestedObjectKeys: true })];

export function openPostgres(url: string, options: { max?: number; prepare?: boolean } = {}): DatabaseHandle {
  const sql = postgres(url, {
    max: options.max ?? 5,
    // Supabase's transaction pooler (port 6543) can't keep prepared statements.
    prepare: options.prepare ?? true,
    onnotice: () => {},
    connection: { application_name: "hidden-key" },
  });
  const db = new Kysely<Database>({ dialect: new PostgresJSDialect({ postgres: sql }), plugins });
  return {
    kind: "postgres",
    db,
    async session(fn) {
      // A client of its own with one connection, ended afterwards: postgres.js's sql.end() does not close a
      // connection that was once reserve()d (porsager/postgres#925), which kept processes from exiting.
      const single = postgres(url, { max: 1, prepare: options.prepare ?? true, onnotice: () => {}, connection: { application_name: "hidden-key" } });
      try {
        return await fn({
          exec: async (script) => {
            await single.unsafe(script).simple();
          },
          query: async <T>(text: string, params: unknown[] = []) =>
            (await single.unsafe(text, params as postgres.ParameterOrJSON<never>[])) as unknown as T[],
        });
      } finally {
        await single.end({ timeout: 5 });
      }
    },
    async close() {
      await db.destroy();
    },
  };
}

/** PGlite: in memory when dataDir is undefined, otherwise persisted in that folder. */
export async function openPGlite(dataDir?: string): Promise<DatabaseHandle> {
  let unlock = () => {};
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    unlock = lockDataDir(dataDir);
  }
  try {
    // Loaded only here: a deployed function on DATABASE_URL never pays for the embedded database.
    const { PGlite } = await import("@electric-sql/pglite");
    return wrapPGlite(await PGlite.create(dataDir ? { dataDir } : {}), unlock);
  } catch (err) {
    unlock();
    throw err;
  }
}

export function wrapPGlite(pg: PGlite, onClose: () => void = () => {}): DatabaseHandle {
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pg), plugins });
  return {
    kind: "pglite",
    db,
    async session(fn) {
      // Borrow the single connection through Kysely so no other query interleaves.
      return db.connection().execute(() =>
        fn({
          exec: async (script) => {
            await pg.exec(script);
          },
          query: async <T>(text: string, params: unknown[] = []) => (await pg.query<T>(text, params)).rows,
        }),
      );
    },
    async close() {
      await db.destroy();
      await pg.close();
      onClose();
    },
  };
}
