// Harrell's concordance index for right-censored survival data. A pair (i, j) is comparable when the row with
// the shorter time had the event (time_i < time_j and event_i = 1); it is concordant when that row also has the
// higher risk score. Risk ties count ½; pairs with equal times are not comparable.
// O(n log n): rows are visited by descending time while a Fenwick tree counts the risk ranks of the rows
// already seen (all with strictly longer times).

/** Fenwick tree counting inserted ranks 1..size. */
class RankCounter {
  private readonly tree: Float64Array;
  constructor(size: number) {
    this.tree = new Float64Array(size + 1);
  }
  add(rank: number): void {
    for (let i = rank; i < this.tree.length; i += i & -i) this.tree[i]++;
  }
  /** How many inserted ranks are ≤ rank. */
  countUpTo(rank: number): number {
    let s = 0;
    for (let i = rank; i > 0; i -= i & -i) s += this.tree[i];
    return s;
  }
}

export function concordanceIndex(time: ArrayLike<number>, event: ArrayLike<number>, risk: ArrayLike<number>): number {
  const n = time.length;
  // Dense ranks of the risk scores (1-based, equal scores share a rank).
  const byRisk = Array.from({ length: n }, (_, i) => i).sort((a, b) => risk[a] - risk[b]);
  const rank = new Int32Array(n);
  let distinct = 0;
  byRisk.forEach((row, k) => {
    if (k === 0 || risk[row] !== risk[byRisk[k - 1]]) distinct++;
    rank[row] = distinct;
  });
  const byTimeDesc = Array.from({ length: n }, (_, i) => i).sort((a, b) => time[b] - time[a]);
  const seen = new RankCounter(distinct);
  let inserted = 0;
  let concordant = 0;
  let comparable = 0;
  for (let k = 0; k < n; ) {
    let end = k;
    while (end + 1 < n && time[byTimeDesc[end + 1]] === time[byTimeDesc[k]]) end++;
    // Events in this tie group against every row with a strictly longer time (already inserted).
    for (let m = k; m <= end; m++) {
      const i = byTimeDesc[m];
      if (!event[i] || inserted === 0) continue;
      const lower = seen.countUpTo(rank[i] - 1);
      const equal = seen.countUpTo(rank[i]) - lower;
      comparable += inserted;
      concordant += lower + 0.5 * equal;
    }
    for (let m = k; m <= end; m++) {
      seen.add(rank[byTimeDesc[m]]);
      inserted++;
    }
    k = end + 1;
  }
  return comparable ? concordant / comparable : NaN;
}
