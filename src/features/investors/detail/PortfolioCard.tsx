import type { PortfolioSummary } from "@/domain/investors";
import { Card, CardBody, CardHeader } from "@/ui/Card";
import { InvestedOverTimeChart } from "../charts/InvestedOverTimeChart";
import { ReturnsChart } from "../charts/ReturnsChart";
import { formatMoney, formatPercent } from "../format";

function Stat({ label, value, sub }: { label: string; value: string; sub?: string }) {
  return (
    <div className="rounded-md bg-zinc-50 px-3 py-2.5 dark:bg-zinc-800/50">
      <dt className="text-xs text-zinc-500 dark:text-zinc-400">{label}</dt>
      <dd className="mt-0.5 text-lg font-semibold tabular-nums">{value}</dd>
      {sub && <dd className="text-xs text-zinc-500 tabular-nums dark:text-zinc-400">{sub}</dd>}
    </div>
  );
}

/** Deals, invested capital, realised and projected return, with the charts over the investments. */
export function PortfolioCard({ portfolio }: { portfolio: PortfolioSummary }) {
  const { deals, investedCapital, realizedReturn, projectedReturn, investments } = portfolio;
  const ofInvested = (v: number) => (investedCapital > 0 ? `${formatPercent(v / investedCapital)} of invested` : undefined);
  return (
    <Card>
      <CardHeader>
        <h2 className="font-medium">Portfolio</h2>
      </CardHeader>
      <CardBody className="space-y-6">
        <dl aria-label="Portfolio summary" className="grid grid-cols-2 gap-3 sm:grid-cols-4">
          <Stat label="Deals" value={String(deals)} />
          <Stat label="Invested capital" value={formatMoney(investedCapital)} />
          <Stat label="Realised return" value={formatMoney(realizedReturn)} sub={ofInvested(realizedReturn)} />
          <Stat label="Projected return" value={formatMoney(projectedReturn)} sub={ofInvested(projectedReturn)} />
        </dl>
        {investments.length === 0 ? (
          <p className="text-sm text-zinc-500 dark:text-zinc-400">No investments yet. Charts appear once they put money into a deal.</p>
        ) : (
          <div className="grid gap-8">
            <InvestedOverTimeChart investments={investments} />
            <ReturnsChart deals={investments} />
          </div>
        )}
      </CardBody>
    </Card>
  );
}
