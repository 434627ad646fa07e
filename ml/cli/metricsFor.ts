// The metrics the CLI reports for a model's objective, given predictions (probability / value / hazard ratio).

import type { Labels } from "../data/dataset";
import type { ModelJson } from "../gbdt/modelFormat";
import { auc, brier, expectedCalibrationError, logLoss } from "../metrics/classification";
import { concordanceIndex } from "../metrics/concordance";
import { coverage, mae, mape, pinballLoss, rmse } from "../metrics/regression";

export function metricsFor(objective: ModelJson["objective"], pred: Float64Array, labels: Labels): Record<string, number> {
  const y = labels.y;
  switch (objective.name) {
    case "binary": {
      let correct = 0;
      for (let i = 0; i < y.length; i++) if ((pred[i] >= 0.5 ? 1 : 0) === y[i]) correct++;
      return { rows: y.length, auc: auc(pred, y), logLoss: logLoss(pred, y), brier: brier(pred, y), ece: expectedCalibrationError(pred, y), accuracy: correct / y.length };
    }
    case "squared":
      return { rows: y.length, rmse: rmse(pred, y), mae: mae(pred, y), mape: mape(pred, y) };
    case "quantile": {
      const alpha = objective.alpha ?? 0.5;
      return { rows: y.length, alpha, pinball: pinballLoss(pred, y, alpha), coverage: coverage(pred, y), mae: mae(pred, y) };
    }
    case "cox":
      return { rows: y.length, concordance: concordanceIndex(y, labels.event!, pred) };
  }
}
