import { formatMoney, formatPercent } from "../format";
import { SrTable } from "./SrTable";

/** Capital committed vs available as one stacked bar, with the figures as text and as a hidden table. */
export function CapitalBar({ committed, available }: { committed: number; available: number }) {
  const total = committed + available;
  const share = total > 0 ? committed / total : 0;
  const label = `Capital: ${formatMoney(committed)} committed, ${formatMoney(available)} available`;
  return (
    <figure className="space-y-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
        <span className="inline-flex items-center gap-2">
          <span aria-hidden="true" className="size-2.5 rounded-sm bg-accent-600" />
          Committed <strong className="tabular-nums">{formatMoney(committed)}</strong>
        </span>
        <span className="inline-flex items-center gap-2">
          <span aria-hidden="true" className="size-2.5 rounded-sm bg-emerald-500" />
          Available <strong className="tabular-nums">{formatMoney(available)}</strong>
        </span>
      </div>
      <svg role="img" aria-label={label} viewBox="0 0 100 6" preserveAspectRatio="none" className="block h-4 w-full overflow-hidden rounded-full">
        <rect x="0" y="0" width="100" height="6" className="fill-zinc-200 dark:fill-zinc-800" />
        {total > 0 && (
          <>
            <rect x="0" y="0" width={share * 100} height="6" className="fill-accent-600">
              <title>{`Committed: ${formatMoney(committed)} (${formatPercent(share, 0)})`}</title>
            </rect>
            <rect x={share * 100} y="0" width={(1 - share) * 100} height="6" className="fill-emerald-500">
              <title>{`Available: ${formatMoney(available)} (${formatPercent(1 - share, 0)})`}</title>
            </rect>
          </>
        )}
      </svg>
      <figcaption className="text-xs text-zinc-500 dark:text-zinc-400">
        {total > 0 ? `${formatPercent(share, 0)} of ${formatMoney(total)} committed` : "No capital recorded yet"}
      </figcaption>
      <SrTable caption="Capital committed vs available" columns={["Capital", "Amount"]} rows={[["Committed", formatMoney(committed)], ["Available", formatMoney(available)]]} />
    </figure>
  );
}
