// Best split of one node from its histogram. Gain is XGBoost's: ½[G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ)].
//
// Numeric features: every bin boundary t ("bin ≤ t goes left"), each tried with the missing bin sent left and
// sent right; the better one becomes the node's learned default direction. If the node saw no missing values,
// missing values default to the side with the larger hessian.
// Categorical features (LightGBM style): the categories present in the node are sorted by G/(H+λ) and every prefix
// of that order is tried as the left set, again with missing left or right. Categories absent from the node (and
// categories unseen in training) go right; missing values follow the default direction.

import { MISSING_BIN, type FeatureBinning } from "./binning";

export interface SplitSettings {
  lambda: number;
  minChildWeight: number;
  minSplitGain: number;
}

export interface Split {
  feature: number;
  gain: number;
  /** Numeric: last bin going left. Categorical: -1. */
  thresholdBin: number;
  /** Categorical: bins going left. */
  leftBins: number[] | null;
  defaultLeft: boolean;
  /** goLeft[bin] = 1 if a row in that bin (incl. MISSING_BIN) goes left. */
  goLeft: Uint8Array;
  leftG: number;
  leftH: number;
  rightG: number;
  rightH: number;
}

const MIN_HESSIAN = 1e-12;

/** The best candidate so far (mutable; plain fields rather than closure variables keep the scans fast). */
interface Best {
  gain: number;
  feature: number;
  threshold: number;
  missingLeft: boolean;
  leftG: number;
  leftH: number;
  cats: number[] | null;
}

/** The node's totals and the settings every candidate is scored with. */
interface SplitNode {
  sumG: number;
  sumH: number;
  lambda: number;
  minH: number;
  parentScore: number;
}

/** Scores the left side (gl, hl) of a candidate and keeps it if it beats the best (the exact gain test). */
function consider(best: Best, node: SplitNode, gl: number, hl: number, f: number, t: number, missingLeft: boolean, cats: number[] | null, prefix: number): void {
  const gr = node.sumG - gl;
  const hr = node.sumH - hl;
  if (hl < node.minH || hr < node.minH) return;
  const gain = 0.5 * ((gl * gl) / (hl + node.lambda) + (gr * gr) / (hr + node.lambda) - node.parentScore);
  if (gain > best.gain) {
    best.gain = gain;
    best.feature = f;
    best.threshold = t;
    best.missingLeft = missingLeft;
    best.leftG = gl;
    best.leftH = hl;
    best.cats = cats ? cats.slice(0, prefix) : null;
  }
}

/**
 * Numeric feature f (histogram at offset o, nb value bins): every threshold, missing values right and — if the
 * node has any — left. This runs for every bin of every feature of every node, so the missing-right test is
 * inlined and division-free: with a = hl + λ and b = hr + λ the candidate can only beat the best when
 * gl²·b + gr²·a > (2·bestGain + parentScore)·a·b; the exact gain then decides.
 */
function scanNumeric(hist: Float64Array, o: number, nb: number, f: number, node: SplitNode, best: Best): void {
  const { sumG, sumH, lambda, minH, parentScore } = node;
  const mg = hist[o + 2 * MISSING_BIN];
  const mh = hist[o + 2 * MISSING_BIN + 1];
  const hasMissing = mh >= MIN_HESSIAN;
  let gl = 0;
  let hl = 0;
  let threshold = 2 * best.gain + parentScore;
  for (let t = 0; t < nb; t++) {
    const hb = hist[o + 2 * t + 1];
    // An empty bin repeats the previous candidate (the last bin must still be tried: present vs missing).
    if (hb === 0 && t < nb - 1) continue;
    gl += hist[o + 2 * t];
    hl += hb;
    const hr = sumH - hl;
    if (hl >= minH && hr >= minH) {
      const gr = sumG - gl;
      const a = hl + lambda;
      const b = hr + lambda;
      if (gl * gl * b + gr * gr * a > threshold * a * b) {
        const gain = 0.5 * ((gl * gl) / a + (gr * gr) / b - parentScore);
        if (gain > best.gain) {
          best.gain = gain;
          best.feature = f;
          best.threshold = t;
          best.missingLeft = false;
          best.leftG = gl;
          best.leftH = hl;
          best.cats = null;
          threshold = 2 * gain + parentScore;
        }
      }
    }
    if (hasMissing && t < nb - 1) consider(best, node, gl + mg, hl + mh, f, t, true, null, 0);
  }
}

/** Categorical feature f: prefixes of the present categories sorted by G/(H+λ), missing right and left. */
function scanCategorical(hist: Float64Array, o: number, nb: number, f: number, node: SplitNode, best: Best): void {
  const mg = hist[o + 2 * MISSING_BIN];
  const mh = hist[o + 2 * MISSING_BIN + 1];
  const hasMissing = mh >= MIN_HESSIAN;
  const present: number[] = [];
  for (let b = 0; b < nb; b++) if (hist[o + 2 * b + 1] >= MIN_HESSIAN) present.push(b);
  const ratio = (b: number) => hist[o + 2 * b] / (hist[o + 2 * b + 1] + node.lambda);
  present.sort((a, b) => ratio(a) - ratio(b) || a - b);
  let gl = 0;
  let hl = 0;
  for (let i = 0; i < present.length; i++) {
    gl += hist[o + 2 * present[i]];
    hl += hist[o + 2 * present[i] + 1];
    consider(best, node, gl, hl, f, -1, false, present, i + 1);
    if (hasMissing && i < present.length - 1) consider(best, node, gl + mg, hl + mh, f, -1, true, present, i + 1);
  }
}

/** Returns the best split with gain > minSplitGain, or null. `featureMask[f] = 0` excludes feature f. */
export function findBestSplit(
  hist: Float64Array,
  binnings: FeatureBinning[],
  featureMask: Uint8Array,
  sumG: number,
  sumH: number,
  s: SplitSettings,
): Split | null {
  const node: SplitNode = {
    sumG,
    sumH,
    lambda: s.lambda,
    minH: Math.max(s.minChildWeight, MIN_HESSIAN),
    parentScore: (sumG * sumG) / (sumH + s.lambda),
  };
  const best: Best = { gain: s.minSplitGain, feature: -1, threshold: -1, missingLeft: false, leftG: 0, leftH: 0, cats: null };
  for (let f = 0; f < binnings.length; f++) {
    if (!featureMask[f]) continue;
    if (binnings[f].type === "numeric") scanNumeric(hist, f << 9, binnings[f].numBins, f, node, best);
    else scanCategorical(hist, f << 9, binnings[f].numBins, f, node, best);
  }
  const { gain: bestGain, feature: bestFeature, threshold: bestThreshold, missingLeft: bestMissingLeft, leftG: bestLeftG, leftH: bestLeftH, cats: bestCats } = best;
  if (bestFeature < 0) return null;

  const o = bestFeature << 9;
  const nodeHasMissing = hist[o + 2 * MISSING_BIN + 1] >= MIN_HESSIAN;
  const leftH = bestLeftH;
  const rightH = sumH - bestLeftH;
  const defaultLeft = nodeHasMissing ? bestMissingLeft : leftH >= rightH;
  const goLeft = new Uint8Array(MISSING_BIN + 1);
  const cats = bestCats as number[] | null;
  if (cats) for (const b of cats) goLeft[b] = 1;
  else for (let b = 0; b <= bestThreshold; b++) goLeft[b] = 1;
  goLeft[MISSING_BIN] = defaultLeft ? 1 : 0;
  return {
    feature: bestFeature,
    gain: bestGain,
    thresholdBin: cats ? -1 : bestThreshold,
    leftBins: cats ? [...cats].sort((a, b) => a - b) : null,
    defaultLeft,
    goLeft,
    leftG: bestLeftG,
    leftH,
    rightG: sumG - bestLeftG,
    rightH,
  };
}
