import { formatMoney, formatMoneyShort } from "../format";
import { niceMax, SrTable } from "./SrTable";

export interface DealReturn {
  title: string;
  realizedReturn: number | null;
  projectedReturn: number | null;
}

const W = 560;
const H = 220;
const PAD = { top: 12, right: 12, bottom: 40, left: 56 };

const SERIES = [
  { key: "realizedReturn", label: "Realised", className: "fill-emerald-500" },
  { key: "projectedReturn", label: "Projected", className: "fill-accent-400" },
] as const;

/** Realised vs projected return per deal, as pairs of bars (a loss goes below the zero line; a missing figure has no bar). */
export function ReturnsChart({ deals }: { deals: DealReturn[] }) {
  if (deals.length === 0) return null;
  const values = deals.flatMap((d) => [d.realizedReturn ?? 0, d.projectedReturn ?? 0]);
  const top = niceMax(Math.max(0, ...values));
  const low = Math.min(0, ...values);
  const bottom = low < 0 ? -niceMax(-low) : 0;
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const y = (v: number) => PAD.top + ((top - v) / (top - bottom)) * innerH;
  const group = innerW / deals.length;
  const bar = Math.min(28, (group * 0.7) / 2);
  const ticks = bottom < 0 ? [bottom, 0, top] : [0, top / 2, top];
  const short = (s: string) => (s.length > 14 ? `${s.slice(0, 13)}…` : s);

  return (
    <figure className="space-y-2">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <figcaption className="text-sm font-medium">Realised vs projected return per deal</figcaption>
        <ul className="flex gap-3 text-xs text-zinc-600 dark:text-zinc-400" aria-hidden="true">
          {SERIES.map((s) => (
            <li key={s.key} className="inline-flex items-center gap-1.5">
              <svg className="size-2.5" viewBox="0 0 10 10">
                <rect width="10" height="10" rx="2" className={s.className} />
              </svg>
              {s.label}
            </li>
          ))}
        </ul>
      </div>
      <svg role="img" aria-label={`Realised and projected return for ${deals.length} deal${deals.length === 1 ? "" : "s"}`} viewBox={`0 0 ${W} ${H}`} className="h-auto w-full">
        {ticks.map((v) => (
          <g key={v}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} className="stroke-zinc-200 dark:stroke-zinc-800" strokeDasharray={v === 0 ? undefined : "3 3"} />
            <text x={PAD.left - 8} y={y(v)} dy="0.32em" textAnchor="end" className="fill-zinc-500 text-[12px]">
              {formatMoneyShort(v)}
            </text>
          </g>
        ))}
        {deals.map((d, i) => {
          const cx = PAD.left + group * i + group / 2;
          return (
            <g key={i}>
              {SERIES.map((s, k) => {
                const v = d[s.key];
                if (v === null) return null;
                // A deal with one figure gets one bar, centred.
                const alone = d[SERIES[1 - k].key] === null;
                const x = alone ? cx - bar / 2 : cx - bar + k * bar;
                return (
                  <rect key={s.key} x={x + 1} width={bar - 2} y={Math.min(y(v), y(0))} height={Math.max(1, Math.abs(y(v) - y(0)))} rx="2" className={s.className}>
                    <title>{`${d.title}: ${s.label.toLowerCase()} return ${formatMoney(v)}`}</title>
                  </rect>
                );
              })}
              <text x={cx} y={H - PAD.bottom + 16} textAnchor="middle" className="fill-zinc-500 text-[12px]">
                {short(d.title)}
              </text>
            </g>
          );
        })}
      </svg>
      <SrTable
        caption="Realised vs projected return per deal"
        columns={["Deal", "Realised return", "Projected return"]}
        rows={deals.map((d) => [d.title, formatMoney(d.realizedReturn), formatMoney(d.projectedReturn)])}
      />
    </figure>
  );
}
