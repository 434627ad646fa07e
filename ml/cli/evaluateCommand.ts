// `evaluate`: scores a labelled CSV with a model and prints the objective's metrics as JSON on stdout.

import { metricsFor } from "./metricsFor";
import { encodeTable } from "./predictCommand";
import { labelsFor, readCsv, readModel, requireColumn, type Task } from "./readInputs";

const TASK_OF = { binary: "classification", squared: "regression", quantile: "quantile", cox: "survival" } as const;

export function evaluateCommand(flags: Record<string, string>, print: (text: string) => void): void {
  const scorer = readModel(flags.model);
  const table = readCsv("data", flags.data);
  const target = requireColumn(table, "target", flags.target);
  const event = flags.event !== undefined ? requireColumn(table, "event", flags.event) : undefined;
  const task: Task = TASK_OF[scorer.model.objective.name];
  const { labels } = labelsFor(task, target, event, scorer.model.classes ?? (task === "classification" ? ["0", "1"] : undefined));
  const predictions = scorer.predictBatch(encodeTable(scorer, table, "data"), table.rows);
  print(JSON.stringify(metricsFor(scorer.model.objective, predictions, labels), null, 2));
}
