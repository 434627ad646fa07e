// Stable partition of a node's row range on a split, the JavaScript loop (wasmKernels.ts has the same one in
// WebAssembly, which the trainer uses when it can).

/**
 * Reorders rows[start..end) so that the rows with goLeft[column[row]] = 1 come first, both sides keeping their
 * order, and returns the index of the first row going right. `scratch` holds at least end − start entries.
 */
export function partitionRows(column: Uint8Array, goLeft: Uint8Array, rows: Uint32Array, start: number, end: number, scratch: Uint32Array): number {
  let l = start;
  let r = 0;
  // Branch-free: write the row to both sides and advance one of them (left/right is a coin flip to the CPU).
  for (let i = start; i < end; i++) {
    const row = rows[i];
    const left = goLeft[column[row]];
    rows[l] = row;
    scratch[r] = row;
    l += left;
    r += 1 - left;
  }
  rows.set(scratch.subarray(0, r), l);
  return l;
}
