import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { openPGlite, openPostgres, type DatabaseHandle } from "../db/connect";
import { migrate } from "../db/migrate";

export interface TestBackend {
  name: "pglite" | "postgres";
  /** A fresh, migrated, empty database of this kind; closing it drops it. PostgreSQL's has its URL (for child processes). */
  open(): Promise<DatabaseHandle & { url?: string }>;
}

const pglite: TestBackend = {
  name: "pglite",
  async open() {
    const handle = await openPGlite();
    await migrate(handle);
    return handle;
  },
};

function postgresBackend(adminUrl: string): TestBackend {
  return {
    name: "postgres",
    async open() {
      const name = `hk_test_${randomBytes(6).toString("hex")}`;
      const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await admin.unsafe(`create database ${name}`);
      await admin.end();
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      const handle = openPostgres(url.toString(), { max: 4 });
      await migrate(handle);
      return {
        ...handle,
        url: url.toString(),
        async close() {
          await handle.close();
          const cleanup = postgres(adminUrl, { max: 1, onnotice: () => {} });
          await cleanup.unsafe(`drop database if exists ${name} with (force)`);
          await cleanup.end();
        },
      };
    },
  };
}

/** PGlite always; the machine's PostgreSQL too when DATABASE_URL is set (as in CI). */
export function testBackends(): TestBackend[] {
  const url = process.env.DATABASE_URL;
  return url ? [pglite, postgresBackend(url)] : [pglite];
}
