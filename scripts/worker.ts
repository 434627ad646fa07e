import { getConfig } from "../netlify/server/config";
import { closeDatabase, getDatabase } from "../netlify/server/db/instance";
import { runAuditVerification, startMaintenanceWorker } from "../netlify/server/jobs/maintenanceQueue";
import { log } from "../netlify/server/log";
import { onShutdown } from "./lib/shutdown";

// npm run worker: the background worker. With REDIS_URL it runs BullMQ queues (today: the nightly audit-chain
// verification, a BullMQ job scheduler); without it the same handlers run in-process on a timer.
const config = getConfig();
const { db } = await getDatabase();

if (config.REDIS_URL) {
  const url = new URL(config.REDIS_URL);
  const connection = {
    host: url.hostname,
    port: Number(url.port || 6379),
    username: url.username || undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    tls: url.protocol === "rediss:" ? {} : undefined,
    maxRetriesPerRequest: null,
  };
  const maintenance = await startMaintenanceWorker(connection, db, log);
  log.info({ queues: ["maintenance"] }, "worker started on Redis");
  // SIGTERM: finish the running job (worker.close waits for it), then exit.
  onShutdown(async () => {
    await maintenance.close();
    await closeDatabase();
  });
} else {
  log.info("REDIS_URL not set: running background jobs in-process");
  await runAuditVerification(db, log);
  const timer = setInterval(() => void runAuditVerification(db, log).catch((err) => log.error({ err }, "audit verification failed")), 24 * 3600_000);
  onShutdown(async () => {
    clearInterval(timer);
    await closeDatabase();
  });
}
