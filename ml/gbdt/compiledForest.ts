// All trees of a JSON model flattened into typed arrays (absolute node indices, categorical left-sets as
// bitsets) for fast traversal. Used by the scorer; imports nothing from the trainer.

import type { ModelJson } from "./modelFormat";

export interface CompiledForest {
  features: number;
  trees: number;
  /** Root node index of each tree. */
  roots: Int32Array;
  /** Split feature, or -1 for a leaf. */
  feature: Int32Array;
  threshold: Float64Array;
  left: Int32Array;
  right: Int32Array;
  defaultLeft: Uint8Array;
  /** Child a missing value goes to (left or right by the learned default). */
  missingNext: Int32Array;
  value: Float64Array;
  cover: Float64Array;
  /** Categorical split: offset of its bitset in `catBits`, else -1. */
  catOffset: Int32Array;
  /** Categorical split: number of category codes the bitset covers. */
  catSize: Int32Array;
  catBits: Uint32Array;
  maxDepth: number;
  /**
   * Fast layout for forests without categorical splits and depth ≤ 10, used for rows without missing values:
   * each tree padded to a complete binary tree of its depth D (a leaf above depth D becomes pass-through
   * splits with threshold +∞ that always go left) and stored heap-style, so the children of split i are 2i+1
   * and 2i+2 and a row takes exactly D steps with no child lookups. splitFeature/splitThreshold hold 2^D − 1
   * entries per tree from splitOffset[t], leafValue 2^D entries from leafOffset[t].
   */
  fast: {
    depth: Int32Array;
    splitOffset: Int32Array;
    leafOffset: Int32Array;
    splitFeature: Int32Array;
    splitThreshold: Float64Array;
    leafValue: Float64Array;
  } | null;
}

export function compileForest(model: ModelJson): CompiledForest {
  const total = model.trees.reduce((s, t) => s + t.feature.length, 0);
  const f: CompiledForest = {
    features: model.features.length,
    trees: model.trees.length,
    roots: new Int32Array(model.trees.length),
    feature: new Int32Array(total),
    threshold: new Float64Array(total),
    left: new Int32Array(total),
    right: new Int32Array(total),
    defaultLeft: new Uint8Array(total),
    missingNext: new Int32Array(total).fill(-1),
    value: new Float64Array(total),
    cover: new Float64Array(total),
    catOffset: new Int32Array(total).fill(-1),
    catSize: new Int32Array(total),
    catBits: new Uint32Array(0),
    maxDepth: 0,
    fast: null,
  };
  const bits: number[] = [];
  let base = 0;
  model.trees.forEach((t, ti) => {
    f.roots[ti] = base;
    for (let i = 0; i < t.feature.length; i++) {
      const k = base + i;
      const feat = t.feature[i];
      f.feature[k] = feat;
      f.threshold[k] = t.threshold[i];
      f.left[k] = feat >= 0 ? base + t.left[i] : -1;
      f.right[k] = feat >= 0 ? base + t.right[i] : -1;
      f.defaultLeft[k] = t.defaultLeft[i];
      f.missingNext[k] = feat < 0 ? -1 : t.defaultLeft[i] ? f.left[k] : f.right[k];
      f.value[k] = t.value[i];
      f.cover[k] = t.cover[i];
      if (feat >= 0 && model.features[feat].type === "categorical") {
        const size = model.features[feat].categories?.length ?? 0;
        const words = Math.max(1, Math.ceil(size / 32));
        f.catOffset[k] = bits.length;
        f.catSize[k] = size;
        const start = bits.length;
        for (let w = 0; w < words; w++) bits.push(0);
        for (const c of t.leftCategories[i]) bits[start + (c >>> 5)] |= 1 << (c & 31);
      }
    }
    base += t.feature.length;
  });
  f.catBits = Uint32Array.from(bits.map((b) => b >>> 0));
  f.maxDepth = model.trees.reduce((m, _, ti) => Math.max(m, depthOf(f, f.roots[ti])), 0);
  if (f.catBits.length === 0) f.fast = fastLayout(f);
  return f;
}

function depthOf(f: CompiledForest, node: number): number {
  return f.feature[node] < 0 ? 0 : 1 + Math.max(depthOf(f, f.left[node]), depthOf(f, f.right[node]));
}

/** True if value `v` goes to the left child of split node `node` (NaN and unknown categories → default). */
export function goesLeft(f: CompiledForest, node: number, v: number): boolean {
  if (v !== v) return f.defaultLeft[node] === 1;
  const off = f.catOffset[node];
  if (off < 0) return v <= f.threshold[node];
  if (!(v >= 0 && v < f.catSize[node] && v === Math.floor(v))) return f.defaultLeft[node] === 1;
  return ((f.catBits[off + (v >>> 5)] >>> (v & 31)) & 1) === 1;
}

/** The leaf a row (values at x[offset + feature]) reaches in the tree rooted at `root`. */
export function leafOf(f: CompiledForest, root: number, x: ArrayLike<number>, offset: number): number {
  const feature = f.feature;
  let node = root;
  let feat: number;
  while ((feat = feature[node]) >= 0) {
    const v = x[offset + feat];
    if (v !== v) node = f.missingNext[node];
    else if (f.catOffset[node] < 0) node = v <= f.threshold[node] ? f.left[node] : f.right[node];
    else node = goesLeft(f, node, v) ? f.left[node] : f.right[node];
  }
  return node;
}

const MAX_FAST_DEPTH = 10;

function fastLayout(f: CompiledForest): NonNullable<CompiledForest["fast"]> | null {
  const depth = new Int32Array(f.trees);
  const splitOffset = new Int32Array(f.trees);
  const leafOffset = new Int32Array(f.trees);
  let splits = 0;
  let leaves = 0;
  for (let t = 0; t < f.trees; t++) {
    depth[t] = depthOf(f, f.roots[t]);
    if (depth[t] > MAX_FAST_DEPTH) return null;
    splitOffset[t] = splits;
    leafOffset[t] = leaves;
    splits += 2 ** depth[t] - 1;
    leaves += 2 ** depth[t];
  }
  const splitFeature = new Int32Array(splits);
  const splitThreshold = new Float64Array(splits).fill(Infinity);
  const leafValue = new Float64Array(leaves);
  for (let t = 0; t < f.trees; t++) {
    const D = depth[t];
    const fill = (node: number, heap: number, d: number) => {
      if (d === D) {
        leafValue[leafOffset[t] + heap - (2 ** D - 1)] = f.value[node];
        return;
      }
      if (f.feature[node] < 0) {
        // Pass-through: threshold stays +∞ so every row goes left; the right subtree is never reached.
        fill(node, 2 * heap + 1, d + 1);
        return;
      }
      splitFeature[splitOffset[t] + heap] = f.feature[node];
      splitThreshold[splitOffset[t] + heap] = f.threshold[node];
      fill(f.left[node], 2 * heap + 1, d + 1);
      fill(f.right[node], 2 * heap + 2, d + 1);
    };
    fill(f.roots[t], 0, 0);
  }
  return { depth, splitOffset, leafOffset, splitFeature, splitThreshold, leafValue };
}

const BLOCK_ROWS = 64;

/**
 * Adds the leaf values of all trees for the rows of the row-major matrix `x` (stride f.features) into `out`.
 * Rows are processed in blocks (all trees for one block of rows) to keep the block's values in cache. Rows
 * without missing values in a forest without categorical splits take the branch-light fast layout.
 */
export function sumLeaves(f: CompiledForest, x: Float64Array, rows: number, out: Float64Array): void {
  const nf = f.features;
  const fast = f.fast;
  for (let b0 = 0; b0 < rows; b0 += BLOCK_ROWS) {
    const b1 = Math.min(rows, b0 + BLOCK_ROWS);
    let complete = fast !== null;
    for (let j = b0 * nf, e = b1 * nf; complete && j < e; j++) if (x[j] !== x[j]) complete = false;
    if (complete) {
      sumFastBlock(fast!, f.trees, x, nf, b0, b1, out);
      continue;
    }
    for (let t = 0; t < f.trees; t++) {
      const root = f.roots[t];
      for (let r = b0; r < b1; r++) out[r] += f.value[leafOf(f, root, x, r * nf)];
    }
  }
}

/**
 * Complete-tree traversal of rows b0..b1, eight rows at a time so their dependent loads overlap. `(a > b) | 0`
 * (instead of `a > b ? 2 : 1`) lets V8 emit a branch-free compare: random split outcomes mispredict badly.
 */
function sumFastBlock(fast: NonNullable<CompiledForest["fast"]>, trees: number, x: Float64Array, nf: number, b0: number, b1: number, out: Float64Array): void {
  const { depth, splitOffset, leafOffset, splitFeature: sf, splitThreshold: st, leafValue } = fast;
  for (let t = 0; t < trees; t++) {
    const D = depth[t];
    const so = splitOffset[t];
    const lo = leafOffset[t] - (2 ** D - 1);
    let r = b0;
    for (; r + 7 < b1; r += 8) {
      const o0 = r * nf;
      const o1 = o0 + nf;
      const o2 = o1 + nf;
      const o3 = o2 + nf;
      const o4 = o3 + nf;
      const o5 = o4 + nf;
      const o6 = o5 + nf;
      const o7 = o6 + nf;
      let i0 = 0, i1 = 0, i2 = 0, i3 = 0, i4 = 0, i5 = 0, i6 = 0, i7 = 0;
      for (let d = 0; d < D; d++) {
        i0 = 2 * i0 + 1 + (((x[o0 + sf[so + i0]] > st[so + i0]) as unknown as number) | 0);
        i1 = 2 * i1 + 1 + (((x[o1 + sf[so + i1]] > st[so + i1]) as unknown as number) | 0);
        i2 = 2 * i2 + 1 + (((x[o2 + sf[so + i2]] > st[so + i2]) as unknown as number) | 0);
        i3 = 2 * i3 + 1 + (((x[o3 + sf[so + i3]] > st[so + i3]) as unknown as number) | 0);
        i4 = 2 * i4 + 1 + (((x[o4 + sf[so + i4]] > st[so + i4]) as unknown as number) | 0);
        i5 = 2 * i5 + 1 + (((x[o5 + sf[so + i5]] > st[so + i5]) as unknown as number) | 0);
        i6 = 2 * i6 + 1 + (((x[o6 + sf[so + i6]] > st[so + i6]) as unknown as number) | 0);
        i7 = 2 * i7 + 1 + (((x[o7 + sf[so + i7]] > st[so + i7]) as unknown as number) | 0);
      }
      out[r] += leafValue[lo + i0];
      out[r + 1] += leafValue[lo + i1];
      out[r + 2] += leafValue[lo + i2];
      out[r + 3] += leafValue[lo + i3];
      out[r + 4] += leafValue[lo + i4];
      out[r + 5] += leafValue[lo + i5];
      out[r + 6] += leafValue[lo + i6];
      out[r + 7] += leafValue[lo + i7];
    }
    for (; r < b1; r++) {
      const o = r * nf;
      let i = 0;
      for (let d = 0; d < D; d++) i = 2 * i + 1 + (((x[o + sf[so + i]] > st[so + i]) as unknown as number) | 0);
      out[r] += leafValue[lo + i];
    }
  }
}
