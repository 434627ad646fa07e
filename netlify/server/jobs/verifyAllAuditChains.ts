import { sql, type Kysely } from "kysely";
import type { Database } from "../db/schema";
import { asService } from "../db/transactions";
import { sealAuditLog } from "./auditSealer";

export interface ChainReport {
  orgId: string;
  entries: number;
  firstBrokenId: string | null;
  reason: string | null;
  pending: number;
}

/**
 * Seals what is waiting, then verifies every org's audit hash chain (service role: it spans all orgs). Returns the
 * broken ones first.
 */
export async function verifyAllAuditChains(db: Kysely<Database>): Promise<ChainReport[]> {
  await sealAuditLog(db);
  return asService(db, async (tx) => {
    const result = await sql<{ orgId: string; entries: string | number; firstBrokenId: string | number | null; reason: string | null; pending: string | number }>`
      select o.id as org_id, v.entries, v.first_broken_id, v.reason, v.pending
      from public.orgs o cross join lateral private.audit_verify(o.id) v
      order by (v.first_broken_id is null), o.id`.execute(tx);
    return result.rows.map((r) => ({
      orgId: r.orgId,
      entries: Number(r.entries),
      firstBrokenId: r.firstBrokenId === null ? null : String(r.firstBrokenId),
      reason: r.reason,
      pending: Number(r.pending),
    }));
  });
}
