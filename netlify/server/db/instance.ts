import { getConfig } from "../config";
import { openPGlite, openPostgres, type DatabaseHandle } from "./connect";
import { migrate } from "./migrate";

let current: Promise<DatabaseHandle> | undefined;

/**
 * The process-wide database: postgres.js on DATABASE_URL (Supabase in production; migrations are applied
 * by `npm run db:migrate` or the Supabase CLI), else the embedded PGlite in PGLITE_DIR, migrated on open.
 */
export function getDatabase(): Promise<DatabaseHandle> {
  current ??= open();
  return current;
}

async function open(): Promise<DatabaseHandle> {
  const config = getConfig();
  if (config.DATABASE_URL) {
    return openPostgres(config.DATABASE_URL, {
      max: config.DATABASE_POOL_MAX,
      prepare: config.DATABASE_PREPARED_STATEMENTS ?? true,
    });
  }
  const handle = await openPGlite(config.PGLITE_DIR);
  await migrate(handle);
  return handle;
}

/** Scripts and tests that open their own database hand it to the functions here. */
export function setDatabase(handle: DatabaseHandle): void {
  current = Promise.resolve(handle);
}

export async function closeDatabase(): Promise<void> {
  const handle = await current;
  current = undefined;
  await handle?.close();
}
