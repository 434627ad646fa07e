// mulberry32: a tiny seeded 32-bit PRNG, plus a Box–Muller normal sampler built on it. Deterministic per seed.

export type Random = () => number;

/** Returns a function yielding uniform floats in [0, 1) determined entirely by `seed`. */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal samples from a uniform source (Box–Muller, one value per call). */
export function normalSampler(random: Random): () => number {
  return () => {
    let u = random();
    while (u <= Number.MIN_VALUE) u = random();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
  };
}

/** Fisher–Yates shuffle of `values` in place. */
export function shuffleInPlace<T extends { length: number; [i: number]: unknown }>(values: T, random: Random): T {
  for (let i = values.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const tmp = values[i];
    values[i] = values[j];
    values[j] = tmp;
  }
  return values;
}
