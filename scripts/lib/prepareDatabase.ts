import { getConfig } from "../../netlify/server/config";
import type { DatabaseHandle } from "../../netlify/server/db/connect";
import { getDatabase } from "../../netlify/server/db/instance";
import { migrate } from "../../netlify/server/db/migrate";
import { log } from "../../netlify/server/log";
import { seedDemo } from "../seed/seedDemo";

/**
 * Opens the configured database, applies pending migrations and seeds the demo org once. The demo users have
 * a published password, so they are seeded only with local auth, and on a DATABASE_URL only when asked:
 * `npm run dev` asks (seedSharedDatabase), `npm start` doesn't; DEMO_SEED=true|false overrides both.
 */
export async function prepareDatabase(options: { seedSharedDatabase: boolean }): Promise<DatabaseHandle> {
  const config = getConfig();
  const handle = await getDatabase();
  const { applied } = await migrate(handle);
  if (applied.length) log.info({ applied }, "migrations applied");
  const seedWanted = config.DEMO_SEED ?? (!config.DATABASE_URL || options.seedSharedDatabase);
  if (seedWanted && config.localAuth) {
    if (await seedDemo(handle.db)) log.info("demo org 'Demo Capital' seeded");
  }
  log.info({ database: handle.kind === "pglite" ? `PGlite in ${config.PGLITE_DIR}` : "PostgreSQL (DATABASE_URL)" }, "database ready");
  return handle;
}
