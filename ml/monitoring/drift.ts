import { driftLevel, psi, referenceBuckets, type BucketSpec, type DriftLevel } from "./psi";

// Drift of a deployed model: the reference is the population it was checked on (its held-out window: each row's
// features and the calibrated score), stored with the model; a later population is compared feature by feature
// and on the score.

type Value = number | string | null;

export interface DriftReference {
  rows: number;
  features: Record<string, BucketSpec>;
  score: BucketSpec;
}

export interface DriftMeasure {
  rows: number;
  score: { psi: number; level: DriftLevel };
  features: { feature: string; psi: number; level: DriftLevel }[];
  /** The features (and "score") whose shift is major. */
  major: string[];
}

export function buildDriftReference(rows: Record<string, Value>[], scores: ArrayLike<number>): DriftReference {
  const names = rows.length ? Object.keys(rows[0]) : [];
  return {
    rows: rows.length,
    features: Object.fromEntries(names.map((n) => [n, referenceBuckets(rows.map((r) => r[n]))])),
    score: referenceBuckets(Array.from(scores)),
  };
}

export function measureDrift(reference: DriftReference, rows: Record<string, Value>[], scores: ArrayLike<number>): DriftMeasure {
  const round = (x: number) => Math.round(x * 10_000) / 10_000;
  const features = Object.entries(reference.features)
    .map(([feature, spec]) => {
      const value = round(psi(spec, rows.map((r) => r[feature] ?? null)));
      return { feature, psi: value, level: driftLevel(value) };
    })
    .sort((a, b) => b.psi - a.psi);
  const scorePsi = round(psi(reference.score, Array.from(scores)));
  const score = { psi: scorePsi, level: driftLevel(scorePsi) };
  const major = [...(score.level === "major" ? ["score"] : []), ...features.filter((f) => f.level === "major").map((f) => f.feature)];
  return { rows: rows.length, score, features, major };
}
