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

/** Returns the best split with gain > minSplitGain, or null. `featureMask[f] = 0` excludes feature f. */
export function findBestSplit(
  hist: Float64Array,
  binnings: FeatureBinning[],
  featureMask: Uint8Array,
  sumG: number,
  sumH: number,
  s: SplitSettings,
): Split | null {
  const lambda = s.lambda;
  const minH = Math.max(s.minChildWeight, MIN_HESSIAN);
  const parentScore = (sumG * sumG) / (sumH + lambda);
  let bestGain = s.minSplitGain;
  let bestFeature = -1;
  let bestThreshold = -1;
  let bestMissingLeft = false;
  let bestLeftG = 0;
  let bestLeftH = 0;
  let bestCats: number[] | null = null;

  const consider = (gl: number, hl: number, f: number, t: number, missingLeft: boolean, cats: number[] | null, prefix: number) => {
    const gr = sumG - gl;
    const hr = sumH - hl;
    if (hl < minH || hr < minH) return;
    const gain = 0.5 * ((gl * gl) / (hl + lambda) + (gr * gr) / (hr + lambda) - parentScore);
    if (gain > bestGain) {
      bestGain = gain;
      bestFeature = f;
      bestThreshold = t;
      bestMissingLeft = missingLeft;
      bestLeftG = gl;
      bestLeftH = hl;
      bestCats = cats ? cats.slice(0, prefix) : null;
    }
  };

  for (let f = 0; f < binnings.length; f++) {
    if (!featureMask[f]) continue;
    const o = f << 9;
    const nb = binnings[f].numBins;
    const mg = hist[o + 2 * MISSING_BIN];
    const mh = hist[o + 2 * MISSING_BIN + 1];
    const hasMissing = mh >= MIN_HESSIAN;
    if (binnings[f].type === "numeric") {
      // Inlined, division-free scan (this runs for every bin of every feature of every node): with
      // a = hl + λ and b = hr + λ, the candidate beats the best when gl²·b + gr²·a > (2·bestGain + parentScore)·a·b.
      let gl = 0;
      let hl = 0;
      let threshold = 2 * bestGain + parentScore;
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
            if (gain > bestGain) {
              bestGain = gain;
              bestFeature = f;
              bestThreshold = t;
              bestMissingLeft = false;
              bestLeftG = gl;
              bestLeftH = hl;
              bestCats = null;
              threshold = 2 * bestGain + parentScore;
            }
          }
        }
        if (hasMissing && t < nb - 1) consider(gl + mg, hl + mh, f, t, true, null, 0);
      }
    } else {
      const present: number[] = [];
      for (let b = 0; b < nb; b++) if (hist[o + 2 * b + 1] >= MIN_HESSIAN) present.push(b);
      const ratio = (b: number) => hist[o + 2 * b] / (hist[o + 2 * b + 1] + lambda);
      present.sort((a, b) => ratio(a) - ratio(b) || a - b);
      let gl = 0;
      let hl = 0;
      for (let i = 0; i < present.length; i++) {
        gl += hist[o + 2 * present[i]];
        hl += hist[o + 2 * present[i] + 1];
        consider(gl, hl, f, -1, false, present, i + 1);
        if (hasMissing && i < present.length - 1) consider(gl + mg, hl + mh, f, -1, true, present, i + 1);
      }
    }
  }
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
