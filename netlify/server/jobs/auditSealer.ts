import { sql, type Kysely } from "kysely";
import type { Database } from "../db/schema";
import { asService } from "../db/transactions";
import type { Logger } from "../log";

/**
 * How often committed audit entries are linked into their org's hash chain. Entries younger than this are
 * recorded but not yet chained (GET /api/audit/verify seals its org first, so it never waits for this).
 */
export const AUDIT_SEAL_INTERVAL_MS = 2_000;

/** Entries per sealing transaction; a backlog is worked off in several. */
const BATCH = 10_000;

/** Seals every org's committed, unsealed audit entries (private.audit_seal); returns how many. */
export async function sealAuditLog(db: Kysely<Database>): Promise<number> {
  let total = 0;
  for (;;) {
    const sealed = await asService(db, async (tx) => Number((await sql<{ n: number }>`select private.audit_seal(null, ${BATCH}) as n`.execute(tx)).rows[0].n));
    total += sealed;
    if (sealed < BATCH) return total;
  }
}

/** In-process sealing (no Redis): every AUDIT_SEAL_INTERVAL_MS, one run at a time. */
export function startAuditSealer(db: Kysely<Database>, log: Logger, intervalMs = AUDIT_SEAL_INTERVAL_MS): { stop(): Promise<void> } {
  let running: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = sealAuditLog(db)
      .catch((err) => log.error({ err }, "audit sealing failed"))
      .finally(() => {
        running = null;
      });
  }, intervalMs);
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
