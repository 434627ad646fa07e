import { getConfig } from "../../netlify/server/config";
import type { DatabaseHandle } from "../../netlify/server/db/connect";
import { getDatabase } from "../../netlify/server/db/instance";
import { migrate } from "../../netlify/server/db/migrate";
import { log } from "../../netlify/server/log";
import { seedDemo } from "../seed/seedDemo";

/** Opens the configured database, applies pending migrations and seeds the demo org once (local auth only). */
export async function prepareDatabase(): Promise<DatabaseHandle> {
  const config = getConfig();
  const handle = await getDatabase();
  const { applied } = await migrate(handle);
  if (applied.length) log.info({ applied }, "migrations applied");
  const seedWanted = config.DEMO_SEED ?? config.localAuth;
  if (seedWanted && config.localAuth) {
    if (await seedDemo(handle.db)) log.info("demo org 'Demo Capital' seeded");
  }
  log.info({ database: handle.kind === "pglite" ? `PGlite in ${config.PGLITE_DIR}` : "PostgreSQL (DATABASE_URL)" }, "database ready");
  return handle;
}
