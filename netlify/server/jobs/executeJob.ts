import type { Kysely } from "kysely";
import type { Database } from "../db/schema";
import type { Logger } from "../log";
import { backoffMs } from "./jobDefinition";
import { findJob } from "./jobRegistry";
import { markJobDone, markJobFailed, type OutboxRow } from "./outboxStore";

export type JobOutcome = { status: "done"; result: unknown } | { status: "retry"; error: string; inMs: number } | { status: "failed"; error: string };

/**
 * Runs one claimed outbox job: payload checked with the job's zod schema first (a bad payload fails for good),
 * then the handler; success marks it done, an error schedules a retry with backoff until the attempts are
 * used up, then dead-letters it with the reason.
 */
export async function executeJob(db: Kysely<Database>, log: Logger, row: OutboxRow, options: { recordOutcome?: boolean } = {}): Promise<JobOutcome> {
  const record = options.recordOutcome ?? true;
  const job = findJob(row.name);
  // The job's logger is made when something logs (a child logger per job showed in the jobs benchmark).
  let child: Logger | undefined;
  const jobLog = () => (child ??= log.child({ jobId: row.id, job: row.name, attempt: row.attempts }));
  const fail = async (error: string, retry: boolean): Promise<JobOutcome> => {
    const inMs = retry && job && row.attempts < job.maxAttempts ? backoffMs(row.attempts) : null;
    if (record) await markJobFailed(db, row.id, error, inMs);
    jobLog().warn({ error, retryInMs: inMs }, inMs === null ? "job dead-lettered" : "job failed; will retry");
    return inMs === null ? { status: "failed", error } : { status: "retry", error, inMs };
  };
  if (!job) return fail(`no job named ${row.name} is registered`, false);
  const parsed = job.schema.safeParse(row.payload);
  if (!parsed.success) return fail(`invalid payload: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`, false);
  try {
    const ctx = {
      db,
      get log() {
        return jobLog();
      },
      jobId: row.id,
      orgId: row.orgId,
      attempt: row.attempts,
    };
    const result = await job.handle(parsed.data, ctx);
    if (record) await markJobDone(db, row.id);
    return { status: "done", result };
  } catch (err) {
    return fail((err as Error).message ?? String(err), true);
  }
}
