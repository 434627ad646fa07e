// Parsed models, by registry id. A version's JSON never changes once stored, so a model is parsed and compiled
// (ml/gbdt/compiledForest.ts: flat typed arrays) once per process and reused by every scoring call after that.

import type { Kysely } from "kysely";
import { gainImportance, type FeatureImportance } from "../../../../ml/gbdt/importance";
import type { ModelJson } from "../../../../ml/gbdt/modelFormat";
import { loadModel, type Scorer } from "../../../../ml/gbdt/scorer";
import type { Database } from "../../db/schema";

export interface LoadedModel {
  id: string;
  version: number;
  scorer: Scorer;
  /** Gain importance, computed on first use. */
  importance(): FeatureImportance[];
}

const MAX_CACHED = 64;
const cache = new Map<string, LoadedModel>();

function remember(model: LoadedModel): LoadedModel {
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
  cache.set(model.id, model);
  return model;
}

export function parseModel(id: string, version: number, json: unknown): LoadedModel {
  const scorer = loadModel(json as ModelJson);
  let importance: FeatureImportance[] | null = null;
  return { id, version, scorer, importance: () => (importance ??= gainImportance(scorer.model)) };
}

/** The model with this id (cached; the JSON is read from the database only on a miss). Null when not visible. */
export async function modelById(db: Kysely<Database>, id: string, version?: number): Promise<LoadedModel | null> {
  const hit = cache.get(id);
  if (hit) {
    // Recently used: move to the end (least recently used first out).
    cache.delete(id);
    cache.set(id, hit);
    return hit;
  }
  const row = await db.selectFrom("mlModels").select(["version", "model"]).where("id", "=", id).executeTakeFirst();
  if (!row) return null;
  return remember(parseModel(id, version ?? row.version, row.model));
}

/** The org's active lead-conversion model, or null when it has none (not trained yet). One index probe on a hit. */
export async function activeLeadModel(db: Kysely<Database>, orgId: string): Promise<LoadedModel | null> {
  const row = await db.selectFrom("mlModels").select(["id", "version"]).where("orgId", "=", orgId).where("kind", "=", "lead_conversion").where("active", "=", true).executeTakeFirst();
  return row ? modelById(db, row.id, row.version) : null;
}

/** For tests. */
export function clearModelCache(): void {
  cache.clear();
}
