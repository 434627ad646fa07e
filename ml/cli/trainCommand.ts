// `train`: reads the CSV, trains a model for the task (holding out a seeded 20% validation split when early
// stopping or calibration is asked for), optionally calibrates probabilities on that split, records the
// metrics in the model's training metadata, and writes the model JSON.

import { writeFileSync } from "node:fs";
import { fitIsotonic } from "../calibration/isotonic";
import { fitPlatt } from "../calibration/platt";
import { tableToDataset } from "../data/csv";
import { takeLabels, takeRows, toRowMajor, type Dataset, type Labels } from "../data/dataset";
import { holdoutSplit } from "../data/split";
import type { ModelJson } from "../gbdt/modelFormat";
import { ParamError, resolveParams, type ObjectiveName } from "../gbdt/params";
import { loadModel } from "../gbdt/scorer";
import { train } from "../gbdt/train";
import { UsageError } from "./args";
import { metricsFor } from "./metricsFor";
import { labelsFor, readCsv, requireColumn, TASKS, type Task } from "./readInputs";

const OBJECTIVE: Record<Task, ObjectiveName> = { classification: "binary", regression: "squared", quantile: "quantile", survival: "cox" };
export const VALIDATION_FRACTION = 0.2;

function parseParams(text: string | undefined, task: Task) {
  if (text === undefined) return resolveParams({ objective: OBJECTIVE[task] });
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new UsageError(`--params is not valid JSON: ${text}`);
  }
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) throw new UsageError("--params must be a JSON object");
  if ("objective" in raw) throw new UsageError("--params must not set objective: use --task");
  try {
    return resolveParams({ ...(raw as Record<string, unknown>), objective: OBJECTIVE[task] });
  } catch (e) {
    if (e instanceof ParamError) throw new UsageError(`--params: ${e.message}`);
    throw e;
  }
}

function scoreMetrics(model: ModelJson, data: Dataset, labels: Labels): Record<string, number> {
  const pred = loadModel(model).predictBatch(toRowMajor(data), data.rows);
  return metricsFor(model.objective, pred, labels);
}

export function trainCommand(flags: Record<string, string>, log: (line: string) => void): void {
  const task = flags.task as Task;
  if (!TASKS.includes(task)) throw new UsageError(`--task must be one of ${TASKS.join(", ")}, got "${flags.task}"`);
  const calibrate = flags.calibrate;
  if (calibrate !== undefined && !["isotonic", "platt"].includes(calibrate)) throw new UsageError(`--calibrate must be isotonic or platt, got "${calibrate}"`);
  if (calibrate && task !== "classification") throw new UsageError("--calibrate applies only to --task classification");
  if (flags.event !== undefined && task !== "survival") throw new UsageError("--event applies only to --task survival");
  const params = parseParams(flags.params, task);

  const table = readCsv("data", flags.data);
  const target = requireColumn(table, "target", flags.target);
  const event = flags.event !== undefined ? requireColumn(table, "event", flags.event) : undefined;
  if (table.rows < 2) throw new UsageError(`--data ${flags.data} needs at least 2 rows, has ${table.rows}`);
  const { labels, classes } = labelsFor(task, target, event);
  const data = tableToDataset(table, [flags.target, ...(flags.event !== undefined ? [flags.event] : [])]);
  if (data.featureNames.length === 0) throw new UsageError(`--data ${flags.data} has no feature columns besides the target`);

  const holdOut = params.earlyStoppingRounds > 0 || calibrate !== undefined;
  let fit = { data, labels };
  let validation: { data: Dataset; labels: Labels } | undefined;
  if (holdOut) {
    const split = holdoutSplit(data.rows, VALIDATION_FRACTION, params.seed);
    fit = { data: takeRows(data, split.train), labels: takeLabels(labels, split.train) };
    validation = { data: takeRows(data, split.validation), labels: takeLabels(labels, split.validation) };
  }
  const { model } = train(fit.data, fit.labels, params, { validation });
  if (classes && !(classes[0] === "0" && classes[1] === "1")) model.classes = classes;

  if (calibrate && validation) {
    const scorer = loadModel(model);
    const margins = scorer.predictMarginBatch(toRowMajor(validation.data), validation.data.rows);
    model.calibration =
      calibrate === "platt"
        ? { method: "platt", ...fitPlatt(margins, validation.labels.y) }
        : { method: "isotonic", ...fitIsotonic(margins.map((m) => 1 / (1 + Math.exp(-m))), validation.labels.y) };
  }
  for (const [k, v] of Object.entries(scoreMetrics(model, fit.data, fit.labels))) model.training.metrics[`train_${k}`] = v;
  if (validation) for (const [k, v] of Object.entries(scoreMetrics(model, validation.data, validation.labels))) model.training.metrics[`validation_${k}`] = v;

  writeFileSync(flags.out, JSON.stringify(model));
  log(
    `trained ${model.trees.length} trees (${task}) on ${fit.data.rows} rows × ${data.featureNames.length} features in ` +
      `${model.training.seconds.toFixed(2)} s${validation ? `, validated on ${validation.data.rows} rows` : ""}; wrote ${flags.out}`,
  );
}
