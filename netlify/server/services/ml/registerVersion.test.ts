import { describe, expect, it } from "vitest";
import { beatsOnAuc, describeAuc, promotionReason } from "./registerVersion";

describe("promotion between model versions", () => {
  it("a higher AUC beats; an equal AUC beats only with a lower log-loss; a lower AUC never does", () => {
    expect(beatsOnAuc({ auc: 0.81, logLoss: 0.5 }, { auc: 0.8, logLoss: 0.3 })).toBe(true);
    expect(beatsOnAuc({ auc: 0.8, logLoss: 0.29 }, { auc: 0.8, logLoss: 0.3 })).toBe(true);
    expect(beatsOnAuc({ auc: 0.8, logLoss: 0.3 }, { auc: 0.8, logLoss: 0.3 })).toBe(false);
    expect(beatsOnAuc({ auc: 0.79, logLoss: 0.1 }, { auc: 0.8, logLoss: 0.3 })).toBe(false);
  });

  it("says why a version was or was not promoted", () => {
    expect(promotionReason(null, true, "")).toBe("no active model: promoted");
    const comparison = describeAuc({ auc: 0.81234, logLoss: 0.4 }, { auc: 0.8, logLoss: 0.3 });
    expect(comparison).toBe("AUC 0.8123 vs 0.8000, log-loss 0.4000 vs 0.3000");
    expect(promotionReason(3, true, comparison)).toBe(`beats v3 on the held-out window (${comparison})`);
    expect(promotionReason(3, false, comparison)).toBe(`does not beat v3 on the held-out window (${comparison}): kept v3 active`);
  });
});
