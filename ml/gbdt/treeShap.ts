// Exact TreeSHAP (Lundberg, Erion & Lee 2018, Algorithm 2): per-feature Shapley contributions of one row for a
// tree ensemble in polynomial time, using each node's cover (training hessian sum) as the conditional
// expectation weights. The contributions plus the expected value (cover-weighted mean output) sum to the margin.

import { goesLeft, type CompiledForest } from "./compiledForest";

/** The path state of the recursion: parallel arrays (feature, zero fraction, one fraction, permutation weight). */
interface Path {
  feature: Int32Array;
  zero: Float64Array;
  one: Float64Array;
  weight: Float64Array;
}

function newPath(maxDepth: number): Path {
  const size = ((maxDepth + 2) * (maxDepth + 3)) / 2 + 1;
  return { feature: new Int32Array(size), zero: new Float64Array(size), one: new Float64Array(size), weight: new Float64Array(size) };
}

function extend(p: Path, o: number, depth: number, zero: number, one: number, feature: number): void {
  p.feature[o + depth] = feature;
  p.zero[o + depth] = zero;
  p.one[o + depth] = one;
  p.weight[o + depth] = depth === 0 ? 1 : 0;
  for (let i = depth - 1; i >= 0; i--) {
    p.weight[o + i + 1] += (one * p.weight[o + i] * (i + 1)) / (depth + 1);
    p.weight[o + i] = (zero * p.weight[o + i] * (depth - i)) / (depth + 1);
  }
}

function unwind(p: Path, o: number, depth: number, index: number): void {
  const one = p.one[o + index];
  const zero = p.zero[o + index];
  let next = p.weight[o + depth];
  for (let i = depth - 1; i >= 0; i--) {
    if (one !== 0) {
      const tmp = p.weight[o + i];
      p.weight[o + i] = (next * (depth + 1)) / ((i + 1) * one);
      next = tmp - (p.weight[o + i] * zero * (depth - i)) / (depth + 1);
    } else {
      p.weight[o + i] = (p.weight[o + i] * (depth + 1)) / (zero * (depth - i));
    }
  }
  for (let i = index; i < depth; i++) {
    p.feature[o + i] = p.feature[o + i + 1];
    p.zero[o + i] = p.zero[o + i + 1];
    p.one[o + i] = p.one[o + i + 1];
  }
}

function unwoundSum(p: Path, o: number, depth: number, index: number): number {
  const one = p.one[o + index];
  const zero = p.zero[o + index];
  let next = p.weight[o + depth];
  let total = 0;
  for (let i = depth - 1; i >= 0; i--) {
    if (one !== 0) {
      const tmp = (next * (depth + 1)) / ((i + 1) * one);
      total += tmp;
      next = p.weight[o + i] - (tmp * zero * (depth - i)) / (depth + 1);
    } else if (zero !== 0) {
      total += p.weight[o + i] / zero / ((depth - i) / (depth + 1));
    }
  }
  return total;
}

function recurse(
  f: CompiledForest, x: ArrayLike<number>, phi: Float64Array, p: Path, node: number,
  parentOffset: number, depth: number, zero: number, one: number, feature: number,
): void {
  // Copy the parent's path into this call's own slice, then extend it.
  const o = parentOffset + depth + 1;
  for (let i = 0; i <= depth; i++) {
    p.feature[o + i] = p.feature[parentOffset + i];
    p.zero[o + i] = p.zero[parentOffset + i];
    p.one[o + i] = p.one[parentOffset + i];
    p.weight[o + i] = p.weight[parentOffset + i];
  }
  extend(p, o, depth, zero, one, feature);
  const split = f.feature[node];
  if (split < 0) {
    for (let i = 1; i <= depth; i++) {
      const w = unwoundSum(p, o, depth, i);
      phi[p.feature[o + i]] += w * (p.one[o + i] - p.zero[o + i]) * f.value[node];
    }
    return;
  }
  const left = goesLeft(f, node, x[split]);
  const hot = left ? f.left[node] : f.right[node];
  const cold = left ? f.right[node] : f.left[node];
  const cover = f.cover[node];
  const hotZero = f.cover[hot] / cover;
  const coldZero = f.cover[cold] / cover;
  let incomingZero = 1;
  let incomingOne = 1;
  let index = 0;
  for (; index <= depth; index++) if (p.feature[o + index] === split) break;
  let d = depth;
  if (index !== depth + 1) {
    incomingZero = p.zero[o + index];
    incomingOne = p.one[o + index];
    unwind(p, o, d, index);
    d -= 1;
  }
  recurse(f, x, phi, p, hot, o, d + 1, hotZero * incomingZero, incomingOne, split);
  recurse(f, x, phi, p, cold, o, d + 1, coldZero * incomingZero, 0, split);
}

/** Cover-weighted mean leaf value of the tree rooted at `node`. */
export function expectedValue(f: CompiledForest, node: number): number {
  if (f.feature[node] < 0) return f.value[node];
  const l = f.left[node];
  const r = f.right[node];
  return (f.cover[l] * expectedValue(f, l) + f.cover[r] * expectedValue(f, r)) / f.cover[node];
}

/** Adds the TreeSHAP contributions of every tree for row `x` (length ≥ features) into `phi`. */
export function treeShap(f: CompiledForest, x: ArrayLike<number>, phi: Float64Array): void {
  // Each recursion level uses a slice one longer than its parent's; depth+2 levels deep at most.
  const p = newPath(f.maxDepth + 2);
  for (let t = 0; t < f.trees; t++) {
    const root = f.roots[t];
    if (f.cover[root] <= 0) continue;
    recurse(f, x, phi, p, root, 0, 0, 1, 1, -1);
  }
}
