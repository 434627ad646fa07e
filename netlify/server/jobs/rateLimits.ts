import { QUEUES, type QueueName } from "./jobDefinition";

/**
 * QUEUE_RATE_LIMITS, e.g. "enrichment=10/1s,messaging=1/1s,workflow=600/1m": at most <max> jobs per <duration>
 * for a queue, across every worker (BullMQ's limiter). A bad entry throws with the entry named.
 */
export function parseRateLimits(text: string | undefined): Partial<Record<QueueName, { max: number; durationMs: number }>> {
  const out: Partial<Record<QueueName, { max: number; durationMs: number }>> = {};
  if (!text?.trim()) return out;
  for (const entry of text.split(",").map((e) => e.trim()).filter(Boolean)) {
    const m = /^([a-z]+)=(\d+)\/(\d+)(ms|s|m)$/.exec(entry);
    if (!m) throw new Error(`QUEUE_RATE_LIMITS: "${entry}" is not <queue>=<max>/<n><ms|s|m>`);
    const [, queue, max, n, unit] = m;
    if (!(QUEUES as readonly string[]).includes(queue)) throw new Error(`QUEUE_RATE_LIMITS: "${queue}" is not a queue (${QUEUES.join(", ")})`);
    const durationMs = Number(n) * (unit === "ms" ? 1 : unit === "s" ? 1000 : 60_000);
    if (Number(max) < 1 || durationMs < 1) throw new Error(`QUEUE_RATE_LIMITS: "${entry}" needs a positive max and duration`);
    out[queue as QueueName] = { max: Number(max), durationMs };
  }
  return out;
}
