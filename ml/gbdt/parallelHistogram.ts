// The histogram builder the grower uses. It owns the buffers the hot loops read — the bins (row-major for
// histograms, column-major for partitioning), the interleaved gradients/hessians, the row-index array and an
// arena of histograms — laid out in one WebAssembly memory so the wasm kernels (wasmKernels.ts) can address
// them; it also partitions the rows on a split, which works on the same buffers. Where WebAssembly is
// unavailable, or the memory would be too large, it falls back to the JavaScript loops of histogram.ts and
// partition.ts on ordinary arrays (same results).
//
// With threads: 2 the memory is shared and a worker thread instantiates the same kernels over it. The features
// of a large histogram are cut into chunks of 4 that the calling thread and the worker claim from a shared
// counter, so a busy or descheduled worker costs at most one chunk of waiting (on a loaded machine the calling
// thread simply does most chunks itself). Each feature is still summed by one thread in row order, so the
// result is bit-for-bit the single-threaded one.
//
// Protocol (ctrl words): the caller invalidates CLAIM with the new job's tag, resets DONE, writes the job
// (HIST, START, END), then publishes SEQ. Both threads claim chunk c by compare-exchanging CLAIM from
// tag<<16|c to tag<<16|c+1 — a claim only succeeds while that job is current, so a late worker never works
// on stale parameters — build it, and increment DONE. The caller returns when DONE counts every chunk.

import { Worker } from "node:worker_threads";
import type { BinnedData } from "./binning";
import { buildHistogram, HistogramPool, histogramLength, subtractHistogram } from "./histogram";
import { partitionRows } from "./partition";
import { histogramModuleBytes, instantiateHistogramKernels } from "./wasmKernels";

/**
 * Below this many rows a node's histogram is built on the calling thread alone: the wasm kernel does 32,768 rows
 * × 30 features in about half a millisecond, and waking the worker costs a good part of that (at 8,192 the
 * second thread cost more CPU than it saved).
 */
export const PARALLEL_MIN_ROWS = 32_768;
const CHUNK_FEATURES = 4;
/** The WebAssembly memory is kept below this size; histograms beyond the arena's room live on the JS heap. */
const MAX_WASM_BYTES = 2 ** 30;
const PAGE_BYTES = 65536;

const SEQ = 0;
const CLAIM = 1;
const DONE = 2;
const HIST = 3;
const START = 4;
const END = 5;
const STOP = 6;

/**
 * Claims the next chunk of job `tag`, or returns -1 when none is left (or the job is no longer current).
 * Self-contained (index 1 is CLAIM): it is shipped to the worker as source text.
 */
function claimChunk(ctrl: Int32Array, tag: number, chunks: number): number {
  for (;;) {
    const word = Atomics.load(ctrl, 1);
    if (word >>> 16 !== tag) return -1;
    const chunk = word & 0xffff;
    if (chunk >= chunks) return -1;
    if (Atomics.compareExchange(ctrl, 1, word, word + 1) === word) return chunk;
  }
}

const workerSource = (claim: string) => `
const { workerData } = require("node:worker_threads");
const claimChunk = (${claim});
const { ctrlBuffer, memory, moduleBytes, bins, gh, rows, features, chunkFeatures } = workerData;
const kernels = new WebAssembly.Instance(new WebAssembly.Module(moduleBytes), { env: { memory } }).exports;
const ctrl = new Int32Array(ctrlBuffer);
const chunks = Math.ceil(features / chunkFeatures);
let last = 0;
for (;;) {
  Atomics.wait(ctrl, ${SEQ}, last);
  const seq = Atomics.load(ctrl, ${SEQ});
  if (Atomics.load(ctrl, ${STOP})) break;
  last = seq;
  const tag = seq & 0x7fff;
  const hist = ctrl[${HIST}];
  const start = ctrl[${START}];
  const end = ctrl[${END}];
  for (let c; (c = claimChunk(ctrl, tag, chunks)) >= 0; ) {
    kernels.build(bins, features, gh, rows, start, end, hist, c * chunkFeatures, Math.min(features, (c + 1) * chunkFeatures));
    Atomics.add(ctrl, ${DONE}, 1);
    Atomics.notify(ctrl, ${DONE});
  }
}
`;

export interface HistogramBuilder {
  /** Which loops build the histograms (diagnostics and tests). */
  readonly engine: "wasm" | "wasm, 2 threads" | "js";
  /** Gradients and hessians, interleaved [g0, h0, g1, h1, …] (the trainer fills it before each tree). */
  readonly gh: Float64Array;
  /** Row indices: each node's rows are a range of it (the grower partitions it in place). */
  readonly rows: Uint32Array;
  /** Where the grower takes its (zeroed) histograms from. */
  readonly pool: HistogramPool;
  /** Fills the zeroed `hist` (from `pool`) from rows[start..end). */
  build(start: number, end: number, hist: Float64Array): void;
  /** parent ← parent − child: turns the parent's histogram into the child's sibling's, in place. */
  subtract(parent: Float64Array, child: Float64Array): void;
  /** Stably partitions rows[start..end) by goLeft[bin of `feature`] (left first); returns the first right index. */
  partition(feature: number, goLeft: Uint8Array, start: number, end: number): number;
  close(): void;
}

/** Byte offsets of the buffers in the WebAssembly memory (16-byte aligned) and how many histograms fit. */
interface Layout {
  bins: number;
  columns: number;
  goLeft: number;
  gh: number;
  rows: number;
  scratch: number;
  arena: number;
  arenaHistograms: number;
  pages: number;
}

const align16 = (bytes: number) => Math.ceil(bytes / 16) * 16;

function planLayout(rows: number, features: number, maxHistograms: number): Layout | null {
  let end = 0;
  const place = (bytes: number) => {
    const at = end;
    end = align16(end + bytes);
    return at;
  };
  const layout = {
    bins: place(rows * features),
    columns: place(rows * features),
    goLeft: place(256),
    gh: place(16 * rows),
    rows: place(4 * rows),
    scratch: place(4 * rows),
    arena: end,
  };
  const histBytes = histogramLength(features) * 8;
  const arenaHistograms = Math.min(maxHistograms, Math.floor((MAX_WASM_BYTES - layout.arena) / histBytes));
  if (arenaHistograms < 2) return null;
  return { ...layout, arenaHistograms, pages: Math.ceil((layout.arena + arenaHistograms * histBytes) / PAGE_BYTES) };
}

type Binned = Pick<BinnedData, "rows" | "features" | "bins" | "columns">;

/**
 * A builder over `binned` with room for `maxHistograms` histograms in its arena (the grower's peak:
 * maxLeaves + 2). `threads` 2 adds a worker thread when the kernels can share memory. `wasm` false forces the
 * JavaScript loops (tests compare the two).
 */
export function createHistogramBuilder(binned: Binned, maxHistograms: number, threads: number, wasm = true): HistogramBuilder {
  const layout = wasm ? planLayout(binned.rows, binned.features, maxHistograms) : null;
  if (layout) {
    const threaded = threads > 1 && Math.ceil(binned.features / CHUNK_FEATURES) > 1;
    const builder = wasmBuilder(binned, layout, threaded) ?? (threaded ? wasmBuilder(binned, layout, false) : null);
    if (builder) return builder;
  }
  const n = binned.rows;
  return jsBuilder(binned, new Float64Array(2 * n), new Uint32Array(n), new Uint32Array(n), new HistogramPool(histogramLength(binned.features)));
}

/** The JavaScript loops on one thread (also used by the wasm builder for a histogram outside its arena). */
function jsBuilder(binned: Binned, gh: Float64Array, rows: Uint32Array, scratch: Uint32Array, pool: HistogramPool): HistogramBuilder {
  const { bins, columns, features } = binned;
  const n = binned.rows;
  return {
    engine: "js",
    gh,
    rows,
    pool,
    build: (start, end, hist) => buildHistogram(bins, features, gh, rows, start, end, hist, 0, features),
    subtract: subtractHistogram,
    partition: (feature, goLeft, start, end) => partitionRows(columns.subarray(feature * n, (feature + 1) * n), goLeft, rows, start, end, scratch),
    close: () => {},
  };
}

function wasmBuilder(binned: Binned, layout: Layout, threaded: boolean): HistogramBuilder | null {
  let memory: WebAssembly.Memory;
  try {
    memory = new WebAssembly.Memory(threaded ? { initial: layout.pages, maximum: layout.pages, shared: true } : { initial: layout.pages });
  } catch {
    return null; // no room, or no shared WebAssembly memory
  }
  const kernels = instantiateHistogramKernels(memory, threaded);
  if (!kernels) return null;
  const { features, rows: n } = binned;
  // The memory never grows, so these views stay valid for the builder's life.
  const bins = new Uint8Array(memory.buffer, layout.bins, n * features);
  bins.set(binned.bins);
  const columns = new Uint8Array(memory.buffer, layout.columns, n * features);
  columns.set(binned.columns);
  const goLeft = new Uint8Array(memory.buffer, layout.goLeft, 256);
  const gh = new Float64Array(memory.buffer, layout.gh, 2 * n);
  const rows = new Uint32Array(memory.buffer, layout.rows, n);
  const histLength = histogramLength(features);
  const arena = new Float64Array(memory.buffer, layout.arena, layout.arenaHistograms * histLength);
  const pool = new HistogramPool(histLength, arena);
  const fallback = jsBuilder({ ...binned, bins, columns }, gh, rows, new Uint32Array(memory.buffer, layout.scratch, n), pool);
  const inMemory = (h: Float64Array) => h.buffer === memory.buffer;
  const buildRange = (start: number, end: number, hist: Float64Array, fStart: number, fEnd: number) =>
    kernels.build(layout.bins, features, layout.gh, layout.rows, start, end, hist.byteOffset, fStart, fEnd);
  const parallel = threaded ? startWorker(memory, features, layout) : null;
  return {
    engine: parallel ? "wasm, 2 threads" : "wasm",
    gh,
    rows,
    pool,
    build(start, end, hist) {
      if (!inMemory(hist)) fallback.build(start, end, hist);
      else if (parallel && end - start >= PARALLEL_MIN_ROWS) parallel.build(start, end, hist, buildRange);
      else buildRange(start, end, hist, 0, features);
    },
    subtract(parent, child) {
      if (inMemory(parent) && inMemory(child)) kernels.subtract(parent.byteOffset, child.byteOffset, parent.length * 8);
      else subtractHistogram(parent, child);
    },
    partition(feature, left, start, end) {
      goLeft.set(left);
      return kernels.partition(layout.columns + feature * n, layout.goLeft, layout.rows, start, end, layout.scratch);
    },
    close: () => parallel?.close(),
  };
}

type RangeBuild = (start: number, end: number, hist: Float64Array, fStart: number, fEnd: number) => void;

/** The worker thread and the calling thread's side of the chunk protocol. */
function startWorker(memory: WebAssembly.Memory, features: number, layout: Layout) {
  const chunks = Math.ceil(features / CHUNK_FEATURES);
  const ctrl = new Int32Array(new SharedArrayBuffer(8 * 4));
  const worker = new Worker(workerSource(claimChunk.toString()), {
    eval: true,
    workerData: {
      ctrlBuffer: ctrl.buffer,
      memory,
      moduleBytes: histogramModuleBytes(true),
      bins: layout.bins,
      gh: layout.gh,
      rows: layout.rows,
      features,
      chunkFeatures: CHUNK_FEATURES,
    },
  });
  worker.unref();
  worker.on("error", () => {}); // a dead worker claims nothing: the calling thread builds every chunk
  let seq = 0;
  return {
    build(start: number, end: number, hist: Float64Array, buildRange: RangeBuild) {
      seq++;
      const tag = seq & 0x7fff;
      Atomics.store(ctrl, CLAIM, tag << 16);
      Atomics.store(ctrl, DONE, 0);
      ctrl[HIST] = hist.byteOffset;
      ctrl[START] = start;
      ctrl[END] = end;
      Atomics.store(ctrl, SEQ, seq);
      Atomics.notify(ctrl, SEQ);
      for (let c; (c = claimChunk(ctrl, tag, chunks)) >= 0; ) {
        buildRange(start, end, hist, c * CHUNK_FEATURES, Math.min(features, (c + 1) * CHUNK_FEATURES));
        Atomics.add(ctrl, DONE, 1);
      }
      // Wait for a chunk the worker may still be building (at most one).
      let done: number;
      while ((done = Atomics.load(ctrl, DONE)) < chunks) {
        if (Atomics.wait(ctrl, DONE, done, 60_000) === "timed-out") throw new Error("histogram worker thread stopped responding");
      }
    },
    close() {
      Atomics.store(ctrl, STOP, 1);
      Atomics.add(ctrl, SEQ, 1);
      Atomics.notify(ctrl, SEQ);
      void worker.terminate();
    },
  };
}
