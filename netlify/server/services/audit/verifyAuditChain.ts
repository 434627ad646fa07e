import { sql } from "kysely";
import type { Tx } from "../../db/transactions";

export interface AuditVerification {
  intact: boolean;
  /** Sealed entries checked. */
  entries: number;
  firstBrokenId: string | null;
  reason: string | null;
  /** Entries committed after the sealing that opened this check: not in the chain yet. */
  pending: number;
}

/**
 * Seals the org's committed entries into its hash chain (private.audit_seal), then recomputes the chain in
 * Postgres (private.audit_verify) and reports the first break.
 */
export async function verifyAuditChain(tx: Tx, orgId: string): Promise<AuditVerification> {
  await sql`select private.audit_seal(${orgId}::uuid)`.execute(tx);
  const result = await sql<{ entries: string | number; firstBrokenId: string | number | null; reason: string | null; pending: string | number }>`
    select entries, first_broken_id, reason, pending from private.audit_verify(${orgId}::uuid)`.execute(tx);
  const row = result.rows[0];
  // Result keys arrive camelCased (CamelCasePlugin).
  const firstBrokenId = row.firstBrokenId === null ? null : String(row.firstBrokenId);
  return { intact: firstBrokenId === null, entries: Number(row.entries), firstBrokenId, reason: row.reason, pending: Number(row.pending) };
}
