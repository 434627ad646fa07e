// Seeded train/validation split of row indices.

import { mulberry32, shuffleInPlace } from "../random/mulberry32";

/** Shuffles 0..rows-1 with `seed` and returns the first (1 − fraction) as train, the rest as validation (both sorted). */
export function holdoutSplit(rows: number, fraction: number, seed: number): { train: Uint32Array; validation: Uint32Array } {
  const order = shuffleInPlace(Uint32Array.from({ length: rows }, (_, i) => i), mulberry32(seed ^ 0x5eed));
  const nValid = Math.min(rows - 1, Math.max(1, Math.round(rows * fraction)));
  return { train: order.slice(nValid).sort(), validation: order.slice(0, nValid).sort() };
}
