import type { Kysely } from "kysely";
import type { Database } from "../db/schema";
import type { Logger } from "../log";
import { executeJob } from "./executeJob";
import { claimDueJobs } from "./outboxStore";

/** Runs every due outbox job once, `concurrency` at a time. Returns how many ran. */
export async function drainOutbox(db: Kysely<Database>, log: Logger, options: { batch?: number; concurrency?: number } = {}): Promise<number> {
  let ran = 0;
  for (;;) {
    const rows = await claimDueJobs(db, options.batch ?? 20);
    if (rows.length === 0) return ran;
    const concurrency = options.concurrency ?? 4;
    for (let i = 0; i < rows.length; i += concurrency) {
      await Promise.all(rows.slice(i, i + concurrency).map((row) => executeJob(db, log, row)));
    }
    ran += rows.length;
  }
}

/**
 * Without REDIS_URL the app server runs the same job handlers itself, polling the outbox. Stop it before closing
 * the database.
 */
export function startInlineRunner(db: Kysely<Database>, log: Logger, intervalMs = 250): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const tick = () => {
    if (stopped) return;
    running = drainOutbox(db, log)
      .catch((err) => log.error({ err }, "inline job runner failed"))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, intervalMs);
      });
  };
  let timer = setTimeout(tick, intervalMs);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
