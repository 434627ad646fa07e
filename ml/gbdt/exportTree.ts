// Converts a tree grown in bin space into the JSON model's tree: bin thresholds become value thresholds (the
// bin's inclusive upper edge), categorical bins become model category codes, and each split node's cover is
// made exactly the sum of its children's (TreeSHAP relies on covers adding up).

import type { FeatureBinning } from "./binning";
import type { GrownTree } from "./growTree";
import type { TreeJson } from "./modelFormat";

export function exportTree(tree: GrownTree, binnings: FeatureBinning[]): TreeJson {
  const n = tree.feature.length;
  const cover = tree.cover.slice();
  for (let id = n - 1; id >= 0; id--) {
    if (tree.feature[id] >= 0) cover[id] = cover[tree.left[id]] + cover[tree.right[id]];
  }
  return {
    feature: tree.feature.slice(),
    threshold: tree.feature.map((f, id) => (f >= 0 && tree.thresholdBin[id] >= 0 ? binnings[f].edges![tree.thresholdBin[id]] : 0)),
    leftCategories: tree.leftBins.map((bins) => (bins ? bins.slice() : [])),
    defaultLeft: tree.defaultLeft.map((d, id) => (tree.feature[id] >= 0 && d ? 1 : 0)),
    left: tree.left.slice(),
    right: tree.right.slice(),
    value: tree.value.slice(),
    cover,
    gain: tree.gain.slice(),
  };
}
