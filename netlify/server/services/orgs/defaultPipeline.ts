import type { Tx } from "../../db/transactions";

export const DEFAULT_PIPELINE_STAGES = [
  { name: "New", kind: "open", probability: 10 },
  { name: "Contacted", kind: "open", probability: 20 },
  { name: "Qualified", kind: "open", probability: 40 },
  { name: "Proposal", kind: "open", probability: 60 },
  { name: "Negotiation", kind: "open", probability: 80 },
  { name: "Closed Won", kind: "won", probability: 100 },
  { name: "Closed Lost", kind: "lost", probability: 0 },
] as const;

export async function seedDefaultPipelineStages(tx: Tx, orgId: string) {
  return tx
    .insertInto("pipelineStages")
    .values(DEFAULT_PIPELINE_STAGES.map((s, position) => ({ orgId, position, ...s })))
    .returning(["id", "name", "kind", "position"])
    .execute();
}
