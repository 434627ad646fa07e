// File and label handling shared by the CLI commands: reading the CSV and model files (errors name the argument),
// and turning the target column into labels for a task.

import { readFileSync } from "node:fs";
import { cellNumber, parseCsv, type CsvTable } from "../data/csv";
import type { Labels } from "../data/dataset";
import { loadModel, type Scorer } from "../gbdt/scorer";
import { UsageError } from "./args";

export type Task = "classification" | "regression" | "quantile" | "survival";
export const TASKS: readonly Task[] = ["classification", "regression", "quantile", "survival"];

function readText(flag: string, path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (e) {
    throw new UsageError(`cannot read --${flag} ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

export function readCsv(flag: string, path: string): CsvTable {
  const text = readText(flag, path);
  try {
    return parseCsv(text);
  } catch (e) {
    throw new UsageError(`--${flag} ${path}: ${(e as Error).message}`);
  }
}

export function readModel(path: string): Scorer {
  const text = readText("model", path);
  try {
    return loadModel(text);
  } catch (e) {
    throw new UsageError(`--model ${path} is not a usable model: ${(e as Error).message}`);
  }
}

export function requireColumn(table: CsvTable, flag: string, name: string): string[] {
  const cells = table.columns.get(name);
  if (!cells) throw new UsageError(`--${flag} column "${name}" is not in the data (columns: ${table.header.join(", ")})`);
  return cells;
}

/**
 * Labels for a task from the target (and event) columns. Classification accepts 0/1 or exactly two distinct
 * labels (sorted; the second is the positive class), returned as `classes`. Rows with an empty target are an error.
 */
export function labelsFor(task: Task, target: string[], event?: string[], classes?: [string, string]): { labels: Labels; classes?: [string, string] } {
  const empty = target.findIndex((c) => c === "");
  if (empty >= 0) throw new UsageError(`--target has an empty cell on data row ${empty + 1}`);
  if (task === "classification") {
    const distinct = [...new Set(target)].sort();
    const known = classes ?? (distinct.every((d) => d === "0" || d === "1") ? (["0", "1"] as [string, string]) : undefined);
    if (!known && distinct.length !== 2) {
      throw new UsageError(`--target for classification needs exactly 2 classes, found ${distinct.length}: ${distinct.slice(0, 5).join(", ")}`);
    }
    const [negative, positive] = known ?? (distinct as [string, string]);
    const unknown = target.find((c) => c !== negative && c !== positive);
    if (unknown !== undefined) throw new UsageError(`--target value "${unknown}" is not one of the model's classes ${negative}, ${positive}`);
    return { labels: { y: Float64Array.from(target, (c) => (c === positive ? 1 : 0)) }, classes: [negative, positive] };
  }
  const y = Float64Array.from(target, cellNumber);
  const bad = y.findIndex((v) => Number.isNaN(v));
  if (bad >= 0) throw new UsageError(`--target value "${target[bad]}" on data row ${bad + 1} is not a number`);
  if (task !== "survival") return { labels: { y } };
  if (!event) throw new UsageError("missing required argument --event for the survival task");
  const flags = Uint8Array.from(event, (c, i) => {
    if (c === "1" || c === "0") return Number(c);
    throw new UsageError(`--event value "${c}" on data row ${i + 1} must be 1 (event) or 0 (censored)`);
  });
  if (y.some((v) => v < 0)) throw new UsageError("--target times must not be negative for the survival task");
  return { labels: { y, event: flags } };
}
