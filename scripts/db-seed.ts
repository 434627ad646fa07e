import { getConfig } from "../netlify/server/config";
import { closeDatabase, getDatabase } from "../netlify/server/db/instance";
import { migrate } from "../netlify/server/db/migrate";
import { seedDemo } from "./seed/seedDemo";

// npm run db:seed: the demo org "Demo Capital" (local auth only; never on a Supabase-auth deployment).
if (!getConfig().localAuth) {
  console.error("Refusing to seed demo users with known passwords while SUPABASE_URL is set");
  process.exit(1);
}
const handle = await getDatabase();
await migrate(handle);
console.log((await seedDemo(handle.db)) ? "Seeded Demo Capital" : "Demo Capital already exists: nothing to do");
await closeDatabase();
