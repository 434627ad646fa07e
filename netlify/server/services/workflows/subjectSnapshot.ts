import { sql } from "kysely";
import type { SubjectSnapshot } from "../../../../src/domain/workflows";
import type { Tx } from "../../db/transactions";
import { numberOrNull } from "../../db/numeric";
import type { LeadForMessage } from "../messaging/compose";

// What a workflow knows about its subject when a step runs: the lead (with its property, enrichment and most
// recent open deal) or the deal (with its lead). Loaded fresh before each step, so a condition after a wait sees
// the lead as it is then.

/** The lead as a step sees it: what a message to it needs, and the fields steps read and change. */
export interface SubjectLead extends LeadForMessage {
  status: string;
  assigneeId: string | null;
  source: string | null;
  tags: string[];
  notes: string | null;
  propertyId: string | null;
}

export interface SubjectOpportunity {
  id: string;
  title: string;
  stageId: string;
  stageName: string;
  stageKind: string;
  ownerId: string | null;
  leadId: string | null;
  stageEnteredAt: Date;
}

export interface LoadedSubject {
  lead: SubjectLead | null;
  opportunity: SubjectOpportunity | null;
  snapshot: SubjectSnapshot;
}

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);

async function loadOpportunity(tx: Tx, orgId: string, where: { id?: string; leadId?: string }) {
  let q = tx
    .selectFrom("opportunities as o")
    .innerJoin("pipelineStages as s", "s.id", "o.stageId")
    .select(["o.id", "o.title", "o.stageId", "s.name as stageName", "s.kind as stageKind", "o.ownerId", "o.leadId", "o.stageEnteredAt", "o.value"])
    .where("o.orgId", "=", orgId);
  if (where.id) q = q.where("o.id", "=", where.id);
  else q = q.where("o.leadId", "=", where.leadId!).orderBy(sql`s.kind = 'open'`, "desc").orderBy("o.createdAt", "desc");
  return q.limit(1).executeTakeFirst();
}

/**
 * The subject of a step. `snapshot: false` (steps that test no condition) skips what only conditions read — the
 * property, enrichment, message and reply times, and a lead's deal — and leaves `snapshot` empty.
 */
export async function loadSubject(tx: Tx, orgId: string, ids: { leadId?: string | null; opportunityId?: string | null }, options: { snapshot?: boolean; leadsDeal?: boolean } = {}): Promise<LoadedSubject> {
  const full = options.snapshot ?? true;
  const opp = ids.opportunityId ? await loadOpportunity(tx, orgId, { id: ids.opportunityId }) : undefined;
  const leadId = ids.leadId ?? opp?.leadId ?? null;
  const lead = leadId
    ? await tx
        .selectFrom("leads")
        .select(["id", "status", "assigneeId", "source", "tags", "score", "firstName", "lastName", "email", "phone", "street", "city", "state", "zip", "notes", "propertyId", "createdAt", "updatedAt"])
        .where("orgId", "=", orgId)
        .where("id", "=", leadId)
        .where("deletedAt", "is", null)
        .executeTakeFirst()
    : undefined;
  const opportunity = opp ?? (lead && (full || options.leadsDeal) ? await loadOpportunity(tx, orgId, { leadId: lead.id }) : undefined);

  const snapshot: SubjectSnapshot = {};
  if (lead && full) {
    const [property, enrichments, contact] = await Promise.all([
      lead.propertyId
        ? tx.selectFrom("properties").select(["propertyType", "beds", "sqft", "estimatedValue"]).where("orgId", "=", orgId).where("id", "=", lead.propertyId).executeTakeFirst()
        : undefined,
      tx
        .selectFrom("leadEnrichments")
        .select(["kind", "result", "status"])
        .where("orgId", "=", orgId)
        .where("leadId", "=", lead.id)
        .where("status", "=", "done")
        .orderBy("createdAt", "desc")
        .limit(4)
        .execute(),
      sql<{ lastContactedAt: Date | null; lastRepliedAt: Date | null }>`
        select
          (select max(m.created_at) from public.messages m where m.org_id = ${orgId} and m.lead_id = ${lead.id} and m.status not in ('blocked', 'suppressed', 'failed')) as "lastContactedAt",
          (select max(a.occurred_at) from public.activities a where a.org_id = ${orgId} and a.lead_id = ${lead.id} and a.type = 'message.received') as "lastRepliedAt"`
        .execute(tx)
        .then((r) => r.rows[0]),
    ]);
    const contactResult = enrichments.find((e) => e.kind === "contact")?.result as { phone?: { valid?: boolean; type?: string | null } | null; email?: { validSyntax?: boolean; disposable?: boolean } | null } | undefined;
    const propertyResult = enrichments.find((e) => e.kind === "property")?.result as { marketValue?: number | null } | undefined;
    Object.assign(snapshot, {
      "lead.status": lead.status,
      "lead.source": lead.source,
      "lead.tags": lead.tags ?? [],
      "lead.score": numberOrNull(lead.score),
      "lead.firstName": lead.firstName,
      "lead.lastName": lead.lastName,
      "lead.email": lead.email,
      "lead.phone": lead.phone,
      "lead.city": lead.city,
      "lead.state": lead.state,
      "lead.zip": lead.zip,
      "lead.assigneeId": lead.assigneeId,
      "lead.createdAt": iso(lead.createdAt),
      "lead.updatedAt": iso(lead.updatedAt),
      "lead.lastContactedAt": iso(contact?.lastContactedAt),
      "lead.lastRepliedAt": iso(contact?.lastRepliedAt),
      "property.propertyType": property?.propertyType ?? null,
      "property.beds": numberOrNull(property?.beds ?? null),
      "property.sqft": property?.sqft ?? null,
      "property.estimatedValue": numberOrNull(property?.estimatedValue ?? null),
      "enrichment.phoneValid": contactResult?.phone ? Boolean(contactResult.phone.valid) : null,
      "enrichment.phoneType": contactResult?.phone?.type ?? null,
      "enrichment.emailValid": contactResult?.email ? Boolean(contactResult.email.validSyntax) && !contactResult.email.disposable : null,
      "enrichment.marketValue": propertyResult?.marketValue ?? null,
    } satisfies SubjectSnapshot);
  }
  if (opportunity && full) {
    Object.assign(snapshot, {
      "opportunity.stageName": opportunity.stageName,
      "opportunity.value": numberOrNull(opportunity.value),
      "opportunity.status": opportunity.stageKind,
      "opportunity.stageEnteredAt": iso(opportunity.stageEnteredAt),
    } satisfies SubjectSnapshot);
  }
  return {
    lead: lead ? { ...lead, tags: lead.tags ?? [] } : null,
    opportunity: opportunity ? { id: opportunity.id, title: opportunity.title, stageId: opportunity.stageId, stageName: opportunity.stageName, stageKind: opportunity.stageKind, ownerId: opportunity.ownerId, leadId: opportunity.leadId, stageEnteredAt: new Date(opportunity.stageEnteredAt) } : null,
    snapshot,
  };
}
