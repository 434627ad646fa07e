// A worker process for the crash-recovery test: claims due jobs and runs them, printing "claimed N" first, so
// the test can SIGKILL it mid-job. Run with tsx; DATABASE_URL names the test database.
import pino from "pino";
import { openPostgres } from "../db/connect";
import { executeJob } from "../jobs/executeJob";
import { claimDueJobs } from "../jobs/outboxStore";
import "./crashTestJob";

const handle = openPostgres(process.env.DATABASE_URL!, { max: 2 });
const rows = await claimDueJobs(handle.db, 10);
console.log(`claimed ${rows.length}`);
await Promise.all(rows.map((row) => executeJob(handle.db, pino({ level: "silent" }), row)));
await handle.close();
