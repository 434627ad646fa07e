// Zod schemas for the analyzer's input groups (one per section of the form), and the types inferred from them.
// Money in dollars, rates as fractions (0.07 = 7%); the form converts percentages for display.
import { z } from "zod";

const MAX_MONEY = 1_000_000_000;

const money = () =>
  z
    .number({ error: "Enter a number" })
    .min(0, { error: "Must be 0 or more" })
    .max(MAX_MONEY, { error: "Must be at most $1,000,000,000" });

const positiveMoney = () => money().gt(0, { error: "Must be more than 0" });

/** A fraction between min and max inclusive, with the bounds shown as percentages in the message. */
const rate = (min: number, max: number) => {
  const message = `Must be between ${min * 100}% and ${max * 100}%`;
  return z.number({ error: "Enter a number" }).min(min, { error: message }).max(max, { error: message });
};

const wholeNumber = (min: number, max: number, unit: string) => {
  const message = `Must be between ${min} and ${max} ${unit}`;
  return z.number({ error: "Enter a number" }).int({ error: `Must be a whole number of ${unit}` }).min(min, { error: message }).max(max, { error: message });
};

export const repairLineItemSchema = z.object({
  label: z.string().trim().min(1, { error: "Name the repair" }).max(100, { error: "Must be at most 100 characters" }),
  cost: money(),
});

export const repairsInputSchema = z.object({
  items: z.array(repairLineItemSchema).max(200, { error: "At most 200 line items" }).default([]),
  contingencyRate: rate(0, 1).default(0),
});

export const purchaseInputSchema = z.object({
  purchasePrice: positiveMoney(),
  /** After-repair value; needed for the MAO. */
  arv: money().optional(),
  closingCostRate: rate(0, 0.2).default(0),
  closingCostFixed: money().default(0),
});

export const financingInputSchema = z.object({
  /** Loan as a fraction of the purchase price; 1 = 100% financing. */
  loanToValue: rate(0, 1),
  annualRate: rate(0, 0.5),
  amortizationYears: wholeNumber(1, 50, "years"),
  interestOnly: z.boolean().default(false),
  pointsRate: rate(0, 0.1).default(0),
});

export const operatingInputSchema = z.object({
  monthlyRent: money(),
  otherMonthlyIncome: money().default(0),
  vacancyRate: rate(0, 1).default(0),
  managementRate: rate(0, 0.5).default(0),
  maintenanceRate: rate(0, 0.5).default(0),
  capexRate: rate(0, 0.5).default(0),
  annualPropertyTaxes: money().default(0),
  annualInsurance: money().default(0),
  monthlyHoa: money().default(0),
  monthlyUtilities: money().default(0),
  annualOtherExpenses: money().default(0),
});

export const holdingInputSchema = z.object({
  months: wholeNumber(0, 120, "months").default(0),
  monthlyTaxes: money().default(0),
  monthlyInsurance: money().default(0),
  monthlyUtilities: money().default(0),
  monthlyOther: money().default(0),
});

export const projectionInputSchema = z.object({
  holdYears: wholeNumber(1, 50, "years"),
  rentGrowthRate: rate(-0.5, 0.5).default(0),
  expenseGrowthRate: rate(-0.5, 0.5).default(0),
  exitCapRate: z
    .number({ error: "Enter a number" })
    .gt(0, { error: "Must be more than 0%" })
    .max(0.5, { error: "Must be at most 50%" }),
  sellingCostRate: rate(0, 0.2).default(0),
  discountRate: rate(-0.5, 1).optional(),
});

export const offerInputSchema = z.object({
  maoPercent: rate(0.01, 1).default(0.7),
  wholesaleFee: money().default(0),
});

/** Everything `analyzeDeal` needs for a buy-and-hold rental. financing null = all cash. */
export const dealAnalysisInputSchema = z.object({
  purchase: purchaseInputSchema,
  repairs: repairsInputSchema.default({ items: [], contingencyRate: 0 }),
  financing: financingInputSchema.nullable().default(null),
  operating: operatingInputSchema,
  holding: holdingInputSchema.default({ months: 0, monthlyTaxes: 0, monthlyInsurance: 0, monthlyUtilities: 0, monthlyOther: 0 }),
  projection: projectionInputSchema,
  offer: offerInputSchema.default({ maoPercent: 0.7, wholesaleFee: 0 }),
});

/** Everything `analyzeFlip` needs for a fix-and-flip. */
export const flipInputSchema = z.object({
  purchase: purchaseInputSchema.extend({ arv: positiveMoney() }),
  repairs: repairsInputSchema.default({ items: [], contingencyRate: 0 }),
  financing: financingInputSchema.nullable().default(null),
  holding: holdingInputSchema,
  /** Commission and closing at resale, fraction of ARV. */
  sellingCostRate: rate(0, 0.2).default(0),
  offer: offerInputSchema.default({ maoPercent: 0.7, wholesaleFee: 0 }),
});

/** Form values as typed in (defaults still optional). */
export type RepairLineItemValues = z.input<typeof repairLineItemSchema>;
export type RepairsFormValues = z.input<typeof repairsInputSchema>;
export type PurchaseFormValues = z.input<typeof purchaseInputSchema>;
export type FinancingFormValues = z.input<typeof financingInputSchema>;
export type OperatingFormValues = z.input<typeof operatingInputSchema>;
export type HoldingFormValues = z.input<typeof holdingInputSchema>;
export type ProjectionFormValues = z.input<typeof projectionInputSchema>;
export type OfferFormValues = z.input<typeof offerInputSchema>;
export type DealAnalysisFormValues = z.input<typeof dealAnalysisInputSchema>;
export type FlipFormValues = z.input<typeof flipInputSchema>;

/** Parsed values (defaults filled) — what the analyzer functions take. */
export type RepairsInput = z.infer<typeof repairsInputSchema>;
export type PurchaseInput = z.infer<typeof purchaseInputSchema>;
export type FinancingInput = z.infer<typeof financingInputSchema>;
export type OperatingValues = z.infer<typeof operatingInputSchema>;
export type HoldingInput = z.infer<typeof holdingInputSchema>;
export type ProjectionValues = z.infer<typeof projectionInputSchema>;
export type OfferInput = z.infer<typeof offerInputSchema>;
export type DealAnalysisInput = z.infer<typeof dealAnalysisInputSchema>;
export type FlipInput = z.infer<typeof flipInputSchema>;
