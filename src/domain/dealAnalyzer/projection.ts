// Hold-period projection: yearly NOI and cash flow with growth, a sale at an exit cap rate, IRR and equity multiple.
import { irr, npv } from "./irr";
import { type LoanTerms, paymentsBetween, remainingBalance } from "./loan";
import { type OperatingInput, operatingStatement } from "./operating";
import { equityMultiple } from "./returns";

export interface ProjectionInput {
  operating: OperatingInput;
  /** Cash the investor puts in at t = 0 (down payment, closing costs, points, cash repairs, holding). */
  initialEquity: number;
  /** null or undefined: bought with cash. */
  loan?: LoanTerms | null;
  /** Months of loan payments made before year 1 starts (rehab); shifts the debt-service window and the payoff. */
  loanMonthsBeforeYear1?: number;
  holdYears: number;
  /** Yearly growth of rent and other income, fraction. */
  rentGrowthRate?: number;
  /** Yearly growth of fixed expenses (taxes, insurance, HOA, utilities, other), fraction. */
  expenseGrowthRate?: number;
  /** Cap rate the buyer at exit pays on the following year's NOI, fraction (> 0). */
  exitCapRate: number;
  /** Selling costs (commission, closing) as a fraction of the sale price. */
  sellingCostRate?: number;
  /** Rate for the NPV figure; omitted → NPV is not computed (null). */
  discountRate?: number;
}

export interface ProjectionYear {
  year: number;
  effectiveGrossIncome: number;
  operatingExpenses: number;
  netOperatingIncome: number;
  debtService: number;
  /** NOI − debt service. */
  cashFlow: number;
}

export interface ProjectionSale {
  /** NOI_{n+1} / exitCapRate. */
  salePrice: number;
  sellingCosts: number;
  loanPayoff: number;
  /** salePrice − sellingCosts − loanPayoff (negative when the sale does not cover the loan). */
  netSaleProceeds: number;
}

export interface Projection {
  years: ProjectionYear[];
  sale: ProjectionSale;
  /** [−initialEquity, CF1, …, CFn + netSaleProceeds]. */
  cashFlows: number[];
  irr: number | null;
  npv: number | null;
  equityMultiple: number | null;
  /** Σ cash flows after the initial equity, i.e. total profit. */
  totalProfit: number;
}

/**
 * Year t (1 … n): income × (1 + g_rent)^(t−1), fixed expenses × (1 + g_exp)^(t−1), variable expenses as a share
 * of that year's EGI; NOI_t = EGI_t − OpEx_t; CF_t = NOI_t − debt service in months (12(t−1), 12t] (plus the rehab
 * offset). Sale at the end of year n: price = NOI_{n+1} / exitCapRate, net = price × (1 − sellingCostRate) − loan
 * balance. IRR and equity multiple over [−equity, CF1, …, CFn + net sale]. Nothing is clamped: a negative
 * NOI_{n+1} capitalises to a negative price, and a sale that does not cover the loan gives negative proceeds.
 * Throws RangeError for exitCapRate ≤ 0 or a hold that is not a whole number of years ≥ 1.
 */
export function projectHold(input: ProjectionInput): Projection {
  const { operating, loan, holdYears, exitCapRate } = input;
  if (!(exitCapRate > 0)) throw new RangeError("exitCapRate must be greater than 0");
  if (!Number.isInteger(holdYears) || holdYears < 1) throw new RangeError("holdYears must be a whole number ≥ 1");
  const rentGrowth = 1 + (input.rentGrowthRate ?? 0);
  const expenseGrowth = 1 + (input.expenseGrowthRate ?? 0);
  const offset = input.loanMonthsBeforeYear1 ?? 0;

  const years: ProjectionYear[] = [];
  for (let year = 1; year <= holdYears; year++) {
    const statement = operatingStatement(operating, rentGrowth ** (year - 1), expenseGrowth ** (year - 1));
    const debtService = loan ? paymentsBetween(loan, offset + 12 * (year - 1), offset + 12 * year) : 0;
    years.push({
      year,
      effectiveGrossIncome: statement.effectiveGrossIncome,
      operatingExpenses: statement.operatingExpenses,
      netOperatingIncome: statement.netOperatingIncome,
      debtService,
      cashFlow: statement.netOperatingIncome - debtService,
    });
  }

  const forwardNoi = operatingStatement(operating, rentGrowth ** holdYears, expenseGrowth ** holdYears).netOperatingIncome;
  const salePrice = forwardNoi / exitCapRate;
  const sellingCosts = salePrice * (input.sellingCostRate ?? 0);
  const loanPayoff = loan ? remainingBalance(loan, offset + 12 * holdYears) : 0;
  const sale: ProjectionSale = { salePrice, sellingCosts, loanPayoff, netSaleProceeds: salePrice - sellingCosts - loanPayoff };

  const cashFlows = [-input.initialEquity, ...years.map((y) => y.cashFlow)];
  cashFlows[holdYears] += sale.netSaleProceeds;
  let totalProfit = 0;
  for (const flow of cashFlows) totalProfit += flow;

  return {
    years,
    sale,
    cashFlows,
    irr: irr(cashFlows),
    npv: input.discountRate === undefined ? null : npv(input.discountRate, cashFlows),
    equityMultiple: equityMultiple(cashFlows),
    totalProfit,
  };
}
