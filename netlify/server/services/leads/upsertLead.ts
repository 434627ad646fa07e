import { sql } from "kysely";
import type { Tx } from "../../db/transactions";
import { assignByRules } from "./assignLead";
import { leadColumns, type LeadRow } from "./leadDto";

export type LeadInput = Parameters<typeof leadColumns>[0];

export interface Touch {
  /** How the lead came in. */
  channel: "api" | "webhook" | "form" | "csv";
  actorId: string | null;
  /** e.g. the lead source's name and id, the delivery id. */
  details?: Record<string, unknown>;
  attribution?: Record<string, string>;
}

export interface UpsertResult {
  lead: LeadRow;
  duplicate: boolean;
}

const MERGEABLE = ["firstName", "lastName", "email", "phone", "source", "assigneeId", "notes", "street", "city", "state", "zip"] as const;

export function dedupKeys(columns: { email?: string | null; phone?: string | null; street?: string | null; zip?: string | null }): string[] {
  const keys: string[] = [];
  if (columns.email) keys.push(`e:${columns.email}`);
  if (columns.phone) keys.push(`p:${columns.phone}`);
  if (columns.street && columns.zip) keys.push(`a:${columns.street.toLowerCase()}|${columns.zip}`);
  return keys.sort();
}

/**
 * Creates the lead, or — when the org already has a lead with the same email, phone or property address —
 * merges the new details into the oldest match (filling only what it lacks) and records the touch on its
 * timeline. Concurrent deliveries of one person serialise on transaction-scoped advisory locks per key, and
 * the unique indexes on leads make a duplicate impossible even for a writer that skipped the locks.
 */
export async function upsertLead(tx: Tx, orgId: string, input: LeadInput, touch: Touch): Promise<UpsertResult> {
  const columns = leadColumns(input);
  const keys = dedupKeys(columns);
  if (keys.length) {
    await sql`select pg_advisory_xact_lock(hashtextextended(${orgId}::text || k, 0)) from unnest(${keys}::text[]) as k order by k`.execute(tx);
  }
  const matches = keys.length
    ? await tx
        .selectFrom("leads")
        .selectAll()
        .where("orgId", "=", orgId)
        .where("deletedAt", "is", null)
        .where((eb) =>
          eb.or([
            ...(columns.email ? [eb("email", "=", columns.email)] : []),
            ...(columns.phone ? [eb("phone", "=", columns.phone)] : []),
            ...(columns.street && columns.zip ? [eb(sql<string>`address_key`, "=", `${columns.street.toLowerCase()}|${columns.zip}`)] : []),
          ]),
        )
        .orderBy("createdAt")
        .execute()
    : [];

  if (matches.length === 0) {
    const assigneeId = columns.assigneeId ?? (await assignByRules(tx, orgId, { source: columns.source, zip: columns.zip }));
    const lead = await tx
      .insertInto("leads")
      .values({ ...columns, assigneeId, orgId, createdBy: touch.actorId, attribution: touch.attribution ?? {} })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordTouch(tx, orgId, lead.id, "lead.created", touch, {});
    return { lead, duplicate: false };
  }

  const [target, ...others] = matches;
  const taken = (field: "email" | "phone", value: unknown) => others.some((o) => o[field] === value);
  const addressTaken = others.some((o) => columns.street && columns.zip && o.street?.toLowerCase() === columns.street.toLowerCase() && o.zip === columns.zip);
  const fill: Record<string, unknown> = {};
  for (const field of MERGEABLE) {
    const incoming = columns[field];
    if (incoming === undefined || incoming === null || target[field] !== null) continue;
    if ((field === "email" || field === "phone") && taken(field, incoming)) continue;
    if ((field === "street" || field === "zip") && addressTaken) continue;
    fill[field] = incoming;
  }
  const newTags = (columns.tags ?? []).filter((t) => !target.tags.includes(t));
  if (newTags.length) fill.tags = [...target.tags, ...newTags];
  const lead = Object.keys(fill).length
    ? await tx.updateTable("leads").set(fill).where("id", "=", target.id).where("orgId", "=", orgId).returningAll().executeTakeFirstOrThrow()
    : target;
  await recordTouch(tx, orgId, lead.id, "lead.touched", touch, { filled: Object.keys(fill), notes: columns.notes ?? undefined, alsoMatched: others.map((o) => o.id) });
  return { lead, duplicate: true };
}

async function recordTouch(tx: Tx, orgId: string, leadId: string, type: string, touch: Touch, extra: Record<string, unknown>) {
  await tx
    .insertInto("activities")
    .values({
      orgId,
      leadId,
      actorId: touch.actorId,
      type,
      body: null,
      data: { channel: touch.channel, ...touch.details, attribution: touch.attribution, ...extra },
    })
    .execute();
}
