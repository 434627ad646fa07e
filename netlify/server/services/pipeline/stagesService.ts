import type { PipelineStage, StageKind } from "../../../../src/domain/pipeline";
import type { Tx } from "../../db/transactions";
import { conflict, validationFailed } from "../../http/errors";
import { listStages } from "./pipelineBoard";

export interface StageInput {
  id?: string;
  name: string;
  kind: StageKind;
  probability: number;
}

/**
 * Replaces the org's stages with `stages`, in that order: ids keep (and rename) existing stages, new ones are
 * added, stages left out are deleted — 409 when one of those still holds deals. Positions are unique per org
 * but checked at commit (the constraint is deferred), so the whole reorder lands at once.
 */
export async function replaceStages(tx: Tx, orgId: string, stages: StageInput[]): Promise<PipelineStage[]> {
  const existing = await listStages(tx, orgId);
  const known = new Set(existing.map((s) => s.id));
  stages.forEach((s, i) => {
    if (s.id && !known.has(s.id)) throw validationFailed({ [`stages.${i}.id`]: "is not a stage of this pipeline" });
  });
  const kept = new Set(stages.map((s) => s.id).filter(Boolean));
  const removed = existing.filter((s) => !kept.has(s.id));
  if (removed.length) {
    const busy = await tx
      .selectFrom("opportunities")
      .select(["stageId", (eb) => eb.fn.countAll<string>().as("n")])
      .where("orgId", "=", orgId)
      .where("stageId", "in", removed.map((s) => s.id))
      .groupBy("stageId")
      .execute();
    if (busy.length) {
      const names = busy.map((b) => `${removed.find((s) => s.id === b.stageId)!.name} (${b.n})`).join(", ");
      throw conflict("stage_not_empty", `Move the deals out of ${names} before removing it`, { stages: `still hold deals: ${names}` });
    }
    await tx.deleteFrom("pipelineStages").where("orgId", "=", orgId).where("id", "in", removed.map((s) => s.id)).execute();
  }
  for (const [position, s] of stages.entries()) {
    if (s.id) {
      await tx.updateTable("pipelineStages").set({ name: s.name, kind: s.kind, probability: s.probability, position }).where("orgId", "=", orgId).where("id", "=", s.id).execute();
    } else {
      await tx.insertInto("pipelineStages").values({ orgId, name: s.name, kind: s.kind, probability: s.probability, position }).execute();
    }
  }
  return listStages(tx, orgId);
}
