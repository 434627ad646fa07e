// CSV in and out: parses a CSV with a header row into string columns, turns chosen columns into a Dataset
// (a column is numeric when every non-empty cell is a finite number, otherwise categorical; empty cells are
// missing), and writes a one-column CSV of predictions.

import Papa from "papaparse";
import type { Dataset, FeatureType } from "./dataset";

export interface CsvTable {
  header: string[];
  /** columns[name][row] — raw cell text. */
  columns: Map<string, string[]>;
  rows: number;
}

export function parseCsv(text: string): CsvTable {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { skipEmptyLines: "greedy" });
  const fatal = parsed.errors.find((e) => e.type !== "Delimiter");
  if (fatal) throw new Error(`CSV parse error on row ${fatal.row ?? "?"}: ${fatal.message}`);
  const [header, ...body] = parsed.data;
  if (!header || header.length === 0) throw new Error("CSV has no header row");
  const names = header.map((h) => h.trim());
  const duplicate = names.find((n, i) => names.indexOf(n) !== i);
  if (duplicate !== undefined) throw new Error(`CSV header has a duplicate column "${duplicate}"`);
  const columns = new Map(names.map((n) => [n, new Array<string>(body.length)]));
  body.forEach((cells, r) => {
    if (cells.length !== names.length) throw new Error(`CSV row ${r + 2} has ${cells.length} cells, the header has ${names.length}`);
    names.forEach((n, c) => (columns.get(n)![r] = cells[c].trim()));
  });
  return { header: names, columns, rows: body.length };
}

/** The number in a cell, NaN when empty or not a finite number. */
export function cellNumber(cell: string): number {
  if (cell === "") return NaN;
  const v = Number(cell);
  return Number.isFinite(v) ? v : NaN;
}

export function isNumericColumn(cells: string[]): boolean {
  return cells.every((c) => c === "" || Number.isFinite(Number(c)));
}

/** A Dataset of the table's columns other than `exclude`, typed by content. Category codes follow sorted labels. */
export function tableToDataset(table: CsvTable, exclude: string[] = []): Dataset {
  const names = table.header.filter((n) => !exclude.includes(n));
  const featureTypes: FeatureType[] = [];
  const categories: (string[] | null)[] = [];
  const columns = names.map((name) => {
    const cells = table.columns.get(name)!;
    if (isNumericColumn(cells)) {
      featureTypes.push("numeric");
      categories.push(null);
      return Float64Array.from(cells, cellNumber);
    }
    const labels = [...new Set(cells.filter((c) => c !== ""))].sort();
    const code = new Map(labels.map((l, i) => [l, i]));
    featureTypes.push("categorical");
    categories.push(labels);
    return Float64Array.from(cells, (c) => (c === "" ? NaN : code.get(c)!));
  });
  return { rows: table.rows, featureNames: names, featureTypes, categories, columns };
}

/** A CSV with the header `name` and one value per line. */
export function formatColumnCsv(name: string, values: ArrayLike<number>): string {
  const lines = [name];
  for (let i = 0; i < values.length; i++) lines.push(String(values[i]));
  return lines.join("\n") + "\n";
}
