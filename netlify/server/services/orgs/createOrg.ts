import type { Tx } from "../../db/transactions";
import { seedDefaultPipelineStages } from "./defaultPipeline";

/**
 * A new org with its creator as owner and the default pipeline. Runs as the service role: nobody is a
 * member of an org before it exists, so no policy could allow the first membership.
 */
export async function createOrgWithOwner(tx: Tx, userId: string, name: string): Promise<{ id: string; name: string }> {
  const org = await tx.insertInto("orgs").values({ name }).returning(["id", "name"]).executeTakeFirstOrThrow();
  await tx.insertInto("orgMembers").values({ orgId: org.id, userId, role: "owner" }).execute();
  await seedDefaultPipelineStages(tx, org.id);
  return org;
}
