import { sql } from "kysely";
import type { Tx } from "../../db/transactions";

export interface AuditVerification {
  intact: boolean;
  entries: number;
  firstBrokenId: string | null;
  reason: string | null;
}

/** Recomputes the org's hash chain in Postgres (private.audit_verify) and reports the first break. */
export async function verifyAuditChain(tx: Tx, orgId: string): Promise<AuditVerification> {
  const result = await sql<{ entries: string | number; firstBrokenId: string | number | null; reason: string | null }>`
    select entries, first_broken_id, reason from private.audit_verify(${orgId}::uuid)`.execute(tx);
  const row = result.rows[0];
  // Result keys arrive camelCased (CamelCasePlugin).
  const firstBrokenId = row.firstBrokenId === null ? null : String(row.firstBrokenId);
  return { intact: firstBrokenId === null, entries: Number(row.entries), firstBrokenId, reason: row.reason };
}
