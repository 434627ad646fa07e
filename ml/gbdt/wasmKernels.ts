// The trainer's hot loops in WebAssembly (see wasm.ts for why): the same loops as buildHistogram and
// subtractHistogram in histogram.ts and partitionRows in partition.ts, on byte addresses into one linear memory. Each (feature, bin) cell is the
// 16-byte pair [gradient sum, hessian sum], updated with one f64x2 add — two independent IEEE additions in row
// order, exactly what the JavaScript loop computes, so both give bit-for-bit the same histograms (tested).

import { assemble, op, type WasmFunction } from "./wasm";

/** Bytes of one feature's histogram: 256 bins × [g, h] × 8 bytes. */
const FEATURE_BYTES = 256 * 16;

// build(bins, features, gh, rows, start, end, hist, fStart, fEnd): adds rows[start..end) into hist for features
// fStart..fEnd-1. bins is row-major (stride `features`), gh interleaved [g, h] per row; all are byte addresses.
const [BINS, FEATURES, GH, ROWS, START, END, HIST, F_START, F_END] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
const [P, P_END, CELLS, CELL, G] = [9, 10, 11, 12, 13];
/** The features of a row are added UNROLL at a time (fewer loop branches), then one at a time. */
const UNROLL = 4;

/** cell(CELLS + u·FEATURE_BYTES + bin·16) += G, where bin is the byte at P + u. */
const addCell = (u: number) => [
  op.get(CELLS), op.get(P), op.load8U(u), op.i32(4), op.shl, op.add, op.tee(CELL),
  op.get(CELL), op.v128Load(u * FEATURE_BYTES), op.get(G), op.f64x2Add, op.v128Store(u * FEATURE_BYTES),
].flat();

/** for (; P + step <= P_END; P += step, CELLS += step·FEATURE_BYTES) add `step` cells. */
const featureLoop = (step: number) =>
  op.loop(
    op.get(P), op.i32(step), op.add, op.get(P_END), op.gtU, op.breakIf,
    ...Array.from({ length: step }, (_, u) => addCell(u)),
    op.get(P), op.i32(step), op.add, op.set(P),
    op.get(CELLS), op.i32(step * FEATURE_BYTES), op.add, op.set(CELLS),
    op.continue,
  );

const build: WasmFunction = {
  name: "build",
  params: Array(9).fill("i32"),
  locals: ["i32", "i32", "i32", "i32", "v128"],
  body: [
    op.loop(
      // for (; start < end; start++)
      op.get(START), op.get(END), op.geU, op.breakIf,
      // P = rows[start] (the row); G = [g, h] of the row
      op.get(ROWS), op.get(START), op.i32(2), op.shl, op.add, op.load32(), op.tee(P),
      op.i32(4), op.shl, op.get(GH), op.add, op.v128Load(), op.set(G),
      // P = address of the row's bin of feature fStart, P_END = of feature fEnd
      op.get(P), op.get(FEATURES), op.mul, op.get(BINS), op.add, op.tee(P), op.get(F_END), op.add, op.set(P_END),
      op.get(P), op.get(F_START), op.add, op.set(P),
      // CELLS = histogram of feature fStart
      op.get(HIST), op.get(F_START), op.i32(12), op.shl, op.add, op.set(CELLS),
      featureLoop(UNROLL),
      featureLoop(1),
      op.get(START), op.i32(1), op.add, op.set(START),
      op.continue,
    ),
  ],
};

// subtract(parent, child, bytes): parent[i] -= child[i] over `bytes` bytes (a multiple of 16).
const [PARENT, CHILD, BYTES, PARENT_END] = [0, 1, 2, 3];
const subtract: WasmFunction = {
  name: "subtract",
  params: ["i32", "i32", "i32"],
  locals: ["i32"],
  body: [
    op.get(PARENT), op.get(BYTES), op.add, op.set(PARENT_END),
    op.loop(
      op.get(PARENT), op.get(PARENT_END), op.geU, op.breakIf,
      op.get(PARENT), op.get(PARENT), op.v128Load(), op.get(CHILD), op.v128Load(), op.f64x2Sub, op.v128Store(),
      op.get(PARENT), op.i32(16), op.add, op.set(PARENT),
      op.get(CHILD), op.i32(16), op.add, op.set(CHILD),
      op.continue,
    ),
  ],
};

// partition(column, goLeft, rows, start, end, scratch) → mid: stably partitions rows[start..end) (row indices,
// 4 bytes each) by goLeft[column[row]] (a byte per bin) so that rows going left come first, and returns the
// index of the first row going right — the JavaScript partitionRows' loop: branch-free, each row is written to
// both sides and one of them advances (left/right is a coin flip to the CPU).
const [COLUMN, GO_LEFT, P_ROWS, P_START, P_END_ROW, SCRATCH] = [0, 1, 2, 3, 4, 5];
const [AT, LAST, L, R, ROW, LEFT4] = [6, 7, 8, 9, 10, 11];
const partition: WasmFunction = {
  name: "partition",
  params: Array(6).fill("i32"),
  result: "i32",
  locals: ["i32", "i32", "i32", "i32", "i32", "i32"],
  body: [
    // AT..LAST = byte range of rows[start..end); L = where the next left row goes; R = next slot in scratch
    op.get(P_ROWS), op.get(P_START), op.i32(2), op.shl, op.add, op.tee(AT), op.set(L),
    op.get(P_ROWS), op.get(P_END_ROW), op.i32(2), op.shl, op.add, op.set(LAST),
    op.get(SCRATCH), op.set(R),
    op.loop(
      op.get(AT), op.get(LAST), op.geU, op.breakIf,
      op.get(AT), op.load32(), op.set(ROW),
      // LEFT4 = 4 if the row goes left, else 0
      op.get(GO_LEFT), op.get(COLUMN), op.get(ROW), op.add, op.load8U(), op.add, op.load8U(), op.i32(2), op.shl, op.set(LEFT4),
      op.get(L), op.get(ROW), op.store32(),
      op.get(R), op.get(ROW), op.store32(),
      op.get(L), op.get(LEFT4), op.add, op.set(L),
      op.get(R), op.i32(4), op.get(LEFT4), op.sub, op.add, op.set(R),
      op.get(AT), op.i32(4), op.add, op.set(AT),
      op.continue,
    ),
    // The right rows follow the left ones.
    op.get(L), op.get(SCRATCH), op.get(R), op.get(SCRATCH), op.sub, op.memoryCopy,
    op.get(L), op.get(P_ROWS), op.sub, op.i32(2), op.shrU,
  ],
};

/** The module's bytes (also handed to the worker thread, which instantiates it over the same shared memory). */
export function histogramModuleBytes(sharedMemory: boolean): Uint8Array<ArrayBuffer> {
  return assemble([build, subtract, partition], sharedMemory);
}

export interface WasmHistogramKernels {
  build(bins: number, features: number, gh: number, rows: number, start: number, end: number, hist: number, fStart: number, fEnd: number): void;
  subtract(parent: number, child: number, bytes: number): void;
  partition(column: number, goLeft: number, rows: number, start: number, end: number, scratch: number): number;
}

/** The kernels over `memory`, or null where WebAssembly (with SIMD) is not available. */
export function instantiateHistogramKernels(memory: WebAssembly.Memory, sharedMemory: boolean): WasmHistogramKernels | null {
  try {
    const module = new WebAssembly.Module(histogramModuleBytes(sharedMemory));
    return new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as WasmHistogramKernels;
  } catch {
    return null;
  }
}
