// Training with the quantile and survival (Cox) objectives.
import { describe, expect, it } from "vitest";
import { toRowMajor } from "../data/dataset";
import { concordanceIndex } from "../metrics/concordance";
import { coverage } from "../metrics/regression";
import { loadModel } from "./scorer";
import { censoredSurvival, heteroscedastic } from "./testData";
import { train } from "./train";

describe("quantile objective", () => {
  it("a 0.9-quantile model covers about 90% of held-out points, and a 0.5 one about half", () => {
    const fit = heteroscedastic(4000, 1);
    const test = heteroscedastic(4000, 2);
    const matrix = toRowMajor(test.data);
    for (const alpha of [0.9, 0.5]) {
      const { model } = train(fit.data, { y: fit.y }, { objective: "quantile", alpha, trees: 60, maxDepth: 3, learningRate: 0.1 });
      const pred = loadModel(model).predictBatch(matrix, test.data.rows);
      expect(Math.abs(coverage(pred, test.y) - alpha)).toBeLessThan(0.03);
    }
  });
});

describe("survival objective (Cox partial likelihood)", () => {
  it("ranks held-out censored rows far better than a constant (C-index 0.5)", () => {
    const fit = censoredSurvival(2000, 3);
    const test = censoredSurvival(1000, 4);
    const censored = fit.event.reduce((s, e) => s + (1 - e), 0) / fit.event.length;
    expect(censored).toBeGreaterThan(0.2); // the data really is censored
    const { model } = train(fit.data, { y: fit.time, event: fit.event }, { objective: "cox", trees: 80, maxDepth: 3, learningRate: 0.05 });
    const risk = loadModel(model).predictBatch(toRowMajor(test.data), test.data.rows);
    const c = concordanceIndex(test.time, test.event, risk);
    // The true log-hazard 1.5·x0 − x1 itself scores about 0.70 on this data.
    const oracle = concordanceIndex(test.time, test.event, test.data.columns[0].map((v, i) => 1.5 * v - test.data.columns[1][i]));
    expect(c).toBeGreaterThan(0.62);
    expect(c).toBeGreaterThan(oracle - 0.04);
  });
});
