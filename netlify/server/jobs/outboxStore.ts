import { sql, type Kysely } from "kysely";
import type { Database } from "../db/schema";

export interface OutboxRow {
  id: string;
  orgId: string;
  queue: string;
  name: string;
  payload: unknown;
  attempts: number;
  availableAt: Date;
  priority?: number;
}

// The outbox is the service's: these run as the connection's role, deliberately (jobs span orgs).

/**
 * How long a taken job may stay 'relayed' before it is taken again: a runner that died mid-job (SIGKILL, a lost
 * machine) or a relay that died between taking a row and handing it to BullMQ leaves it so. Longer than any job
 * runs; handlers are idempotent, and BullMQ ignores a second add of the same job id.
 */
export const JOB_LEASE_SECONDS = 600;

/**
 * Claims up to `limit` due jobs — taken ones whose lease ran out first, then pending ones by priority — skipping rows
 * other claimers hold, and marks them taken ('relayed') with one more attempt counted, so two relays or runners never
 * take the same job at once and a crashed runner's job is not lost.
 *
 * Each kind is read from its own partial index in the order it keeps (job_outbox_relayed_idx,
 * job_outbox_pending_idx), so a claim costs the same with a backlog of a million jobs as with ten; one query over
 * both conditions made PostgreSQL fetch and sort every due row for each batch.
 */
export async function claimDueJobs(db: Kysely<Database>, limit: number, queues?: string[], leaseSeconds = JOB_LEASE_SECONDS): Promise<OutboxRow[]> {
  const filter = queues?.length ? sql`and queue = any(${queues}::text[])` : sql``;
  const result = await sql<OutboxRow>`
    with expired as (
      select id from public.job_outbox
      where status = 'relayed' and relayed_at < now() - make_interval(secs => ${leaseSeconds}) ${filter}
      order by relayed_at
      limit ${limit}
      for update skip locked
    ), pending as (
      select id from public.job_outbox
      where status = 'pending' and available_at <= now() ${filter}
      order by priority, available_at
      limit ${limit}
      for update skip locked
    )
    update public.job_outbox o
    set status = 'relayed', attempts = o.attempts + 1, relayed_at = now()
    where o.id in ((select id from expired) union all (select id from pending) limit ${limit})
    returning o.id, o.org_id, o.queue, o.name, o.payload, o.attempts, o.available_at, o.priority`.execute(db);
  return result.rows;
}

/**
 * Marks finished jobs done in batches: callers wait for the update that includes their id (so a job counts as
 * done only once the outbox says so), and one UPDATE serves every job that finished within `windowMs` (or
 * `maxBatch` of them) — under load, one statement per batch instead of one per job.
 */
export function createDoneBatcher(db: Kysely<Database>, options: { windowMs?: number; maxBatch?: number } = {}) {
  const windowMs = options.windowMs ?? 20;
  const maxBatch = options.maxBatch ?? 500;
  let pending: { id: string; resolve: () => void; reject: (err: unknown) => void }[] = [];
  let timer: NodeJS.Timeout | null = null;
  const flush = async () => {
    timer = null;
    const batch = pending;
    pending = [];
    if (batch.length === 0) return;
    try {
      // One array parameter, not an `in` list: the same prepared statement whatever the batch size.
      await db.updateTable("jobOutbox").set({ status: "done", lastError: null }).where("id", "=", sql<string>`any(${batch.map((b) => b.id)}::uuid[])`).execute();
      for (const b of batch) b.resolve();
    } catch (err) {
      for (const b of batch) b.reject(err);
    }
  };
  return {
    markDone(id: string): Promise<void> {
      return new Promise<void>((resolve, reject) => {
        pending.push({ id, resolve, reject });
        if (pending.length >= maxBatch) void flush();
        else timer ??= setTimeout(() => void flush(), windowMs);
      });
    },
    async close() {
      if (timer) clearTimeout(timer);
      await flush();
    },
  };
}

export async function markJobDone(db: Kysely<Database>, id: string): Promise<void> {
  await db.updateTable("jobOutbox").set({ status: "done", lastError: null }).where("id", "=", id).execute();
}

/** Back to pending after a delay, or dead-lettered (failed) once the attempts are used up. */
export async function markJobFailed(db: Kysely<Database>, id: string, error: string, retryInMs: number | null): Promise<void> {
  await db
    .updateTable("jobOutbox")
    .set(
      retryInMs === null
        ? { status: "failed", lastError: error.slice(0, 2000) }
        : { status: "pending", lastError: error.slice(0, 2000), availableAt: new Date(Date.now() + retryInMs) },
    )
    .where("id", "=", id)
    .execute();
}

/** A claimed job handed back untouched (e.g. Redis was down while relaying): not counted as an attempt. */
export async function releaseJob(db: Kysely<Database>, id: string): Promise<void> {
  await db.updateTable("jobOutbox").set({ status: "pending", attempts: sql`attempts - 1` }).where("id", "=", id).execute();
}
