import { Queue, Worker, type ConnectionOptions } from "bullmq";
import type { Kysely } from "kysely";
import type { Database } from "../db/schema";
import type { Logger } from "../log";
import { getConfig } from "../config";
import { asService } from "../db/transactions";
import { queueStaleEnrichment } from "../services/enrichment/staleEnrichment";
import { purgeDeletedLeads } from "../services/leads/bulkLeads";
import { queueDriftChecks } from "../services/ml/driftMonitor";
import { queueNightlyDealTraining, queueNightlyLeadTraining } from "../services/ml/nightlyTraining";
import { runWorkflowClock } from "../services/workflows/workflowClock";
import { AUDIT_SEAL_INTERVAL_MS, sealAuditLog } from "./auditSealer";
import { pruneFinishedJobs } from "./pruneFinishedJobs";
import { verifyAllAuditChains } from "./verifyAllAuditChains";

export const MAINTENANCE_QUEUE = "maintenance";
export const AUDIT_VERIFY_JOB = "audit.verify";
/** 03:00 UTC every night. */
export const AUDIT_VERIFY_CRON = "0 3 * * *";
/** Every minute: due scheduled workflows and newly overdue tasks. */
export const WORKFLOW_CLOCK_JOB = "workflow.clock";
/** Every AUDIT_SEAL_INTERVAL_MS: link the newly committed audit entries into their orgs' hash chains. */
export const AUDIT_SEAL_JOB = "audit.seal";

/**
 * The nightly maintenance: empty the lead trash, prune finished jobs past JOB_RETENTION_DAYS, queue the batch enrichment of stale leads and the retraining of
 * the lead-scoring models, then check every org's audit chain (logged at error level when broken).
 */
export async function runAuditVerification(db: Kysely<Database>, log: Logger, options: { jobRetentionDays?: number } = {}) {
  const purged = await asService(db, (tx) => purgeDeletedLeads(tx));
  if (purged) log.info({ purged }, "emptied the lead trash");
  const retentionDays = options.jobRetentionDays ?? getConfig().JOB_RETENTION_DAYS;
  const pruned = await pruneFinishedJobs(db, retentionDays);
  if (pruned) log.info({ pruned, retentionDays }, "pruned finished jobs from the outbox");
  const stale = await asService(db, (tx) => queueStaleEnrichment(tx));
  if (stale) log.info({ queued: stale }, "queued the nightly batch enrichment");
  log.info({ queued: await asService(db, (tx) => queueNightlyLeadTraining(tx)) }, "queued the nightly lead-model training");
  log.info({ queued: await asService(db, (tx) => queueNightlyDealTraining(tx)) }, "queued the nightly deal-model training");
  log.info({ queued: await asService(db, (tx) => queueDriftChecks(tx)) }, "queued the lead-model drift checks");
  const reports = await verifyAllAuditChains(db);
  const broken = reports.filter((r) => r.firstBrokenId !== null);
  for (const r of broken) log.error({ orgId: r.orgId, firstBrokenId: r.firstBrokenId, reason: r.reason }, "audit chain broken");
  log.info({ orgs: reports.length, broken: broken.length }, "audit chains verified");
  return { orgs: reports.length, broken: broken.map((r) => r.orgId) };
}

/** Registers the nightly job scheduler (idempotent) and starts the worker that runs it. */
export async function startMaintenanceWorker(connection: ConnectionOptions, db: Kysely<Database>, log: Logger, prefix?: string) {
  const queue = new Queue(MAINTENANCE_QUEUE, { connection, prefix });
  await queue.upsertJobScheduler("audit-verify-nightly", { pattern: AUDIT_VERIFY_CRON, tz: "UTC" }, { name: AUDIT_VERIFY_JOB });
  await queue.upsertJobScheduler("workflow-clock", { every: 60_000 }, { name: WORKFLOW_CLOCK_JOB, opts: { removeOnComplete: true, removeOnFail: 100 } });
  await queue.upsertJobScheduler("audit-seal", { every: AUDIT_SEAL_INTERVAL_MS }, { name: AUDIT_SEAL_JOB, opts: { removeOnComplete: true, removeOnFail: 100 } });
  const worker = new Worker(
    MAINTENANCE_QUEUE,
    async (job) => {
      if (job.name === AUDIT_VERIFY_JOB) return runAuditVerification(db, log.child({ jobId: job.id }));
      if (job.name === WORKFLOW_CLOCK_JOB) return runWorkflowClock(db);
      if (job.name === AUDIT_SEAL_JOB) return { sealed: await sealAuditLog(db) };
      throw new Error(`Unknown maintenance job ${job.name}`);
    },
    // The nightly run may take minutes; the clock and the sealer keep their pace beside it.
    { connection, prefix, concurrency: 3 },
  );
  worker.on("failed", (job, err) => log.error({ jobId: job?.id, err }, "maintenance job failed"));
  return {
    queue,
    worker,
    async close() {
      await worker.close();
      await queue.close();
    },
  };
}
