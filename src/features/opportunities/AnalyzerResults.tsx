import { useMemo } from "react";
import { amortizationSchedule, DEFAULT_MAO_PERCENT, maxAllowableOffer, type DealAnalysis, type DealAnalysisInput } from "@/domain/dealAnalyzer";
import { cn } from "@/lib/cn";
import { money, moneyCents, percent, times } from "./format";

function Figure({ label, value, tone, hint }: { label: string; value: string; tone?: "good" | "bad"; hint?: string }) {
  return (
    <div className="space-y-0.5">
      <dt className="text-xs text-zinc-500 dark:text-zinc-400">{label}</dt>
      <dd
        aria-label={label}
        title={hint}
        className={cn("text-base font-semibold tabular-nums", tone === "good" && "text-emerald-700 dark:text-emerald-400", tone === "bad" && "text-red-600 dark:text-red-400")}
      >
        {value}
      </dd>
    </div>
  );
}

/** Years of the loan to show in the compact amortisation summary: 1, 2, 5, 10, the hold's last, the term's last. */
function summaryYears(termYears: number, holdYears: number): number[] {
  return [...new Set([1, 2, 5, 10, holdYears, termYears])].filter((y) => y >= 1 && y <= termYears).sort((a, b) => a - b);
}

/** The analyzer's figures: offer, returns, cash flow, the hold projection and a compact amortisation summary. */
export function AnalyzerResults({ analysis, input }: { analysis: DealAnalysis; input: DealAnalysisInput }) {
  const { loan } = analysis;
  const amortization = useMemo(() => {
    if (!loan) return null;
    const rows = amortizationSchedule(loan);
    const years = summaryYears(loan.years, input.projection.holdYears).map((year) => {
      const slice = rows.slice((year - 1) * 12, year * 12);
      const through = rows.slice(0, year * 12);
      return {
        year,
        interest: slice.reduce((s, r) => s + r.interest, 0),
        principal: slice.reduce((s, r) => s + r.principal, 0),
        balance: slice.length ? slice[slice.length - 1].balance : 0,
        totalInterest: through.reduce((s, r) => s + r.interest, 0),
      };
    });
    return { years, totalInterest: rows.reduce((s, r) => s + r.interest, 0) };
  }, [loan, input.projection.holdYears]);

  const mao70 = analysis.arv === null ? null : maxAllowableOffer({ arv: analysis.arv, repairs: analysis.repairs.total, percent: DEFAULT_MAO_PERCENT, wholesaleFee: input.offer.wholesaleFee });
  const customPercent = input.offer.maoPercent;
  const { projection } = analysis;

  return (
    <div className="space-y-5" aria-label="Analysis results" role="group">
      <section className="space-y-2">
        <h3 className="text-sm font-medium">Offer</h3>
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3">
          <Figure label="Purchase price" value={money(analysis.purchasePrice)} />
          <Figure label="MAO (70% rule)" value={money(mao70)} tone={mao70 === null ? undefined : analysis.purchasePrice <= mao70 ? "good" : "bad"} hint="ARV × 70% − repairs − wholesale fee" />
          {Math.abs(customPercent - DEFAULT_MAO_PERCENT) > 1e-9 && (
            <Figure
              label={`MAO (${percent(customPercent, 0)})`}
              value={money(analysis.maxAllowableOffer)}
              tone={analysis.meetsMaxAllowableOffer === null ? undefined : analysis.meetsMaxAllowableOffer ? "good" : "bad"}
            />
          )}
          <Figure label="Repairs" value={money(analysis.repairs.total)} />
          <Figure label="Closing costs" value={money(analysis.closingCosts)} />
          <Figure label="Holding costs" value={money(analysis.holding.total)} />
          <Figure label="Cash invested" value={money(analysis.totalCashInvested)} />
          <Figure label="All-in cost" value={money(analysis.allInCost)} />
        </dl>
        {analysis.maxAllowableOffer !== null && (
          <p className={cn("text-sm", analysis.meetsMaxAllowableOffer ? "text-emerald-700 dark:text-emerald-400" : "text-red-600 dark:text-red-400")}>
            {analysis.meetsMaxAllowableOffer
              ? `The price is ${money(analysis.maxAllowableOffer - analysis.purchasePrice)} under the MAO.`
              : analysis.maxAllowableOffer < 0
                ? "No price works at this ARV and repair budget."
                : `The price is ${money(analysis.purchasePrice - analysis.maxAllowableOffer)} over the MAO.`}
          </p>
        )}
      </section>
      <section className="space-y-2">
        <h3 className="text-sm font-medium">Year one</h3>
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3">
          <Figure label="NOI" value={money(analysis.operating.netOperatingIncome)} />
          <Figure label="Cap rate" value={percent(analysis.capRate)} />
          <Figure label="Cap rate on cost" value={percent(analysis.capRateOnCost)} />
          <Figure label="Cash-on-cash" value={percent(analysis.cashOnCash)} tone={analysis.cashOnCash === null ? undefined : analysis.cashOnCash >= 0 ? "good" : "bad"} />
          <Figure label="DSCR" value={analysis.dscr === null ? "All cash" : times(analysis.dscr)} tone={analysis.dscr === null ? undefined : analysis.dscr >= 1.25 ? "good" : analysis.dscr < 1 ? "bad" : undefined} />
          <Figure label="Monthly cash flow" value={moneyCents(analysis.monthlyCashFlow)} tone={analysis.monthlyCashFlow >= 0 ? "good" : "bad"} />
          <Figure label="Monthly payment" value={moneyCents(analysis.monthlyDebtService)} />
          <Figure label="Loan amount" value={money(analysis.loanAmount)} />
          <Figure label="Annual cash flow" value={money(analysis.annualCashFlow)} />
        </dl>
      </section>
      <section className="space-y-2">
        <h3 className="text-sm font-medium">Over {input.projection.holdYears} year{input.projection.holdYears === 1 ? "" : "s"}</h3>
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3">
          <Figure label="IRR" value={percent(projection.irr)} tone={projection.irr === null ? undefined : projection.irr >= 0 ? "good" : "bad"} />
          <Figure label="Equity multiple" value={times(projection.equityMultiple)} />
          <Figure label="Total profit" value={money(projection.totalProfit)} />
          <Figure label="Sale price at exit" value={money(projection.sale.salePrice)} />
          <Figure label="Net sale proceeds" value={money(projection.sale.netSaleProceeds)} />
          {projection.npv !== null && <Figure label="NPV" value={money(projection.npv)} />}
        </dl>
      </section>
      {amortization && loan && (
        <section className="space-y-2">
          <h3 className="text-sm font-medium">
            Amortisation · {money(loan.principal)} at {percent(loan.annualRate)} over {loan.years} years{loan.interestOnly ? ", interest only" : ""}
          </h3>
          <table className="w-full text-right text-sm tabular-nums" aria-label="Amortisation summary">
            <thead className="text-xs text-zinc-500">
              <tr>
                <th className="text-left font-normal">Year</th>
                <th className="font-normal">Interest</th>
                <th className="font-normal">Principal</th>
                <th className="font-normal">Balance at end</th>
              </tr>
            </thead>
            <tbody>
              {amortization.years.map((y) => (
                <tr key={y.year} className="border-t border-zinc-100 dark:border-zinc-800">
                  <td className="text-left">{y.year}</td>
                  <td>{money(y.interest)}</td>
                  <td>{money(y.principal)}</td>
                  <td>{money(y.balance)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="text-xs text-zinc-500">Total interest over the term: {money(amortization.totalInterest)}</p>
        </section>
      )}
    </div>
  );
}
