import { sql } from "kysely";
import { STAFF_ROLES } from "../../../../src/domain/roles";
import type { Tx } from "../../db/transactions";

/**
 * The agent a new lead goes to: the first enabled rule of the org (by position) whose sources and ZIP codes
 * match (an empty list matches all) hands out its agents round robin. The cursor moves in the same UPDATE
 * that picks the agent, so concurrent leads never get the same turn. Agents no longer on the staff are
 * skipped. Null when no rule matches.
 */
export async function assignByRules(tx: Tx, orgId: string, lead: { source?: string | null; zip?: string | null }): Promise<string | null> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const picked = await sql<{ agentId: string; ruleId: string; size: number }>`
      update public.assignment_rules r
      set next_index = (r.next_index + 1) % cardinality(r.agent_ids)
      where r.id = (
        select id from public.assignment_rules
        where org_id = ${orgId} and enabled
          and (cardinality(sources) = 0 or ${lead.source ?? ""} = any (sources))
          and (cardinality(zips) = 0 or ${lead.zip ?? ""} = any (zips))
        order by position, created_at
        limit 1
        for update
      )
      -- RETURNING sees the advanced cursor; the turn taken is the one before it (arrays are 1-based).
      returning r.agent_ids[((r.next_index - 1 + cardinality(r.agent_ids)) % cardinality(r.agent_ids)) + 1] as agent_id,
                r.id as rule_id, cardinality(r.agent_ids) as size`.execute(tx);
    const row = picked.rows[0];
    if (!row) return null;
    const member = await tx
      .selectFrom("orgMembers")
      .select("userId")
      .where("orgId", "=", orgId)
      .where("userId", "=", row.agentId)
      .where("role", "in", [...STAFF_ROLES])
      .executeTakeFirst();
    if (member) return member.userId;
    if (attempt + 1 >= row.size) return null; // every agent of the rule has left
  }
  return null;
}
