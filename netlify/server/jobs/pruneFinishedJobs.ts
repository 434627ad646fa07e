import { sql, type Kysely } from "kysely";
import type { Database } from "../db/schema";

/** Finished outbox rows — done, retried (re-queued under a new id) or discarded — that the Jobs screen still counts. */
export const FINISHED_JOB_STATUSES = ["done", "retried", "discarded"] as const;

/**
 * Deletes the finished jobs last changed more than `retentionDays` ago (service role; run nightly). The outbox is the
 * record of completion only while a lease could bring a job back (minutes) and for the Jobs screen's recent history;
 * kept forever it grew with every lead, message and step. Waiting, running and dead-lettered jobs are never touched.
 * Returns how many rows went.
 */
export async function pruneFinishedJobs(db: Kysely<Database>, retentionDays: number): Promise<number> {
  const result = await sql`
    delete from public.job_outbox
    where status = any(${FINISHED_JOB_STATUSES as unknown as string[]}::text[])
      and updated_at < now() - make_interval(days => ${retentionDays})`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}
