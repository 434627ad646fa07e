import { randomBytes } from "node:crypto";
import { Queue, Worker } from "bullmq";
import pino from "pino";
import { z } from "zod";
import { openPostgres } from "../../netlify/server/db/connect";
import { asService } from "../../netlify/server/db/transactions";
import { startBullmqRuntime } from "../../netlify/server/jobs/bullmqRuntime";
import { enqueueJob } from "../../netlify/server/jobs/enqueueJob";
import { defineJob } from "../../netlify/server/jobs/jobDefinition";
import { registerJob } from "../../netlify/server/jobs/jobRegistry";
import type { Fixture } from "./fixtures";

export interface JobsOptions {
  jobs: number;
  concurrency: number;
  rounds: number;
}
export const DEFAULT_JOBS_OPTIONS: JobsOptions = { jobs: 5_000, concurrency: 50, rounds: 4 };

export interface JobsVariant {
  jobsPerSec: number;
  ms: number;
}
export interface JobsResult {
  options: JobsOptions;
  /** Jobs already in the outbox: relay (claim + addBulk) → BullMQ → trivial handler → marked done in the outbox. */
  subject: JobsVariant;
  /** The same, with the jobs queued while it runs by `concurrency` writers, one transaction per job (as requests do). */
  endToEnd: JobsVariant;
  /** Bare BullMQ: `concurrency` producers add the jobs one by one; a Worker at `concurrency` runs a trivial handler. */
  baseline: JobsVariant;
  /** The measured rounds (the first round of all three variants is a warm-up and not kept). */
  rounds: { subject: number; endToEnd: number; baseline: number }[];
  target: number;
}

const noop = defineJob({ name: "bench-noop", queue: "scoring", schema: z.object({ i: z.number() }), maxAttempts: 1, async handle() {} });
registerJob(noop);

const redisConnection = () => {
  const url = new URL(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
  return { host: url.hostname, port: Number(url.port || 6379), maxRetriesPerRequest: null };
};

async function inParallel(n: number, concurrency: number, fn: (i: number) => Promise<unknown>) {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < n) await fn(next++);
  }));
}

/**
 * Jobs per second through the outbox and BullMQ with a trivial handler, beside bare BullMQ add-and-process in the
 * same run, on the bench database and the machine's Redis (REDIS_URL, default 127.0.0.1:6379; a fresh key prefix).
 */
export async function runJobs(url: string, fixture: Fixture | undefined, options: JobsOptions, target: number): Promise<JobsResult> {
  const handle = openPostgres(url, { max: 10 });
  const log = pino({ level: "silent" });
  // The jobs only need an org to belong to: the fixture's first when it was seeded, else one of their own.
  const orgId = fixture?.orgs[0].id ?? (await asService(handle.db, (tx) => tx.insertInto("orgs").values({ name: "Jobs bench" }).returning("id").executeTakeFirstOrThrow())).id;
  const rounds: JobsResult["rounds"] = [];
  // Polled every 20 ms through the (org, queue, status) index, so watching for the end costs the subject little.
  const countDone = async () =>
    Number((await handle.db.selectFrom("jobOutbox").select((eb) => eb.fn.countAll<string>().as("n")).where("orgId", "=", orgId).where("queue", "=", "scoring").where("status", "=", "done").executeTakeFirstOrThrow()).n);
  const waitFor = async (check: () => Promise<boolean>, everyMs = 20) => {
    while (!(await check())) await new Promise((r) => setTimeout(r, everyMs));
  };
  try {
    for (let round = 0; round < options.rounds; round++) {
      const prefix = `hkbench${process.pid}r${round}${randomBytes(2).toString("hex")}`;
      const connection = redisConnection();

      // Subject: the jobs are in the outbox (queued by earlier requests); the relay and workers run; time until done.
      // The runtime (production settings: idle polls back off to 200 ms) connects first, as the baseline's worker
      // does; the clock starts when the transaction that queued the jobs commits, and the relay is woken then, as an
      // in-process enqueue wakes it — this measures throughput; pickup latency is the workflows benchmark's.
      await handle.db.deleteFrom("jobOutbox").where("name", "=", "bench-noop").execute();
      let runtime = startBullmqRuntime(handle.db, log, { connection, prefix, queues: ["scoring"], concurrency: options.concurrency });
      await runtime.ready();
      let started = 0;
      await asService(handle.db, async (tx) => {
        for (let i = 0; i < options.jobs; i += 1000) {
          await tx.insertInto("jobOutbox").values(Array.from({ length: Math.min(1000, options.jobs - i) }, (_, k) => ({ orgId, queue: "scoring", name: "bench-noop", payload: { i: i + k } }))).execute();
        }
        started = performance.now(); // the commit follows
      });
      runtime.wake();
      await waitFor(async () => (await countDone()) >= options.jobs);
      const subjectMs = performance.now() - started;
      await runtime.close();
      for (const q of runtime.queues.values()) await q.obliterate({ force: true }).catch(() => {});

      // End to end: writers queue the jobs (one transaction each) while the relay and workers run.
      await handle.db.deleteFrom("jobOutbox").where("name", "=", "bench-noop").execute();
      const prefix2 = `${prefix}e`;
      runtime = startBullmqRuntime(handle.db, log, { connection, prefix: prefix2, queues: ["scoring"], concurrency: options.concurrency, relayIntervalMs: 5 });
      await runtime.ready();
      started = performance.now();
      await inParallel(options.jobs, options.concurrency, (i) => asService(handle.db, (tx) => enqueueJob(tx, orgId, noop, { i })));
      await waitFor(async () => (await countDone()) >= options.jobs);
      const endToEndMs = performance.now() - started;
      await runtime.close();
      for (const q of runtime.queues.values()) await q.obliterate({ force: true }).catch(() => {});

      // Baseline: bare BullMQ, producers adding one job each call, a worker with a trivial handler.
      const queue = new Queue("scoring", { connection, prefix: `${prefix}b` });
      let completed = 0;
      const worker = new Worker("scoring", async () => null, { connection, prefix: `${prefix}b`, concurrency: options.concurrency });
      worker.on("completed", () => completed++);
      await worker.waitUntilReady();
      started = performance.now();
      await inParallel(options.jobs, options.concurrency, (i) => queue.add("bench-noop", { i }, { removeOnComplete: true }));
      await waitFor(async () => completed >= options.jobs, 1);
      const baselineMs = performance.now() - started;
      await worker.close();
      await queue.obliterate({ force: true }).catch(() => {});
      await queue.close();

      if (round > 0) rounds.push({ subject: subjectMs, endToEnd: endToEndMs, baseline: baselineMs }); // round 0 warms up
    }
  } finally {
    await handle.db.deleteFrom("jobOutbox").where("name", "=", "bench-noop").execute().catch(() => {});
    await handle.close();
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const variant = (ms: number): JobsVariant => ({ ms, jobsPerSec: (options.jobs / ms) * 1000 });
  return {
    options,
    subject: variant(median(rounds.map((r) => r.subject))),
    endToEnd: variant(median(rounds.map((r) => r.endToEnd))),
    baseline: variant(median(rounds.map((r) => r.baseline))),
    rounds,
    target,
  };
}
