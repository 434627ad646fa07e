import type { Selectable } from "kysely";
import type { AssignmentRule } from "../../../../src/domain/assignment";
import { STAFF_ROLES } from "../../../../src/domain/roles";
import type { AssignmentRulesTable } from "../../db/schema";
import type { Tx } from "../../db/transactions";
import { notFound, validationFailed } from "../../http/errors";
import { isUuid } from "../../http/ids";

const COLUMNS = ["id", "name", "agentIds", "sources", "zips", "enabled", "position", "createdAt"] as const;

const toDto = (r: Pick<Selectable<AssignmentRulesTable>, (typeof COLUMNS)[number]>): AssignmentRule => ({ ...r, createdAt: new Date(r.createdAt).toISOString() });

async function assertAgents(tx: Tx, orgId: string, agentIds: string[] | undefined) {
  if (!agentIds) return;
  const found = await tx.selectFrom("orgMembers").select("userId").where("orgId", "=", orgId).where("userId", "in", agentIds).where("role", "in", [...STAFF_ROLES]).execute();
  if (found.length !== new Set(agentIds).size) throw validationFailed({ agentIds: "must all be staff members of this org" });
}

export async function listAssignmentRules(tx: Tx, orgId: string): Promise<AssignmentRule[]> {
  return (await tx.selectFrom("assignmentRules").select(COLUMNS).where("orgId", "=", orgId).orderBy("position").orderBy("createdAt").execute()).map(toDto);
}

export async function createAssignmentRule(tx: Tx, orgId: string, input: { name: string; agentIds: string[]; sources: string[]; zips: string[]; enabled: boolean; position: number }) {
  await assertAgents(tx, orgId, input.agentIds);
  const row = await tx.insertInto("assignmentRules").values({ orgId, ...input, agentIds: [...new Set(input.agentIds)] }).returning(COLUMNS).executeTakeFirstOrThrow();
  return toDto(row);
}

export async function updateAssignmentRule(tx: Tx, orgId: string, id: string, patch: Partial<{ name: string; agentIds: string[]; sources: string[]; zips: string[]; enabled: boolean; position: number }>) {
  if (!isUuid(id)) throw notFound("Assignment rule");
  await assertAgents(tx, orgId, patch.agentIds);
  const values = patch.agentIds ? { ...patch, agentIds: [...new Set(patch.agentIds)], nextIndex: 0 } : patch;
  const row = await tx.updateTable("assignmentRules").set(values).where("orgId", "=", orgId).where("id", "=", id).returning(COLUMNS).executeTakeFirst();
  if (!row) throw notFound("Assignment rule");
  return toDto(row);
}

export async function deleteAssignmentRule(tx: Tx, orgId: string, id: string) {
  if (!isUuid(id)) throw notFound("Assignment rule");
  const res = await tx.deleteFrom("assignmentRules").where("orgId", "=", orgId).where("id", "=", id).executeTakeFirst();
  if (Number(res.numDeletedRows) === 0) throw notFound("Assignment rule");
}
