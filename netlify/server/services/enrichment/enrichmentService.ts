import { sql } from "kysely";
import type { Tx } from "../../db/transactions";
import { enqueueJob } from "../../jobs/enqueueJob";
import { requireLead } from "../leads/leadWorkService";
import { enrichLeadJob } from "./enrichLeadJob";
import { propertyProvider } from "./providers";

export interface EnrichmentRecord {
  provider: string;
  status: "done" | "not_found" | "not_configured" | "failed";
  result: Record<string, unknown>;
  costCents: number;
  durationMs: number;
  error: string | null;
  at: string;
}

/** The latest contact checks and property lookup of a lead, and whether a property provider is configured. */
export async function getLeadEnrichment(tx: Tx, orgId: string, leadId: string) {
  await requireLead(tx, orgId, leadId);
  const rows = await tx
    .selectFrom("leadEnrichments")
    .select(["kind", "provider", "status", "result", "costCents", "durationMs", "error", "createdAt"])
    .where("orgId", "=", orgId)
    .where("leadId", "=", leadId)
    .orderBy("createdAt", "desc")
    .limit(20)
    .execute();
  const latest = (kind: "contact" | "property"): EnrichmentRecord | null => {
    const r = rows.find((x) => x.kind === kind);
    return r ? { provider: r.provider, status: r.status, result: (r.result ?? {}) as Record<string, unknown>, costCents: r.costCents, durationMs: r.durationMs, error: r.error, at: new Date(r.createdAt).toISOString() } : null;
  };
  return { contact: latest("contact"), property: latest("property"), propertyProviderConfigured: propertyProvider() !== null };
}

/**
 * Queues enrichment for leads the caller can see (in the caller's transaction: RLS decides). Priority: 1 for a lead
 * someone asked about just now, 5 (the default) for new leads, 10 for bulk batches.
 */
export async function enqueueEnrichment(tx: Tx, orgId: string, leadIds: string[], options: { requestId?: string; priority?: number } = {}): Promise<{ queued: string[] }> {
  const visible = await tx.selectFrom("leads").select("id").where("orgId", "=", orgId).where("id", "in", leadIds).where("deletedAt", "is", null).execute();
  for (const { id } of visible) await enqueueJob(tx, orgId, enrichLeadJob, { leadId: id }, options);
  return { queued: visible.map((v) => v.id) };
}

export interface EnrichmentMonitor {
  queued: number;
  running: number;
  doneToday: number;
  failed: number;
  costTodayCents: number;
  propertyLookupsToday: number;
  propertyProviderConfigured: boolean;
}

export async function enrichmentMonitor(tx: Tx, orgId: string): Promise<EnrichmentMonitor> {
  const { rows } = await sql<{ m: Omit<EnrichmentMonitor, "propertyProviderConfigured"> }>`select private.enrichment_monitor(${orgId}::uuid) as m`.execute(tx);
  const m = rows[0].m;
  return {
    queued: Number(m.queued),
    running: Number(m.running),
    doneToday: Number(m.doneToday),
    failed: Number(m.failed),
    costTodayCents: Number(m.costTodayCents),
    propertyLookupsToday: Number(m.propertyLookupsToday),
    propertyProviderConfigured: propertyProvider() !== null,
  };
}
