// Grows one regression tree on gradients/hessians, leaf-wise (best-first): the open leaf with the largest split
// gain is split next, until maxLeaves leaves or no leaf can be split (maxDepth, minChildWeight, minSplitGain).
// With the default maxLeaves = 2^maxDepth this builds the same tree as depth-wise growth. Each node owns a
// contiguous range of a row-index array that is stably partitioned on every split; only the smaller child's
// histogram is built, the larger one's is the parent's minus it.

import type { BinnedData } from "./binning";
import type { HistogramBuilder } from "./parallelHistogram";
import { findBestSplit, type Split, type SplitSettings } from "./splitFinder";

export interface GrowSettings extends SplitSettings {
  maxDepth: number;
  maxLeaves: number;
  learningRate: number;
}

/** A grown tree in bin space. Node arrays are indexed by node id; node 0 is the root. */
export interface GrownTree {
  feature: number[];
  /** Numeric split: last bin going left; categorical: -1. */
  thresholdBin: number[];
  /** Categorical split: bins going left. */
  leftBins: (number[] | null)[];
  /** Per split node: goLeft lookup by bin (incl. the missing bin). */
  goLeft: (Uint8Array | null)[];
  defaultLeft: boolean[];
  left: number[];
  right: number[];
  /** Leaf output including the learning rate (0 for split nodes). */
  value: number[];
  /** Hessian sum of the node's training rows. */
  cover: number[];
  gain: number[];
  /** Leaves: the node's rows are rows[start..end). */
  start: number[];
  end: number[];
  rows: Uint32Array;
}

export interface GrowContext {
  binned: BinnedData;
  /** Builds the histograms and partitions the rows (on its own buffers: see parallelHistogram.ts). */
  builder: HistogramBuilder;
}

/**
 * Grows a tree over `rows` (the in-sample rows; partitioned in place). `gh` holds interleaved gradients and
 * hessians; both `gh` and `rows` must be (views of) ctx.builder's buffers.
 */
export function growTree(ctx: GrowContext, gh: Float64Array, rows: Uint32Array, featureMask: Uint8Array, s: GrowSettings): GrownTree {
  const { binned, builder } = ctx;
  const pool = builder.pool;
  const t: GrownTree = {
    feature: [], thresholdBin: [], leftBins: [], goLeft: [], defaultLeft: [], left: [], right: [],
    value: [], cover: [], gain: [], start: [], end: [], rows,
  };
  const depth: number[] = [];
  const sumG: number[] = [];
  const candidates = new Map<number, { split: Split; hist: Float64Array }>();

  const addNode = (start: number, end: number, d: number, g: number, h: number): number => {
    const id = t.feature.length;
    t.feature.push(-1);
    t.thresholdBin.push(-1);
    t.leftBins.push(null);
    t.goLeft.push(null);
    t.defaultLeft.push(false);
    t.left.push(-1);
    t.right.push(-1);
    t.value.push(0);
    t.cover.push(h);
    t.gain.push(0);
    t.start.push(start);
    t.end.push(end);
    depth.push(d);
    sumG.push(g);
    return id;
  };
  const canSplit = (id: number) => depth[id] < s.maxDepth && t.end[id] - t.start[id] >= 2;
  const evaluate = (id: number, hist: Float64Array) => {
    const split = findBestSplit(hist, binned.binnings, featureMask, sumG[id], t.cover[id], s);
    if (split) candidates.set(id, { split, hist });
    else pool.give(hist);
  };

  let g0 = 0;
  let h0 = 0;
  for (let i = 0; i < rows.length; i++) {
    g0 += gh[2 * rows[i]];
    h0 += gh[2 * rows[i] + 1];
  }
  const root = addNode(0, rows.length, 0, g0, h0);
  if (canSplit(root) && s.maxLeaves > 1) {
    const hist = pool.take();
    builder.build(0, rows.length, hist);
    evaluate(root, hist);
  }

  let leaves = 1;
  while (leaves < s.maxLeaves && candidates.size > 0) {
    let best = -1;
    let bestGain = -Infinity;
    for (const [id, c] of candidates) {
      if (c.split.gain > bestGain) {
        bestGain = c.split.gain;
        best = id;
      }
    }
    const { split, hist } = candidates.get(best)!;
    candidates.delete(best);
    const start = t.start[best];
    const end = t.end[best];
    const mid = builder.partition(split.feature, split.goLeft, start, end);
    const d = depth[best] + 1;
    const l = addNode(start, mid, d, split.leftG, split.leftH);
    const r = addNode(mid, end, d, split.rightG, split.rightH);
    t.feature[best] = split.feature;
    t.thresholdBin[best] = split.thresholdBin;
    t.leftBins[best] = split.leftBins;
    t.goLeft[best] = split.goLeft;
    t.defaultLeft[best] = split.defaultLeft;
    t.left[best] = l;
    t.right[best] = r;
    t.gain[best] = split.gain;
    leaves++;

    const splitL = canSplit(l);
    const splitR = canSplit(r);
    if (!splitL && !splitR) {
      pool.give(hist);
      continue;
    }
    const [small, large] = mid - start <= end - mid ? [l, r] : [r, l];
    const smallHist = pool.take();
    builder.build(t.start[small], t.end[small], smallHist);
    builder.subtract(hist, smallHist);
    if (canSplit(small)) evaluate(small, smallHist);
    else pool.give(smallHist);
    if (canSplit(large)) evaluate(large, hist);
    else pool.give(hist);
  }
  for (const c of candidates.values()) pool.give(c.hist);

  for (let id = 0; id < t.feature.length; id++) {
    if (t.feature[id] < 0) t.value[id] = (-s.learningRate * sumG[id]) / (t.cover[id] + s.lambda);
  }
  return t;
}

/** Leaf reached by a binned row. */
export function leafOfBinnedRow(tree: GrownTree, bins: Uint8Array, offset: number): number {
  let node = 0;
  while (tree.feature[node] >= 0) {
    node = tree.goLeft[node]![bins[offset + tree.feature[node]]] ? tree.left[node] : tree.right[node];
  }
  return node;
}
