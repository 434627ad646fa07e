import { sql } from "kysely";
import type { JobsOverview } from "../../../../src/domain/jobs";
import { getConfig } from "../../config";
import type { Tx } from "../../db/transactions";
import { notFound } from "../../http/errors";
import { isUuid } from "../../http/ids";

/** The org's jobs as admins see them (private.jobs_overview checks the caller manages the org). */
export async function jobsOverview(tx: Tx, orgId: string): Promise<JobsOverview> {
  const { rows } = await sql<{ o: Omit<JobsOverview, "retentionDays"> }>`select private.jobs_overview(${orgId}::uuid) as o`.execute(tx);
  return { ...rows[0].o, retentionDays: getConfig().JOB_RETENTION_DAYS };
}

/** Queues a dead letter again as a new job; 404 unless it is a failed job of the org. */
export async function retryJob(tx: Tx, orgId: string, id: string): Promise<{ id: string }> {
  if (!isUuid(id)) throw notFound("Failed job");
  const { rows } = await sql<{ id: string | null }>`select private.retry_job(${orgId}::uuid, ${id}::uuid) as id`.execute(tx);
  if (!rows[0].id) throw notFound("Failed job");
  return { id: rows[0].id };
}

/** Drops a dead letter for good; 404 unless it is a failed job of the org. */
export async function discardJob(tx: Tx, orgId: string, id: string): Promise<void> {
  if (!isUuid(id)) throw notFound("Failed job");
  const { rows } = await sql<{ ok: boolean }>`select private.discard_job(${orgId}::uuid, ${id}::uuid) as ok`.execute(tx);
  if (!rows[0].ok) throw notFound("Failed job");
}
