// A minimal WebAssembly binary encoder: just enough to assemble the trainer's few hot kernels
// (wasmKernels.ts) at load time from readable instruction lists, with no build step and no binary blob in
// the repository. One module = one imported linear memory ("env", "memory") + exported functions.
//
// Why WebAssembly: the histogram loop is memory-bound, and in wasm a gradient/hessian pair is one 16-byte
// f64x2 load-add-store instead of two bounds-checked Float64Array updates — about 3× faster in V8, with the
// very same IEEE additions in the same order (so the sums, and the trained model, are bit-for-bit the same).

export type Bytes = number[];

/** Unsigned LEB128. */
export function uleb(n: number): Bytes {
  const out: Bytes = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

/** Signed LEB128 (i32 constants). */
export function sleb(n: number): Bytes {
  const out: Bytes = [];
  n |= 0;
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

const I32 = 0x7f;
const V128 = 0x7b;
const TYPE = { i32: I32, v128: V128 } as const;
export type ValueType = keyof typeof TYPE;
const SIMD = 0xfd;

/** The instructions the kernels use. Memory accesses take a static byte offset (default 0). */
export const op = {
  get: (local: number): Bytes => [0x20, ...uleb(local)],
  set: (local: number): Bytes => [0x21, ...uleb(local)],
  tee: (local: number): Bytes => [0x22, ...uleb(local)],
  i32: (value: number): Bytes => [0x41, ...sleb(value)],
  add: [0x6a] as Bytes,
  sub: [0x6b] as Bytes,
  mul: [0x6c] as Bytes,
  shl: [0x74] as Bytes,
  geU: [0x4f] as Bytes,
  gtU: [0x4b] as Bytes,
  shrU: [0x76] as Bytes,
  load8U: (offset = 0): Bytes => [0x2d, 0, ...uleb(offset)],
  load32: (offset = 0): Bytes => [0x28, 2, ...uleb(offset)],
  store32: (offset = 0): Bytes => [0x36, 2, ...uleb(offset)],
  /** memory.copy(destination, source, bytes) (bulk memory). */
  memoryCopy: [0xfc, ...uleb(10), 0, 0] as Bytes,
  v128Load: (offset = 0): Bytes => [SIMD, 0x00, 3, ...uleb(offset)],
  v128Store: (offset = 0): Bytes => [SIMD, 0x0b, 3, ...uleb(offset)],
  f64x2Add: [SIMD, ...uleb(0xf0)] as Bytes,
  f64x2Sub: [SIMD, ...uleb(0xf1)] as Bytes,
  /** block … end around a loop: `br 1` inside leaves it, `br 0` continues it. */
  loop: (...body: Bytes[]): Bytes => [0x02, 0x40, 0x03, 0x40, ...body.flat(), 0x0b, 0x0b],
  /** Inside `loop`: leave the loop if the i32 on the stack is non-zero. */
  breakIf: [0x0d, 1] as Bytes,
  /** Inside `loop`: jump back to its start. */
  continue: [0x0c, 0] as Bytes,
};

export interface WasmFunction {
  name: string;
  /** Parameter types (locals 0..params.length-1). */
  params: ValueType[];
  /** The type of the value it returns (left on the stack), if any. */
  result?: ValueType;
  /** Extra locals after the parameters, in order. */
  locals: ValueType[];
  body: Bytes[];
}

const section = (id: number, content: Bytes): Bytes => [id, ...uleb(content.length), ...content];
const vector = (items: Bytes[]): Bytes => [...uleb(items.length), ...items.flat()];
const name = (s: string): Bytes => vector([...s].map((c) => [c.charCodeAt(0)]));

/** The module's bytes. A shared memory import (for worker threads) must be declared with a maximum. */
export function assemble(functions: WasmFunction[], sharedMemory: boolean): Uint8Array<ArrayBuffer> {
  const types = functions.map((f) => [0x60, ...vector(f.params.map((t) => [TYPE[t]])), ...(f.result ? [1, TYPE[f.result]] : [0])]);
  const memoryLimits = sharedMemory ? [0x03, ...uleb(0), ...uleb(65536)] : [0x00, ...uleb(0)];
  const bodies = functions.map((f) => {
    const locals = vector(f.locals.map((t) => [1, TYPE[t]]));
    const code = [...locals, ...f.body.flat(), 0x0b];
    return [...uleb(code.length), ...code];
  });
  return Uint8Array.from([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vector(types)),
    ...section(2, vector([[...name("env"), ...name("memory"), 0x02, ...memoryLimits]])),
    ...section(3, vector(functions.map((_, i) => uleb(i)))),
    ...section(7, vector(functions.map((f, i) => [...name(f.name), 0x00, ...uleb(i)]))),
    ...section(10, vector(bodies)),
  ]);
}
