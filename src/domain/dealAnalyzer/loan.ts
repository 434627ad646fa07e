// Loan maths: the level monthly payment, balances, interest paid and the amortisation schedule.

export interface LoanTerms {
  /** Amount borrowed, dollars. */
  principal: number;
  /** Nominal annual rate as a fraction; compounded monthly (rate / 12 per month). */
  annualRate: number;
  /** Term in years; payments = years × 12. */
  years: number;
  /**
   * Interest-only: every payment is interest; the principal stays outstanding and is repaid in one lump sum —
   * the balloon — which this module settles at the payoff (remainingBalance), never as a scheduled payment.
   */
  interestOnly?: boolean;
}

export interface AmortizationRow {
  /** 1-based month number. */
  period: number;
  payment: number;
  interest: number;
  principal: number;
  /** Balance after this payment. */
  balance: number;
}

function monthlyRate(terms: LoanTerms): number {
  return terms.annualRate / 12;
}

function paymentCount(terms: LoanTerms): number {
  return Math.round(terms.years * 12);
}

/**
 * Level monthly payment: PMT = P × r / (1 − (1 + r)^−n), with r = annualRate / 12 and n = years × 12.
 * r = 0 → P / n. Interest-only → P × r (the balloon is not part of the payment). No principal or no term → 0.
 */
export function monthlyPayment(terms: LoanTerms): number {
  const n = paymentCount(terms);
  if (terms.principal <= 0 || n <= 0) return 0;
  const r = monthlyRate(terms);
  if (terms.interestOnly) return terms.principal * r;
  if (r === 0) return terms.principal / n;
  return (terms.principal * r) / (1 - (1 + r) ** -n);
}

/** Annual debt service = 12 × monthly payment. */
export function annualDebtService(terms: LoanTerms): number {
  return 12 * monthlyPayment(terms);
}

/**
 * Balance after k payments: B_k = P(1 + r)^k − PMT × ((1 + r)^k − 1) / r; r = 0 → P − PMT × k.
 * k ≤ 0 → P; amortising and k ≥ n → 0. Interest-only → P for every k: the balloon is owed until it is paid off
 * (at a sale or refinance), so a 5-year interest-only loan sold at month 60 still pays off P.
 */
export function remainingBalance(terms: LoanTerms, paymentsMade: number): number {
  const n = paymentCount(terms);
  if (terms.principal <= 0) return 0;
  if (paymentsMade <= 0 || terms.interestOnly) return terms.principal;
  if (paymentsMade >= n) return 0;
  const r = monthlyRate(terms);
  const pmt = monthlyPayment(terms);
  if (r === 0) return terms.principal - pmt * paymentsMade;
  const growth = (1 + r) ** paymentsMade;
  return terms.principal * growth - (pmt * (growth - 1)) / r;
}

/**
 * Scheduled payments in months (from, to] — e.g. (0, 12] is year 1: PMT × (number of those months within the
 * term; none after it). The interest-only balloon is not a payment here; it is the payoff (remainingBalance).
 */
export function paymentsBetween(terms: LoanTerms, fromMonth: number, toMonth: number): number {
  const n = paymentCount(terms);
  const months = Math.max(0, Math.min(toMonth, n) - Math.max(fromMonth, 0));
  return monthlyPayment(terms) * months;
}

/**
 * Interest paid in months (from, to] = payments − principal repaid = Σ PMT − (B_from − B_to).
 */
export function interestBetween(terms: LoanTerms, fromMonth: number, toMonth: number): number {
  const to = Math.min(toMonth, paymentCount(terms));
  const from = Math.max(fromMonth, 0);
  if (to <= from) return 0;
  const principalRepaid = remainingBalance(terms, from) - remainingBalance(terms, to);
  return paymentsBetween(terms, from, to) - principalRepaid;
}

/**
 * Month-by-month schedule: interest_k = B_{k−1} × r, principal_k = PMT − interest_k, B_k = B_{k−1} − principal_k.
 * The last row of an amortising loan absorbs floating-point residue so the balance ends at exactly 0; the
 * schedule runs to maturity, so an interest-only loan's last row shows the balloon (payment = interest + P).
 */
export function amortizationSchedule(terms: LoanTerms): AmortizationRow[] {
  const n = paymentCount(terms);
  if (terms.principal <= 0 || n <= 0) return [];
  const r = monthlyRate(terms);
  const pmt = monthlyPayment(terms);
  const rows: AmortizationRow[] = [];
  let balance = terms.principal;
  for (let period = 1; period <= n; period++) {
    const interest = balance * r;
    let principal = terms.interestOnly ? 0 : pmt - interest;
    if (period === n) principal = balance;
    balance -= principal;
    rows.push({ period, payment: interest + principal, interest, principal, balance: period === n ? 0 : balance });
  }
  return rows;
}
