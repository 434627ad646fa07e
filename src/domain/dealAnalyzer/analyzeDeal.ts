// Buy-and-hold rental analysis: composes every analyzer function into the one result the deal form shows.
import { cashToClose, closingCosts } from "./acquisition";
import { loanTermsFor } from "./financing";
import { holdingCosts, type HoldingCosts } from "./holding";
import { annualDebtService, type LoanTerms, monthlyPayment } from "./loan";
import { maxAllowableOffer } from "./offer";
import { operatingStatement, type OperatingStatement } from "./operating";
import { type Projection, projectHold } from "./projection";
import { repairBudget, type RepairBudget } from "./repairs";
import { annualCashFlow as cashFlowPerYear, capRate, cashOnCash, debtServiceCoverageRatio } from "./returns";
import type { DealAnalysisInput } from "./schemas";

export interface DealAnalysis {
  purchasePrice: number;
  arv: number | null;
  repairs: RepairBudget;
  /** ARV × maoPercent − repairs − wholesale fee; null without an ARV. */
  maxAllowableOffer: number | null;
  /** purchasePrice ≤ MAO; null without an ARV. */
  meetsMaxAllowableOffer: boolean | null;
  closingCosts: number;
  holding: HoldingCosts;
  /** The loan (null when all cash); pass it to amortizationSchedule() for the table. */
  loan: LoanTerms | null;
  loanAmount: number;
  downPayment: number;
  loanPoints: number;
  totalCashInvested: number;
  allInCost: number;
  monthlyDebtService: number;
  annualDebtService: number;
  /** Year one, annual. */
  operating: OperatingStatement;
  /** Year-one NOI / purchase price. */
  capRate: number | null;
  /** Year-one NOI / all-in cost (price + closing + points + repairs + holding). */
  capRateOnCost: number | null;
  /** NOI − annual debt service. */
  annualCashFlow: number;
  monthlyCashFlow: number;
  cashOnCash: number | null;
  /** null when there is no loan. */
  dscr: number | null;
  projection: Projection;
}

/**
 * Composition (all figures annual unless named monthly):
 * repairs = Σ items × (1 + contingency); closing = price × rate + fixed; loan = price × LTV;
 * holding = months × (taxes + insurance + utilities + other) + loan payments in those months;
 * cash invested = price − loan + closing + points + repairs + holding; NOI from the operating statement;
 * cash flow = NOI − 12 × PMT; cap rate = NOI / price; CoC = cash flow / cash invested; DSCR = NOI / debt service;
 * projection over the hold with the loan's first `holding.months` payments already made.
 */
export function analyzeDeal(input: DealAnalysisInput): DealAnalysis {
  const { purchase, financing, operating: operatingInput, holding: holdingInput, projection: projectionInput, offer } = input;
  const price = purchase.purchasePrice;
  const repairs = repairBudget(input.repairs.items, input.repairs.contingencyRate);
  const closing = closingCosts({ price, rate: purchase.closingCostRate, fixed: purchase.closingCostFixed });

  const loan = loanTermsFor(price, financing);
  const monthlyDebtService = loan ? monthlyPayment(loan) : 0;
  const holding = holdingCosts({ ...holdingInput, loan });
  const cash = cashToClose({
    purchasePrice: price,
    closingCosts: closing,
    loanAmount: loan?.principal ?? 0,
    pointsRate: financing?.pointsRate ?? 0,
    cashRepairs: repairs.total,
    holdingCosts: holding.total,
  });

  const operating = operatingStatement(operatingInput);
  const noi = operating.netOperatingIncome;
  const debtService = loan ? annualDebtService(loan) : 0;
  const annualCashFlow = cashFlowPerYear(noi, debtService);

  const arv = purchase.arv ?? null;
  const mao = arv === null ? null : maxAllowableOffer({ arv, repairs: repairs.total, percent: offer.maoPercent, wholesaleFee: offer.wholesaleFee });

  return {
    purchasePrice: price,
    arv,
    repairs,
    maxAllowableOffer: mao,
    meetsMaxAllowableOffer: mao === null ? null : price <= mao,
    closingCosts: closing,
    holding,
    loan,
    loanAmount: loan?.principal ?? 0,
    downPayment: cash.downPayment,
    loanPoints: cash.loanPoints,
    totalCashInvested: cash.totalCashInvested,
    allInCost: cash.allInCost,
    monthlyDebtService,
    annualDebtService: debtService,
    operating,
    capRate: capRate(noi, price),
    capRateOnCost: capRate(noi, cash.allInCost),
    annualCashFlow,
    monthlyCashFlow: annualCashFlow / 12,
    cashOnCash: cashOnCash(annualCashFlow, cash.totalCashInvested),
    dscr: debtServiceCoverageRatio(noi, debtService),
    projection: projectHold({
      operating: operatingInput,
      initialEquity: cash.totalCashInvested,
      loan,
      loanMonthsBeforeYear1: holdingInput.months,
      holdYears: projectionInput.holdYears,
      rentGrowthRate: projectionInput.rentGrowthRate,
      expenseGrowthRate: projectionInput.expenseGrowthRate,
      exitCapRate: projectionInput.exitCapRate,
      sellingCostRate: projectionInput.sellingCostRate,
      discountRate: projectionInput.discountRate,
    }),
  };
}
