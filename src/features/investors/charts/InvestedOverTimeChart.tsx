import { formatDay as formatDate, formatMoney, formatMoneyShort } from "../format";
import { niceMax, SrTable } from "./SrTable";

export interface InvestmentPoint {
  title: string;
  amount: number;
  investedAt: string;
}

const W = 560;
const H = 200;
const PAD = { top: 12, right: 16, bottom: 28, left: 56 };

function runningTotals(sorted: InvestmentPoint[]): (InvestmentPoint & { total: number; t: number })[] {
  const out: (InvestmentPoint & { total: number; t: number })[] = [];
  for (const i of sorted) out.push({ ...i, total: (out.at(-1)?.total ?? 0) + i.amount, t: Date.parse(i.investedAt) });
  return out;
}

/** Invested capital over time: the running total after each investment, as a stepped line. */
export function InvestedOverTimeChart({ investments }: { investments: InvestmentPoint[] }) {
  const sorted = [...investments].sort((a, b) => Date.parse(a.investedAt) - Date.parse(b.investedAt));
  const points = runningTotals(sorted);
  if (points.length === 0) return null;
  const running = points[points.length - 1].total;

  const t0 = points[0].t;
  const t1 = points[points.length - 1].t;
  const yMax = niceMax(running);
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const x = (t: number) => PAD.left + (t1 === t0 ? innerW / 2 : ((t - t0) / (t1 - t0)) * innerW);
  const y = (v: number) => PAD.top + innerH - (v / yMax) * innerH;

  // Step after: flat until the next investment, then up.
  let path = `M ${x(points[0].t)} ${y(0)}`;
  let prevY = y(0);
  for (const p of points) {
    path += ` L ${x(p.t)} ${prevY} L ${x(p.t)} ${y(p.total)}`;
    prevY = y(p.total);
  }
  const area = `${path} L ${x(t1)} ${y(0)} Z`;
  const ticks = [0, yMax / 2, yMax];

  return (
    <figure className="space-y-2">
      <figcaption className="text-sm font-medium">Invested capital over time</figcaption>
      <svg
        role="img"
        aria-label={`Invested capital grew to ${formatMoney(running)} over ${points.length} investment${points.length === 1 ? "" : "s"}`}
        viewBox={`0 0 ${W} ${H}`}
        className="h-auto w-full"
      >
        {ticks.map((v) => (
          <g key={v}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} className="stroke-zinc-200 dark:stroke-zinc-800" strokeDasharray={v === 0 ? undefined : "3 3"} />
            <text x={PAD.left - 8} y={y(v)} dy="0.32em" textAnchor="end" className="fill-zinc-500 text-[12px]">
              {formatMoneyShort(v)}
            </text>
          </g>
        ))}
        <path d={area} className="fill-accent-500/10" />
        <path d={path} fill="none" strokeWidth="2" strokeLinejoin="round" className="stroke-accent-600" />
        {points.map((p, i) => (
          <circle key={i} cx={x(p.t)} cy={y(p.total)} r="4" className="fill-white stroke-accent-600 dark:fill-zinc-900" strokeWidth="2">
            <title>{`${formatDate(p.investedAt)}: ${p.title}, ${formatMoney(p.amount)} (total ${formatMoney(p.total)})`}</title>
          </circle>
        ))}
        <text x={x(t0)} y={H - 8} textAnchor={t1 === t0 ? "middle" : "start"} className="fill-zinc-500 text-[12px]">
          {formatDate(points[0].investedAt)}
        </text>
        {t1 !== t0 && (
          <text x={x(t1)} y={H - 8} textAnchor="end" className="fill-zinc-500 text-[12px]">
            {formatDate(points[points.length - 1].investedAt)}
          </text>
        )}
      </svg>
      <SrTable
        caption="Invested capital over time"
        columns={["Date", "Deal", "Amount", "Total invested"]}
        rows={points.map((p) => [formatDate(p.investedAt), p.title, formatMoney(p.amount), formatMoney(p.total)])}
      />
    </figure>
  );
}
