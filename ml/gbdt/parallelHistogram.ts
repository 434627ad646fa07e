// Histogram building on one or two threads. With two, the features are cut into chunks of 4 that the calling
// thread and a worker thread claim from a shared counter, so a busy or descheduled worker costs at most one
// chunk of waiting (on a loaded machine the calling thread simply does most chunks itself). Each feature is
// still summed by one thread in row order, so the result is bit-for-bit the single-threaded one. Bins,
// gradients, row indices and histograms live in SharedArrayBuffers; hand-offs use Atomics.
//
// Protocol (ctrl words): the caller invalidates CLAIM with the new job's tag, resets DONE, writes the job
// (HIST, START, END), then publishes SEQ. Both threads claim chunk c by compare-exchanging CLAIM from
// tag<<16|c to tag<<16|c+1 — a claim only succeeds while that job is current, so a late worker never works
// on stale parameters — build it, and increment DONE. The caller returns when DONE counts every chunk.

import { Worker } from "node:worker_threads";
import { buildHistogram } from "./histogram";

/** Below this many rows a node's histogram is built on the calling thread alone (hand-off costs more). */
export const PARALLEL_MIN_ROWS = 8192;
const CHUNK_FEATURES = 4;

const SEQ = 0;
const CLAIM = 1;
const DONE = 2;
const HIST = 3;
const START = 4;
const END = 5;
const STOP = 6;

/**
 * Claims the next chunk of job `tag`, or returns -1 when none is left (or the job is no longer current).
 * Self-contained (index 1 is CLAIM): it is shipped to the worker as source text, like buildHistogram.
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

const workerSource = (kernel: string, claim: string) => `
const { workerData } = require("node:worker_threads");
const buildHistogram = (${kernel});
const claimChunk = (${claim});
const { ctrlBuffer, binsBuffer, ghBuffer, rowsBuffer, arenaBuffer, features, histLength, chunkFeatures } = workerData;
const ctrl = new Int32Array(ctrlBuffer);
const bins = new Uint8Array(binsBuffer);
const gh = new Float64Array(ghBuffer);
const rows = new Uint32Array(rowsBuffer);
const arena = new Float64Array(arenaBuffer);
const chunks = Math.ceil(features / chunkFeatures);
let last = 0;
for (;;) {
  Atomics.wait(ctrl, ${SEQ}, last);
  const seq = Atomics.load(ctrl, ${SEQ});
  if (Atomics.load(ctrl, ${STOP})) break;
  last = seq;
  const tag = seq & 0x7fff;
  const slot = ctrl[${HIST}];
  const start = ctrl[${START}];
  const end = ctrl[${END}];
  const hist = arena.subarray(slot * histLength, (slot + 1) * histLength);
  for (let c; (c = claimChunk(ctrl, tag, chunks)) >= 0; ) {
    buildHistogram(bins, features, gh, rows, start, end, hist, c * chunkFeatures, Math.min(features, (c + 1) * chunkFeatures));
    Atomics.add(ctrl, ${DONE}, 1);
    Atomics.notify(ctrl, ${DONE});
  }
}
`;

export interface HistogramBuilder {
  /** Fills the zeroed `hist` (slot `slot` of the arena when threaded) from rows[start..end). */
  build(start: number, end: number, hist: Float64Array, slot: number): void;
  close(): void;
}

/** Shared-memory buffers for the threaded builder, or plain ones for a single thread. */
export function sharedFloat64(length: number, shared: boolean): Float64Array {
  return shared ? new Float64Array(new SharedArrayBuffer(length * 8)) : new Float64Array(length);
}

export function sharedUint32(length: number, shared: boolean): Uint32Array {
  return shared ? new Uint32Array(new SharedArrayBuffer(length * 4)) : new Uint32Array(length);
}

export function sharedUint8Copy(source: Uint8Array, shared: boolean): Uint8Array {
  if (!shared) return source;
  const out = new Uint8Array(new SharedArrayBuffer(source.length));
  out.set(source);
  return out;
}

export function createHistogramBuilder(
  bins: Uint8Array,
  features: number,
  gh: Float64Array,
  rows: Uint32Array,
  arena: Float64Array | null,
  histLength: number,
  threads: number,
): HistogramBuilder {
  const single: HistogramBuilder = {
    build: (start, end, hist) => buildHistogram(bins, features, gh, rows, start, end, hist, 0, features),
    close: () => {},
  };
  const chunks = Math.ceil(features / CHUNK_FEATURES);
  if (threads < 2 || chunks < 2 || !arena) return single;
  const ctrl = new Int32Array(new SharedArrayBuffer(8 * 4));
  const worker = new Worker(workerSource(buildHistogram.toString(), claimChunk.toString()), {
    eval: true,
    workerData: {
      ctrlBuffer: ctrl.buffer,
      binsBuffer: bins.buffer,
      ghBuffer: gh.buffer,
      rowsBuffer: rows.buffer,
      arenaBuffer: arena.buffer,
      features,
      histLength,
      chunkFeatures: CHUNK_FEATURES,
    },
  });
  worker.unref();
  worker.on("error", () => {}); // a dead worker claims nothing: the calling thread builds every chunk
  let seq = 0;
  return {
    build(start, end, hist, slot) {
      if (end - start < PARALLEL_MIN_ROWS) {
        single.build(start, end, hist, slot);
        return;
      }
      seq++;
      const tag = seq & 0x7fff;
      Atomics.store(ctrl, CLAIM, tag << 16);
      Atomics.store(ctrl, DONE, 0);
      ctrl[HIST] = slot;
      ctrl[START] = start;
      ctrl[END] = end;
      Atomics.store(ctrl, SEQ, seq);
      Atomics.notify(ctrl, SEQ);
      for (let c; (c = claimChunk(ctrl, tag, chunks)) >= 0; ) {
        buildHistogram(bins, features, gh, rows, start, end, hist, c * CHUNK_FEATURES, Math.min(features, (c + 1) * CHUNK_FEATURES));
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
