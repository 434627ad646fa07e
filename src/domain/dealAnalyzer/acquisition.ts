// Purchase side: closing costs, the loan against the price, and the cash it takes to buy.

export interface ClosingCostInput {
  price: number;
  /** Closing costs as a fraction of the price (title, escrow, transfer tax…). */
  rate?: number;
  /** Closing costs in dollars on top of the rate (inspection, appraisal…). */
  fixed?: number;
}

/** closingCosts = price × rate + fixed. */
export function closingCosts({ price, rate = 0, fixed = 0 }: ClosingCostInput): number {
  return price * rate + fixed;
}

export interface CashToCloseInput {
  purchasePrice: number;
  closingCosts: number;
  loanAmount: number;
  /** Lender points as a fraction of the loan amount. */
  pointsRate?: number;
  /** Repairs paid from the buyer's own cash. */
  cashRepairs?: number;
  /** Holding costs paid before the property earns (rehab months). */
  holdingCosts?: number;
}

export interface CashToClose {
  downPayment: number;
  loanPoints: number;
  /** downPayment + closingCosts + loanPoints + cashRepairs + holdingCosts. */
  totalCashInvested: number;
  /** purchasePrice + closingCosts + loanPoints + cashRepairs + holdingCosts (the project's cost basis). */
  allInCost: number;
}

/**
 * downPayment = price − loan; loanPoints = loan × pointsRate;
 * totalCashInvested = downPayment + closingCosts + loanPoints + cashRepairs + holdingCosts.
 * With 100% financing and nothing else paid in cash this is 0 (cash-on-cash is then null).
 */
export function cashToClose({ purchasePrice, closingCosts, loanAmount, pointsRate = 0, cashRepairs = 0, holdingCosts = 0 }: CashToCloseInput): CashToClose {
  const downPayment = purchasePrice - loanAmount;
  const loanPoints = loanAmount * pointsRate;
  const extras = closingCosts + loanPoints + cashRepairs + holdingCosts;
  return { downPayment, loanPoints, totalCashInvested: downPayment + extras, allInCost: purchasePrice + extras };
}
