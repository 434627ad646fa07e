import { randomUUID } from "node:crypto";
import type { z } from "zod";
import type { Tx } from "../db/transactions";
import type { JobDefinition } from "./jobDefinition";

/**
 * Queues a job in the caller's own transaction (the transactional outbox): it exists if and only if the change
 * that caused it commits. The relay (BullMQ) or the in-process runner picks it up from job_outbox. The id is
 * made here because API roles may insert into job_outbox but not read it back.
 */
export async function enqueueJob<S extends z.ZodType>(
  tx: Tx,
  orgId: string,
  job: JobDefinition<S>,
  payload: z.input<S>,
  options: { delayMs?: number; requestId?: string; /** 1 (most urgent) – 100; default 5, or the job's own. */ priority?: number } = {},
): Promise<string> {
  const parsed = job.schema.parse(payload) as Record<string, unknown>;
  const id = randomUUID();
  await tx
    .insertInto("jobOutbox")
    .values({
      id,
      orgId,
      queue: job.queue,
      name: job.name,
      payload: parsed,
      requestId: options.requestId ?? null,
      priority: options.priority ?? job.priority ?? 5,
      availableAt: new Date(Date.now() + (options.delayMs ?? 0)),
    })
    .execute();
  return id;
}
