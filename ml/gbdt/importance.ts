// Gain-based feature importance: the total split gain each feature contributed across all trees of a model,
// with its share of the total.

import type { ModelJson } from "./modelFormat";

export interface FeatureImportance {
  feature: string;
  gain: number;
  share: number;
  splits: number;
}

/** Features by descending total gain (features never split on are included with gain 0). */
export function gainImportance(model: ModelJson): FeatureImportance[] {
  const gain = new Float64Array(model.features.length);
  const splits = new Uint32Array(model.features.length);
  for (const tree of model.trees) {
    tree.feature.forEach((f, node) => {
      if (f < 0) return;
      gain[f] += tree.gain[node];
      splits[f]++;
    });
  }
  const total = gain.reduce((a, b) => a + b, 0);
  return model.features
    .map((f, i) => ({ feature: f.name, gain: gain[i], share: total ? gain[i] / total : 0, splits: splits[i] }))
    .sort((a, b) => b.gain - a.gain || a.feature.localeCompare(b.feature));
}
