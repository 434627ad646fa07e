import { sql } from "kysely";
import type { Tx } from "../../db/transactions";
import { leadColumns } from "./leadDto";

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
  leadId: string;
  duplicate: boolean;
}

const SNAKE: Record<string, string> = {
  firstName: "first_name",
  lastName: "last_name",
  assigneeId: "assignee_id",
};

/** The lead's columns as private.upsert_lead reads them: snake_case keys, only the fields given. */
export function upsertLeadArgument(input: LeadInput): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(leadColumns(input))) out[SNAKE[key] ?? key] = value;
  return out;
}

/** The touch as private.upsert_lead reads it. */
export function touchArgument(touch: Touch): Record<string, unknown> {
  return { channel: touch.channel, actor_id: touch.actorId, details: touch.details ?? {}, attribution: touch.attribution ?? null };
}

/**
 * Creates the lead, or — when the org already has a lead with the same email, phone or property address —
 * merges the new details into the oldest match (filling only what it lacks) and records the touch on its
 * timeline. One call of private.upsert_lead (supabase/migrations/20261130000100_upsert_lead_in_one_call.sql):
 * concurrent deliveries of one person serialise on transaction-scoped advisory locks per key there, and the
 * unique indexes on leads make a duplicate impossible even for a writer that skipped the locks. Runs with the
 * caller's rights, so RLS applies when the caller is a user.
 */
export async function upsertLead(tx: Tx, orgId: string, input: LeadInput, touch: Touch): Promise<UpsertResult> {
  const { rows } = await sql<{ leadId: string; duplicate: boolean }>`
    select lead_id, duplicate from private.upsert_lead(${orgId}::uuid, ${upsertLeadArgument(input)}::jsonb, ${touchArgument(touch)}::jsonb)`.execute(tx);
  return rows[0];
}
