// Return ratios: cap rate, cash-on-cash, DSCR, equity multiple. Zero denominators give null (see ratio.ts).
import { safeRatio } from "./ratio";

/** Annual pre-tax cash flow = NOI − annual debt service (negative when the rent does not carry the loan). */
export function annualCashFlow(noi: number, annualDebtService: number): number {
  return noi - annualDebtService;
}

/** Monthly cash flow = (NOI − annual debt service) / 12. */
export function monthlyCashFlow(noi: number, annualDebtService: number): number {
  return (noi - annualDebtService) / 12;
}

/** Cap rate = NOI / price. null when the price is 0. */
export function capRate(noi: number, price: number): number | null {
  return safeRatio(noi, price);
}

/**
 * Cash-on-cash = annual pre-tax cash flow / total cash invested.
 * null when nothing was invested (100% financing with costs rolled in): the return is unbounded, not a number.
 */
export function cashOnCash(annualCashFlow: number, totalCashInvested: number): number | null {
  return safeRatio(annualCashFlow, totalCashInvested);
}

/**
 * DSCR = NOI / annual debt service. null when there is no debt service (no loan): there is no coverage to test,
 * and lenders' minimums (≈1.20–1.25) do not apply.
 */
export function debtServiceCoverageRatio(noi: number, annualDebtService: number): number | null {
  return safeRatio(noi, annualDebtService);
}

/**
 * Equity multiple = Σ money returned / Σ money put in, over a series of cash flows:
 * Σ positive flows / Σ |negative flows|. For [−E, CF1 … CFn] with positive CFs that is (CF1 + … + CFn) / E;
 * a year with negative cash flow counts as more equity put in. null when nothing was put in.
 */
export function equityMultiple(cashFlows: readonly number[]): number | null {
  let inflows = 0;
  let outflows = 0;
  for (const flow of cashFlows) {
    if (flow > 0) inflows += flow;
    else outflows -= flow;
  }
  return safeRatio(inflows, outflows);
}
