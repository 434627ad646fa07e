// The deal analyzer's form: what the inputs hold (text as typed, percentages as the user reads them) and the
// conversions to and from the analyzer's input (numbers, rates as fractions), validated by dealAnalysisInputSchema.
import { z } from "zod";
import { dealAnalysisInputSchema, type DealAnalysisFormValues } from "@/domain/dealAnalyzer";

export interface AnalyzerFormValues {
  purchase: { purchasePrice: string; arv: string; closingCostRate: string; closingCostFixed: string };
  repairs: { items: { label: string; cost: string }[]; contingencyRate: string };
  allCash: boolean;
  financing: { loanToValue: string; annualRate: string; amortizationYears: string; interestOnly: boolean; pointsRate: string };
  operating: {
    monthlyRent: string;
    otherMonthlyIncome: string;
    vacancyRate: string;
    managementRate: string;
    maintenanceRate: string;
    capexRate: string;
    annualPropertyTaxes: string;
    annualInsurance: string;
    monthlyHoa: string;
    monthlyUtilities: string;
    annualOtherExpenses: string;
  };
  holding: { months: string; monthlyTaxes: string; monthlyInsurance: string; monthlyUtilities: string; monthlyOther: string };
  projection: { holdYears: string; rentGrowthRate: string; expenseGrowthRate: string; exitCapRate: string; sellingCostRate: string; discountRate: string };
  offer: { maoPercent: string; wholesaleFee: string };
}

/** Fields shown and typed as percentages (7 = 7%) but stored as fractions (0.07). */
export const PERCENT_FIELDS = {
  purchase: ["closingCostRate"],
  repairs: ["contingencyRate"],
  financing: ["loanToValue", "annualRate", "pointsRate"],
  operating: ["vacancyRate", "managementRate", "maintenanceRate", "capexRate"],
  holding: [],
  projection: ["rentGrowthRate", "expenseGrowthRate", "exitCapRate", "sellingCostRate", "discountRate"],
  offer: ["maoPercent"],
} as const satisfies Record<string, readonly string[]>;

type Section = keyof typeof PERCENT_FIELDS;
const isPercent = (section: Section, field: string) => (PERCENT_FIELDS[section] as readonly string[]).includes(field);

/** "" → undefined (the schema's default applies, or "required"); text that is not a number → NaN ("Enter a number"). */
function toNumber(text: string, percent: boolean): number | undefined {
  const trimmed = text.trim().replace(/[$,%\s]/g, "");
  if (trimmed === "") return undefined;
  const n = Number(trimmed);
  if (!Number.isFinite(n)) return Number.NaN;
  // Through toPrecision so 7.1 / 100 is 0.071, not 0.07100000000000001.
  return percent ? Number((n / 100).toPrecision(12)) : n;
}

function fromNumber(value: number | null | undefined, percent: boolean): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "";
  return String(percent ? Number((value * 100).toPrecision(12)) : value);
}

function convertSection<T extends Record<string, unknown>>(section: Section, values: T): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    if (typeof value === "string") {
      const n = toNumber(value, isPercent(section, key));
      if (n !== undefined) out[key] = n;
    } else {
      out[key] = value;
    }
  }
  return out;
}

/** The analyzer's input from the form, as plain data for dealAnalysisInputSchema (not validated here). */
export function toAnalysisInput(form: AnalyzerFormValues): unknown {
  return {
    purchase: convertSection("purchase", form.purchase),
    repairs: {
      items: form.repairs.items.map((item) => ({ label: item.label, cost: toNumber(item.cost, false) ?? Number.NaN })),
      ...convertSection("repairs", { contingencyRate: form.repairs.contingencyRate }),
    },
    financing: form.allCash ? null : convertSection("financing", form.financing),
    operating: convertSection("operating", form.operating),
    holding: convertSection("holding", form.holding),
    projection: convertSection("projection", form.projection),
    offer: convertSection("offer", form.offer),
  };
}

/** The form, validated and converted in one go: for react-hook-form's resolver and for the live figures. */
export const analyzerFormSchema = z.preprocess((form) => toAnalysisInput(form as AnalyzerFormValues), dealAnalysisInputSchema);

function sectionToForm<K extends string>(section: Section, keys: readonly K[], values: Partial<Record<K, unknown>> | null | undefined): Record<K, string> {
  const out = {} as Record<K, string>;
  for (const key of keys) out[key] = fromNumber(values?.[key] as number | null | undefined, isPercent(section, key));
  return out;
}

/** The form for saved inputs, or a starting point from what the deal already says (its value as the price). */
export function toFormValues(saved: DealAnalysisFormValues | null, fallback: { purchasePrice?: number | null } = {}): AnalyzerFormValues {
  const a = saved;
  const financing = a?.financing ?? null;
  return {
    purchase: sectionToForm("purchase", ["purchasePrice", "arv", "closingCostRate", "closingCostFixed"], a?.purchase ?? { purchasePrice: fallback.purchasePrice ?? undefined }),
    repairs: {
      items: (a?.repairs?.items ?? []).map((i) => ({ label: i.label, cost: fromNumber(i.cost, false) })),
      contingencyRate: fromNumber(a?.repairs?.contingencyRate ?? (a ? 0 : 0.1), true),
    },
    allCash: a ? financing === null : false,
    financing: {
      ...sectionToForm("financing", ["loanToValue", "annualRate", "amortizationYears", "pointsRate"], financing ?? (a ? {} : { loanToValue: 0.75, annualRate: 0.07, amortizationYears: 30, pointsRate: 0 })),
      interestOnly: financing?.interestOnly ?? false,
    },
    operating: sectionToForm(
      "operating",
      ["monthlyRent", "otherMonthlyIncome", "vacancyRate", "managementRate", "maintenanceRate", "capexRate", "annualPropertyTaxes", "annualInsurance", "monthlyHoa", "monthlyUtilities", "annualOtherExpenses"],
      a?.operating ?? { vacancyRate: 0.05, managementRate: 0.08, maintenanceRate: 0.05, capexRate: 0.05 },
    ),
    holding: sectionToForm("holding", ["months", "monthlyTaxes", "monthlyInsurance", "monthlyUtilities", "monthlyOther"], a?.holding),
    projection: sectionToForm(
      "projection",
      ["holdYears", "rentGrowthRate", "expenseGrowthRate", "exitCapRate", "sellingCostRate", "discountRate"],
      a?.projection ?? { holdYears: 5, rentGrowthRate: 0.03, expenseGrowthRate: 0.02, exitCapRate: 0.065, sellingCostRate: 0.06 },
    ),
    offer: sectionToForm("offer", ["maoPercent", "wholesaleFee"], a?.offer ?? { maoPercent: 0.7, wholesaleFee: 0 }),
  };
}
