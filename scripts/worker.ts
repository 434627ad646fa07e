import { getConfig } from "../netlify/server/config";
import { closeDatabase, getDatabase } from "../netlify/server/db/instance";
import { startBullmqRuntime } from "../netlify/server/jobs/bullmqRuntime";
import { parseRateLimits } from "../netlify/server/jobs/rateLimits";
import "../netlify/server/jobs/allJobs";
import { startInlineRunner } from "../netlify/server/jobs/inlineRunner";
import { QUEUES } from "../netlify/server/jobs/jobDefinition";
import { runAuditVerification, startMaintenanceWorker } from "../netlify/server/jobs/maintenanceQueue";
import { log } from "../netlify/server/log";
import { startWorkflowClock } from "../netlify/server/services/workflows/workflowClock";
import { startAuditSealer } from "../netlify/server/jobs/auditSealer";
import { onShutdown } from "./lib/shutdown";

// npm run worker: the background worker. With REDIS_URL it relays the job outbox into BullMQ and runs every
// queue, plus the audit-chain sealing (every 2 s) and the nightly verification (BullMQ job schedulers); without it the same handlers run
// in-process. (The app server also runs them in-process when REDIS_URL is unset, so locally no worker is needed.)
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
  const runtime = startBullmqRuntime(db, log, {
    connection,
    queues: [...QUEUES],
    concurrency: Number(process.env.WORKER_CONCURRENCY ?? 10),
    rateLimits: parseRateLimits(process.env.QUEUE_RATE_LIMITS),
  });
  log.info({ queues: ["maintenance", ...QUEUES] }, "worker started on Redis");
  // SIGTERM: stop relaying, let running jobs finish (BullMQ's close waits for them), then exit.
  onShutdown(async () => {
    await runtime.close();
    await maintenance.close();
    await closeDatabase();
  });
} else {
  log.info("REDIS_URL not set: running background jobs in-process");
  await runAuditVerification(db, log);
  const timer = setInterval(() => void runAuditVerification(db, log).catch((err) => log.error({ err }, "audit verification failed")), 24 * 3600_000);
  const runner = startInlineRunner(db, log);
  const clock = startWorkflowClock(db, log);
  const sealer = startAuditSealer(db, log);
  onShutdown(async () => {
    clearInterval(timer);
    await clock.stop();
    await sealer.stop();
    await runner.stop();
    await closeDatabase();
  });
}
