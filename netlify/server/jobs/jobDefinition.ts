import type { Kysely } from "kysely";
import type { z } from "zod";
import type { Database } from "../db/schema";
import type { Logger } from "../log";

export const QUEUES = ["enrichment", "messaging", "workflow", "scoring", "documents", "imports"] as const;
export type QueueName = (typeof QUEUES)[number];

export interface JobContext {
  db: Kysely<Database>;
  log: Logger;
  /** The outbox row's id: the BullMQ job id, and the idempotency key of the job's side effects. */
  jobId: string;
  orgId: string;
  attempt: number;
}

/** One kind of background job: its queue, the zod schema of its payload, and an idempotent handler. */
export interface JobDefinition<S extends z.ZodType = z.ZodType> {
  name: string;
  queue: QueueName;
  schema: S;
  /** Tries before the job is dead-lettered (status failed). */
  maxAttempts: number;
  /** Default priority of this kind of job: 1 (most urgent) – 100; 5 when unset. */
  priority?: number;
  /**
   * The job usually queues the next job itself (a workflow's steps): when it finishes, the BullMQ relay looks at the
   * outbox at once instead of at its next poll, so a chain of jobs doesn't wait a poll interval per link.
   */
  chains?: boolean;
  handle(payload: z.output<S>, ctx: JobContext): Promise<unknown>;
}

export function defineJob<S extends z.ZodType>(def: Omit<JobDefinition<S>, "maxAttempts"> & { maxAttempts?: number }): JobDefinition<S> {
  return { maxAttempts: 5, ...def };
}

/** Exponential backoff with full jitter: attempt 1 → up to 2 s, 2 → 4 s … capped at 10 minutes. */
export function backoffMs(attempt: number, random = Math.random): number {
  const ceiling = Math.min(600_000, 1000 * 2 ** attempt);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
