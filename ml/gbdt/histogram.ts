// Gradient/hessian histograms over a node's rows. Layout: for feature f and bin b, hist[((f << 8) + b) * 2] is the
// gradient sum and the next slot the hessian sum (256 slots per feature: 255 value bins + the missing bin). The
// sibling of a freshly built child is obtained by subtraction from the parent instead of a second pass.
// These are the JavaScript loops: the trainer normally runs the same loops in WebAssembly (wasmKernels.ts, about
// 3× faster, bit-for-bit the same sums) and falls back to these where it cannot (see parallelHistogram.ts).

import { BINS_PER_FEATURE } from "./binning";

export const histogramLength = (features: number) => features * BINS_PER_FEATURE * 2;

/**
 * Adds rows[start..end) of the row-major `bins` (stride `features`) into `hist` (which must be zeroed), for
 * features fStart..fEnd-1, with gradients and hessians interleaved in `gh`. The feature loop is unrolled by 4.
 */
export function buildHistogram(
  bins: Uint8Array,
  features: number,
  gh: Float64Array,
  rows: Uint32Array,
  start: number,
  end: number,
  hist: Float64Array,
  fStart: number,
  fEnd: number,
): void {
  const f4 = fStart + ((fEnd - fStart) & ~3);
  for (let i = start; i < end; i++) {
    const r = rows[i];
    const g = gh[2 * r];
    const h = gh[2 * r + 1];
    const base = r * features;
    let f = fStart;
    for (; f < f4; f += 4) {
      const b = base + f;
      const o = f << 9;
      const k0 = o + (bins[b] << 1);
      const k1 = o + 512 + (bins[b + 1] << 1);
      const k2 = o + 1024 + (bins[b + 2] << 1);
      const k3 = o + 1536 + (bins[b + 3] << 1);
      hist[k0] += g;
      hist[k0 + 1] += h;
      hist[k1] += g;
      hist[k1 + 1] += h;
      hist[k2] += g;
      hist[k2 + 1] += h;
      hist[k3] += g;
      hist[k3 + 1] += h;
    }
    for (; f < fEnd; f++) {
      const k = (f << 9) + (bins[base + f] << 1);
      hist[k] += g;
      hist[k + 1] += h;
    }
  }
}

/** parent ← parent − child: turns the parent's histogram into the child's sibling's, in place. */
export function subtractHistogram(parent: Float64Array, child: Float64Array): void {
  for (let i = 0; i < parent.length; i++) parent[i] -= child[i];
}

/**
 * Recycles histogram buffers so a tree's growth allocates only a few. With an `arena` (room for a fixed number
 * of histograms in the WebAssembly memory the kernels work on) buffers are views into it while it has room;
 * beyond that they are ordinary arrays, which the builder handles with the JavaScript loop.
 */
export class HistogramPool {
  private free: Float64Array[] = [];
  private next = 0;
  constructor(
    private readonly length: number,
    private readonly arena: Float64Array | null = null,
  ) {}

  /** A zeroed histogram. */
  take(): Float64Array {
    const h = this.free.pop();
    if (h) {
      h.fill(0);
      return h;
    }
    if (!this.arena || (this.next + 1) * this.length > this.arena.length) return new Float64Array(this.length);
    return this.arena.subarray(this.next * this.length, ++this.next * this.length);
  }

  give(h: Float64Array): void {
    this.free.push(h);
  }
}
