// Fix-and-flip analysis: MAO, total project cost, profit and ROI for a buy–repair–resell.
import { cashToClose, closingCosts } from "./acquisition";
import { loanTermsFor } from "./financing";
import { holdingCosts, type HoldingCosts } from "./holding";
import { interestBetween, remainingBalance } from "./loan";
import { maxAllowableOffer } from "./offer";
import { safeRatio } from "./ratio";
import { repairBudget, type RepairBudget } from "./repairs";
import type { FlipInput } from "./schemas";

export interface FlipAnalysis {
  arv: number;
  purchasePrice: number;
  repairs: RepairBudget;
  maxAllowableOffer: number;
  meetsMaxAllowableOffer: boolean;
  closingCosts: number;
  loanAmount: number;
  loanPoints: number;
  /** Months × (taxes + insurance + utilities + other) + loan payments in those months. */
  holding: HoldingCosts;
  /** Interest paid on the loan while holding (the part of the payments that is a cost). */
  interestPaid: number;
  sellingCosts: number;
  /** Loan balance repaid from the sale. */
  loanPayoff: number;
  /** Price + closing + points + repairs + holding costs other than principal + selling costs. */
  totalProjectCost: number;
  /** Out of pocket before the sale: down payment + closing + points + repairs + all holding costs incl. payments. */
  totalCashInvested: number;
  /** ARV − selling costs − loan payoff. */
  netSaleProceeds: number;
  /** netSaleProceeds − totalCashInvested (= ARV − totalProjectCost). */
  profit: number;
  /** profit / totalCashInvested; null when nothing was invested. */
  roi: number | null;
  /** profit / totalProjectCost. */
  returnOnCost: number | null;
  /** profit / ARV. */
  profitMargin: number | null;
}

/**
 * MAO = ARV × maoPercent − repairs − fee; cash invested = price − loan + closing + points + repairs + holding
 * (holding includes the loan payments); net sale = ARV × (1 − sellingCostRate) − loan balance after `months`;
 * profit = net sale − cash invested; ROI = profit / cash invested. Principal repaid during the hold comes back
 * at the sale, so only interest is a cost.
 */
export function analyzeFlip(input: FlipInput): FlipAnalysis {
  const { purchase, financing, offer } = input;
  const { arv, purchasePrice } = purchase;
  const repairs = repairBudget(input.repairs.items, input.repairs.contingencyRate);
  const closing = closingCosts({ price: purchasePrice, rate: purchase.closingCostRate, fixed: purchase.closingCostFixed });
  const loan = loanTermsFor(purchasePrice, financing);
  const months = input.holding.months;
  const holding = holdingCosts({ ...input.holding, loan });
  const cash = cashToClose({
    purchasePrice,
    closingCosts: closing,
    loanAmount: loan?.principal ?? 0,
    pointsRate: financing?.pointsRate ?? 0,
    cashRepairs: repairs.total,
    holdingCosts: holding.total,
  });
  const interestPaid = loan ? interestBetween(loan, 0, months) : 0;
  const loanPayoff = loan ? remainingBalance(loan, months) : 0;
  const sellingCosts = arv * input.sellingCostRate;
  const netSaleProceeds = arv - sellingCosts - loanPayoff;
  const profit = netSaleProceeds - cash.totalCashInvested;
  const totalProjectCost = cash.allInCost - holding.financing + interestPaid + sellingCosts;
  const mao = maxAllowableOffer({ arv, repairs: repairs.total, percent: offer.maoPercent, wholesaleFee: offer.wholesaleFee });

  return {
    arv,
    purchasePrice,
    repairs,
    maxAllowableOffer: mao,
    meetsMaxAllowableOffer: purchasePrice <= mao,
    closingCosts: closing,
    loanAmount: loan?.principal ?? 0,
    loanPoints: cash.loanPoints,
    holding,
    interestPaid,
    sellingCosts,
    loanPayoff,
    totalProjectCost,
    totalCashInvested: cash.totalCashInvested,
    netSaleProceeds,
    profit,
    roi: safeRatio(profit, cash.totalCashInvested),
    returnOnCost: safeRatio(profit, totalProjectCost),
    profitMargin: safeRatio(profit, arv),
  };
}
