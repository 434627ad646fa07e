// `predict`: scores every row of a CSV with a model (columns matched by the model's feature names) and writes
// a CSV with the header `prediction` and one value per input row, in order (probability for classification).

import { writeFileSync } from "node:fs";
import type { CsvTable } from "../data/csv";
import { formatColumnCsv } from "../data/csv";
import type { Scorer } from "../gbdt/scorer";
import { UsageError } from "./args";
import { readCsv, readModel } from "./readInputs";

/** The table as a row-major matrix in the model's feature order and encoding. */
export function encodeTable(scorer: Scorer, table: CsvTable, flag: string): Float64Array {
  const names = scorer.featureNames;
  const missing = names.filter((n) => !table.columns.has(n));
  if (missing.length) throw new UsageError(`--${flag} is missing column(s) the model needs: ${missing.join(", ")}`);
  const nf = names.length;
  const matrix = new Float64Array(table.rows * nf);
  const record: Record<string, string> = {};
  const cols = names.map((n) => table.columns.get(n)!);
  for (let r = 0; r < table.rows; r++) {
    names.forEach((n, f) => (record[n] = cols[f][r]));
    matrix.set(scorer.encodeRecord(record), r * nf);
  }
  return matrix;
}

export function predictCommand(flags: Record<string, string>, log: (line: string) => void): void {
  const scorer = readModel(flags.model);
  const table = readCsv("data", flags.data);
  const predictions = scorer.predictBatch(encodeTable(scorer, table, "data"), table.rows);
  writeFileSync(flags.out, formatColumnCsv("prediction", predictions));
  log(`wrote ${table.rows} predictions to ${flags.out}`);
}
