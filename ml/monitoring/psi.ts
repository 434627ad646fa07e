// Population stability index (PSI): how far a feature's (or the score's) distribution in production has moved
// from the reference population the model was checked on. PSI = Σ (actual − expected) · ln(actual / expected) over
// buckets; by the usual reading, < 0.1 is stable, 0.1–0.25 a moderate shift, > 0.25 a major one.
// Numeric buckets are the reference's deciles (plus one for missing values); categorical buckets are the categories
// seen in the reference (plus "other/missing"). Proportions are smoothed so an empty bucket never divides by zero.

export const PSI_MODERATE = 0.1;
export const PSI_MAJOR = 0.25;
const EPSILON = 1e-4;

export type BucketSpec =
  | { kind: "numeric"; /** Upper edges; a value goes in the first bucket whose edge is ≥ it, else the last. */ edges: number[]; proportions: number[] }
  | { kind: "categorical"; categories: string[]; proportions: number[] };

type Value = number | string | null | undefined;
const isMissing = (v: Value) => v === null || v === undefined || (typeof v === "number" && !Number.isFinite(v));

/** Deciles (distinct upper edges) of the non-missing numeric values. */
function decileEdges(values: number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const edges: number[] = [];
  for (let q = 1; q < 10; q++) {
    const e = sorted[Math.min(sorted.length - 1, Math.floor((q * sorted.length) / 10))];
    if (edges.length === 0 || e > edges[edges.length - 1]) edges.push(e);
  }
  return edges;
}

function bucketOf(spec: BucketSpec, v: Value): number {
  if (spec.kind === "numeric") {
    if (isMissing(v) || typeof v !== "number") return spec.edges.length + 1; // the missing bucket
    const i = spec.edges.findIndex((e) => v <= e);
    return i === -1 ? spec.edges.length : i;
  }
  const i = isMissing(v) ? -1 : spec.categories.indexOf(String(v));
  return i === -1 ? spec.categories.length : i;
}

function proportions(spec: BucketSpec, values: Value[]): number[] {
  const size = spec.kind === "numeric" ? spec.edges.length + 2 : spec.categories.length + 1;
  const counts = new Array<number>(size).fill(0);
  for (const v of values) counts[bucketOf(spec, v)]++;
  const n = values.length || 1;
  return counts.map((c) => c / n);
}

/** The reference buckets of one variable: numeric when every present value is a number, else categorical. */
export function referenceBuckets(values: Value[]): BucketSpec {
  const present = values.filter((v) => !isMissing(v));
  if (present.every((v) => typeof v === "number")) {
    const spec: BucketSpec = { kind: "numeric", edges: decileEdges(present as number[]), proportions: [] };
    return { ...spec, proportions: proportions(spec, values) };
  }
  const counts = new Map<string, number>();
  for (const v of present) counts.set(String(v), (counts.get(String(v)) ?? 0) + 1);
  const categories = [...counts].sort((a, b) => b[1] - a[1]).slice(0, 30).map(([c]) => c);
  const spec: BucketSpec = { kind: "categorical", categories, proportions: [] };
  return { ...spec, proportions: proportions(spec, values) };
}

/** PSI of `values` against the reference buckets. */
export function psi(spec: BucketSpec, values: Value[]): number {
  const actual = proportions(spec, values);
  let total = 0;
  for (let i = 0; i < actual.length; i++) {
    const e = Math.max(spec.proportions[i] ?? 0, EPSILON);
    const a = Math.max(actual[i], EPSILON);
    total += (a - e) * Math.log(a / e);
  }
  return total;
}

export type DriftLevel = "stable" | "moderate" | "major";
export const driftLevel = (value: number): DriftLevel => (value > PSI_MAJOR ? "major" : value >= PSI_MODERATE ? "moderate" : "stable");
