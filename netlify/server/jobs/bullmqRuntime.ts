import { Queue, UnrecoverableError, Worker, type ConnectionOptions } from "bullmq";
import type { Kysely } from "kysely";
import type { Database } from "../db/schema";
import type { Logger } from "../log";
import { executeJob } from "./executeJob";
import { findJob } from "./jobRegistry";
import { relaySchedule } from "./relaySchedule";
import { claimDueJobs, createDoneBatcher, markJobFailed, releaseJob, type OutboxRow } from "./outboxStore";

export interface BullmqRuntimeOptions {
  connection: ConnectionOptions;
  queues: string[];
  prefix?: string;
  /** Jobs run at once per queue. */
  concurrency?: number;
  /**
   * Rate limits per queue, enforced by BullMQ across every worker on the Redis: each queue's jobs call one kind of
   * provider (enrichment → the property-data API, messaging → SendGrid/Twilio), so this is the provider's limit.
   */
  rateLimits?: Record<string, { max: number; durationMs: number }>;
  /** Longest wait between relay polls while nothing is due (default 200 ms); see relaySchedule.ts. */
  relayIntervalMs?: number;
}

/** Rows claimed per relay batch at most (one UPDATE in Postgres, one addBulk in Redis); a pass starts with fewer. */
const RELAY_BATCH = 500;
const RELAY_FIRST_BATCH = 50;

/** An outbox row as a BullMQ job: the outbox id is the job id, so a row relayed twice is still one job. */
function bullmqJobOf(row: OutboxRow) {
  const def = findJob(row.name);
  return {
    name: row.name,
    data: { orgId: row.orgId, payload: row.payload },
    opts: {
      jobId: row.id,
      // BullMQ runs jobs without a priority first and keeps them on its fast path; only bulk work (priority above
      // the default 5) goes to its prioritized set. Urgent jobs are already taken first from the outbox.
      ...((row.priority ?? 5) > 5 ? { priority: row.priority } : {}),
      attempts: def?.maxAttempts ?? 5,
      backoff: { type: "exponential" as const, delay: 1000, jitter: 0.5 },
      // The outbox is the record of completion, so BullMQ need not keep completed jobs.
      removeOnComplete: true,
      removeOnFail: 5000,
    },
  };
}

/**
 * Outbox → BullMQ → handlers. The relay moves due job_outbox rows into their queues with the outbox id as the
 * BullMQ job id, so a row relayed twice (a crash between add and commit) is still one job; while Redis is
 * down, add fails, the row is handed back and waits in Postgres. Workers run the same executeJob as the
 * in-process runner; BullMQ retries with exponential backoff and jitter, and a job out of attempts is
 * dead-lettered in the outbox with its reason. close() finishes running jobs first (graceful SIGTERM).
 */
export function startBullmqRuntime(db: Kysely<Database>, log: Logger, options: BullmqRuntimeOptions) {
  const { connection, prefix } = options;
  const queues = new Map(options.queues.map((name) => [name, new Queue(name, { connection, prefix })]));
  const done = createDoneBatcher(db);
  for (const q of queues.values()) q.on("error", (err) => log.warn({ err: err.message, queue: q.name }, "queue connection error"));

  const workers = options.queues.map((name) => {
    const worker = new Worker(
      name,
      async (job) => {
        const outcome = await executeJob(
          db,
          log,
          { id: job.id!, orgId: job.data.orgId, queue: name, name: job.name, payload: job.data.payload, attempts: job.attemptsMade + 1, availableAt: new Date() },
          { recordOutcome: false },
        );
        if (outcome.status === "done") {
          // Recorded in the outbox by the next batched UPDATE, without holding this worker slot. Should the process
          // die before that UPDATE, the row stays 'relayed', its lease runs out, and the job is relayed and run again
          // — handlers are idempotent, so the rerun changes nothing. Lost work: none; a second side effect: none.
          done.markDone(job.id!).catch((err: unknown) => log.error({ err, jobId: job.id }, "could not mark a job done; its lease brings it back"));
          if (findJob(job.name)?.chains) wake();
          return outcome.result ?? null;
        }
        if (outcome.status === "failed" && !findJob(job.name)) throw new UnrecoverableError(outcome.error);
        if (outcome.error.startsWith("invalid payload")) throw new UnrecoverableError(outcome.error);
        throw new Error(outcome.error);
      },
      {
        connection,
        prefix,
        concurrency: options.concurrency ?? 10,
        ...(options.rateLimits?.[name] ? { limiter: { max: options.rateLimits[name].max, duration: options.rateLimits[name].durationMs } } : {}),
      },
    );
    worker.on("failed", (job, err) => {
      if (!job) return;
      const exhausted = err instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1);
      if (exhausted) void markJobFailed(db, job.id!, err.message, null).catch((e) => log.error({ err: e }, "could not dead-letter job"));
    });
    worker.on("error", (err) => log.warn({ err: err.message, queue: name }, "worker connection error"));
    return worker;
  });

  let stopped = false;
  let relaying: Promise<void> = Promise.resolve();
  // Due rows go to their queues in one addBulk per queue: one Redis round trip per batch, not per job.
  const addToQueues = async (rows: OutboxRow[]) => {
    const byQueue = new Map<string, OutboxRow[]>();
    for (const row of rows) {
      const batch = byQueue.get(row.queue);
      if (batch) batch.push(row);
      else byQueue.set(row.queue, [row]);
    }
    for (const [name, batch] of byQueue) {
      try {
        await queues.get(name)!.addBulk(batch.map(bullmqJobOf));
      } catch (err) {
        await Promise.all(batch.map((row) => releaseJob(db, row.id)));
        throw err;
      }
    }
  };
  // A pass relays batches until the outbox has no due job left. While one batch is being added to Redis the next is
  // already being claimed in Postgres (a full batch says more are waiting), so neither waits for the other.
  const relayOnce = async () => {
    // A pass starts small and grows (50, 200, 500 …) while batches come back full: the first jobs of a burst reach
    // the workers after one small claim and add, not after 500 rows' worth of each.
    let size = RELAY_FIRST_BATCH;
    let rows = await claimDueJobs(db, size, options.queues);
    let relayed = 0;
    while (rows.length > 0) {
      const full = rows.length === size;
      size = Math.min(size * 4, RELAY_BATCH);
      const next = full && !stopped ? claimDueJobs(db, size, options.queues) : Promise.resolve([]);
      try {
        await addToQueues(rows);
      } catch (err) {
        // Redis refused: hand back the batch claimed meanwhile too, untouched.
        const claimed = await next.catch(() => [] as OutboxRow[]);
        await Promise.all(claimed.map((row) => releaseJob(db, row.id)));
        throw err;
      }
      relayed += rows.length;
      rows = await next;
    }
    return relayed;
  };
  // One relay pass at a time; a pass asked for while one runs (wake) follows it at once. While the outbox stays empty
  // the polls back off (5, 10, 20 … ms up to relayIntervalMs), so an idle worker costs Postgres next to nothing.
  const schedule = relaySchedule(options.relayIntervalMs ?? 200);
  let inPass = false;
  let passWanted = false;
  const loop = () => {
    if (stopped) return;
    inPass = true;
    passWanted = false;
    relaying = relayOnce()
      .then((n) => {
        inPass = false;
        if (!stopped) timer = setTimeout(loop, passWanted ? 0 : schedule.afterPass(n));
      })
      .catch((err) => {
        inPass = false;
        log.warn({ err: (err as Error).message }, "relay paused: jobs wait in the outbox");
        if (!stopped) timer = setTimeout(loop, 1000);
      });
  };
  let timer = setTimeout(loop, 0);
  /** Jobs were just committed to the outbox (a chained job's next step, an in-process enqueue): relay now. */
  function wake() {
    if (stopped) return;
    if (inPass) {
      passWanted = true;
      return;
    }
    clearTimeout(timer);
    timer = setTimeout(loop, 0);
  }

  return {
    queues,
    workers,
    wake,
    /** Resolves once every queue and worker has its Redis connection (BullMQ loads its scripts on connect). */
    async ready() {
      await Promise.all([...[...queues.values()].map((q) => q.waitUntilReady()), ...workers.map((w) => w.waitUntilReady())]);
    },
    async close() {
      stopped = true;
      clearTimeout(timer);
      await relaying;
      await Promise.all(workers.map((w) => w.close()));
      await done.close();
      await Promise.all([...queues.values()].map((q) => q.close()));
    },
  };
}
