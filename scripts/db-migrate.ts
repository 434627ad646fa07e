import { closeDatabase, getDatabase } from "../netlify/server/db/instance";
import { migrate } from "../netlify/server/db/migrate";

// npm run db:migrate: applies pending migrations to DATABASE_URL (or the embedded PGlite).
const handle = await getDatabase();
const result = await migrate(handle);
console.log(result.applied.length ? `Applied: ${result.applied.join(", ")}` : "Nothing to apply: the database is up to date");
await closeDatabase();
