// Operating statement for a rental: gross scheduled rent → effective gross income → operating expenses → NOI.

export interface OperatingInput {
  monthlyRent: number;
  /** Laundry, parking, storage, pet fees… per month. Not reduced by vacancy. */
  otherMonthlyIncome?: number;
  /** Vacancy and credit loss as a fraction of gross scheduled rent. */
  vacancyRate?: number;
  /** Property management as a fraction of effective gross income. */
  managementRate?: number;
  /** Repairs and maintenance as a fraction of effective gross income. */
  maintenanceRate?: number;
  /** Capital-expenditure reserve as a fraction of effective gross income (counted as an operating expense). */
  capexRate?: number;
  annualPropertyTaxes?: number;
  annualInsurance?: number;
  monthlyHoa?: number;
  /** Utilities the owner pays, per month. */
  monthlyUtilities?: number;
  annualOtherExpenses?: number;
}

/** Annual figures, dollars. */
export interface OperatingStatement {
  grossScheduledRent: number;
  vacancyLoss: number;
  otherIncome: number;
  effectiveGrossIncome: number;
  /** Expenses that are a share of income: management + maintenance + capex reserve. */
  variableExpenses: number;
  /** Taxes + insurance + HOA + utilities + other. */
  fixedExpenses: number;
  operatingExpenses: number;
  netOperatingIncome: number;
}

/** Fixed annual expenses = taxes + insurance + 12 × (HOA + utilities) + other. */
export function fixedAnnualExpenses(input: OperatingInput): number {
  return (
    (input.annualPropertyTaxes ?? 0) +
    (input.annualInsurance ?? 0) +
    12 * ((input.monthlyHoa ?? 0) + (input.monthlyUtilities ?? 0)) +
    (input.annualOtherExpenses ?? 0)
  );
}

/** Share of EGI spent on variable expenses = management + maintenance + capex rates. */
export function variableExpenseRate(input: OperatingInput): number {
  return (input.managementRate ?? 0) + (input.maintenanceRate ?? 0) + (input.capexRate ?? 0);
}

/**
 * Year-one statement: GSR = 12 × rent; vacancy = GSR × vacancyRate; other = 12 × other income;
 * EGI = GSR − vacancy + other; OpEx = EGI × (mgmt + maint + capex) + fixed; NOI = EGI − OpEx.
 * `rentFactor` and `expenseFactor` scale income and fixed expenses (the projection passes (1 + g)^(t−1)).
 */
export function operatingStatement(input: OperatingInput, rentFactor = 1, expenseFactor = 1): OperatingStatement {
  const grossScheduledRent = 12 * input.monthlyRent * rentFactor;
  const vacancyLoss = grossScheduledRent * (input.vacancyRate ?? 0);
  const otherIncome = 12 * (input.otherMonthlyIncome ?? 0) * rentFactor;
  const effectiveGrossIncome = grossScheduledRent - vacancyLoss + otherIncome;
  const variableExpenses = effectiveGrossIncome * variableExpenseRate(input);
  const fixedExpenses = fixedAnnualExpenses(input) * expenseFactor;
  const operatingExpenses = variableExpenses + fixedExpenses;
  return {
    grossScheduledRent,
    vacancyLoss,
    otherIncome,
    effectiveGrossIncome,
    variableExpenses,
    fixedExpenses,
    operatingExpenses,
    netOperatingIncome: effectiveGrossIncome - operatingExpenses,
  };
}

/** NOI = EGI − operating expenses (annual, year one). Debt service is not an operating expense. */
export function netOperatingIncome(input: OperatingInput): number {
  return operatingStatement(input).netOperatingIncome;
}
